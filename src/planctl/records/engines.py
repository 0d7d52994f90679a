"""The engines that run the measures' SQL: DuckDB embedded (the default) and Apache Spark.

Each engine is an optional extra, imported only when a records command runs, so `planctl
check` of submissions never loads it; a missing one is a clear RecordsError (exit 2) saying
which extra to install. Both see each record table as a view of its source's name: the clean
CSV that `records.tables` wrote, with the declared types, or the Parquet files as given.
Spark runs in local mode unless `master` (a `spark://` or `yarn` URL) or the environment's
`SPARK_REMOTE` (Spark Connect) names a cluster.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Protocol, assert_never

from planctl.domain.problems import Problem, RecordsError
from planctl.i18n.codes import Msg
from planctl.records.choices import EngineName
from planctl.records.spec import ColumnType, Records, Source
from planctl.records.sql import Dialect, identifier, literal

__all__ = ["DuckDB", "Engine", "EngineName", "Spark", "open_engine"]
from planctl.records.tables import Staged


class Engine(Protocol):
    """What compute needs of an engine: tables registered, SQL run, rows back."""

    dialect: Dialect

    def register(self, staged: dict[str, Staged], records: Records) -> None: ...

    def rows(self, sql: str) -> list[tuple[Any, ...]]: ...

    def close(self) -> None: ...


def open_engine(name: EngineName, master: str | None = None) -> Engine:
    """A connected engine; RecordsError when its extra is not installed."""
    match name:
        case EngineName.DUCKDB:
            return DuckDB()
        case EngineName.SPARK:
            return Spark(master)
        case _:
            assert_never(name)


def missing_extra(module: str, extra: str) -> RecordsError:
    """The error of an engine whose package is not installed."""
    fields: dict[str, object] = {"module": module, "extra": extra}
    return RecordsError([Problem(Msg.RECORDS_EXTRA_MISSING, module, fields=fields)])


def query_failed(engine: str, exc: Exception) -> RecordsError:
    """The error of a query the engine could not run, with the first line of its reason."""
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return RecordsError([Problem(Msg.RECORDS_DUCKDB_FAILED, engine, fields={"reason": reason})])


def duckdb_module() -> Any:
    try:
        import duckdb
    except ImportError:
        raise missing_extra("duckdb", "records") from None
    return duckdb


_DUCKDB_TYPES = {
    ColumnType.TEXT: "VARCHAR",
    ColumnType.ENUM: "VARCHAR",
    ColumnType.INTEGER: "BIGINT",
    ColumnType.NUMBER: "DOUBLE",
}


class DuckDB:
    """DuckDB in this process, in memory; it reads the tables where they are."""

    dialect = Dialect.DUCKDB

    def __init__(self) -> None:
        self.connection = duckdb_module().connect()
        # Its progress bar would draw on the terminal, between planctl's own lines.
        self.connection.execute("SET enable_progress_bar = false")

    def register(self, staged: dict[str, Staged], records: Records) -> None:
        for name, table in staged.items():
            source = records.spec.sources[name]
            self.connection.execute(
                f"CREATE VIEW {identifier(name, self.dialect)} AS {scan(source, table)}"
            )

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        try:
            result: list[tuple[Any, ...]] = self.connection.execute(sql).fetchall()
        except duckdb_module().Error as exc:  # out of memory, a file that changed meanwhile
            raise query_failed("duckdb", exc) from None
        return result

    def close(self) -> None:
        self.connection.close()


def scan(source: Source, table: Staged) -> str:
    """The DuckDB query that reads a staged table with its declared columns."""
    dialect = Dialect.DUCKDB
    if table.clean is not None:
        types = ", ".join(
            f"{literal(name, dialect)}: {literal(_DUCKDB_TYPES[_type(source, name)], dialect)}"
            for name in source.columns
        )
        path = literal(str(table.clean), dialect)
        return (
            f"SELECT * FROM read_csv({path}, header = true, auto_detect = false, "
            f"columns = {{{types}}}, quote = '\"', escape = '\"', delim = ',')"
        )
    paths = ", ".join(literal(str(path), dialect) for path in table.parquet)
    columns = ", ".join(identifier(name, dialect) for name in source.columns)
    return f"SELECT {columns} FROM read_parquet([{paths}])"


def _type(source: Source, name: str) -> ColumnType:
    column = source.column(name)
    assert column is not None
    return column.type


_QUIET_LOG = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = spark: %p %c{1}: %m%n
"""


def _quiet_log_config(create: bool = True) -> Path:
    """A log4j2 configuration that lets only errors through, for this process's JVM."""
    import tempfile

    path = Path(tempfile.gettempdir()) / f"planctl-spark-log4j2-{os.getpid()}.properties"
    if create:
        path.write_text(_QUIET_LOG, encoding="utf-8")
    return path


class Spark:
    """A Spark session: local mode, a master URL, or Spark Connect from `SPARK_REMOTE`."""

    dialect = Dialect.SPARK

    def __init__(self, master: str | None) -> None:
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise missing_extra("pyspark", "spark") from None
        builder: Any = SparkSession.builder.appName("planctl")
        remote = os.environ.get("SPARK_REMOTE")
        if master is None and remote:
            builder = builder.remote(remote)
        else:
            # The JVM's own logging would fill stderr, where planctl's messages go: errors
            # only, and no progress bars.
            quiet = f"-Dlog4j2.configurationFile={_quiet_log_config().as_uri()}"
            builder = (
                builder.master(master or "local[*]")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.driver.extraJavaOptions", quiet)
                .config("spark.sql.shuffle.partitions", "8")
            )
        try:
            self.session = builder.getOrCreate()
        except Exception as exc:  # no Java, a cluster that does not answer
            fields: dict[str, object] = {"reason": str(exc).splitlines()[0] if str(exc) else ""}
            raise RecordsError(
                [Problem(Msg.RECORDS_ENGINE_FAILED, "spark", fields=fields)]
            ) from None
        finally:
            # The JVM has read its logging configuration as it started.
            _quiet_log_config(create=False).unlink(missing_ok=True)

    def register(self, staged: dict[str, Staged], records: Records) -> None:
        from pyspark.sql import types as T

        kinds = {
            ColumnType.TEXT: T.StringType(),
            ColumnType.ENUM: T.StringType(),
            ColumnType.INTEGER: T.LongType(),
            ColumnType.NUMBER: T.DoubleType(),
        }
        for name, table in staged.items():
            source = records.spec.sources[name]
            columns = list(source.columns)
            if table.clean is not None:
                schema = T.StructType(
                    [
                        T.StructField(column, kinds[_type(source, column)], True)
                        for column in columns
                    ]
                )
                frame = self.session.read.csv(
                    str(table.clean), header=True, schema=schema, escape='"', encoding="UTF-8"
                )
            else:
                frame = self.session.read.parquet(*(str(path) for path in table.parquet))
                frame = frame.select(*columns)
            frame.createOrReplaceTempView(name)

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        try:
            return [tuple(row) for row in self.session.sql(sql).collect()]
        except Exception as exc:  # pyspark's errors come from the JVM, of many classes
            raise query_failed("spark", exc) from None

    def close(self) -> None:
        # The session is shared by the process (getOrCreate); stopping it here would stop a
        # caller's. The process's exit ends a local one.
        pass
