"""What planctl imports to start: heavy modules only where they are needed.

Start-up time is whole-process time, mostly imports; timing it in a test would be flaky, but
which modules a command leaves in `sys.modules` is exact. Each command runs in a fresh
interpreter, as a user runs it. `benchmarks/bench.py` measures the time itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from planctl.cli.app import app, for_arguments
from tests.conftest import DATA

# Runs planctl with the arguments after the output path, then writes every module it
# imported to that path, whatever the exit code.
PROBE = """
import json, sys
output, sys.argv = sys.argv[1], ["planctl", *sys.argv[2:]]
try:
    from planctl.cli import main
    main()
finally:
    with open(output, "w", encoding="utf-8") as stream:
        json.dump(sorted(sys.modules), stream)
"""

# Never needed to check a CSV file and print the table.
NOT_FOR_A_CSV_CHECK = [
    # Workbooks, the HTML report, the benchmark's baseline, the tests' readers.
    "openpyxl",
    "xlrd",
    "defusedxml",
    "jinja2",
    "markupsafe",
    "polars",
    "lxml",
    "planctl.read.workbook",
    "planctl.read.archive",
    "planctl.read.sheetxml",
    "planctl.read.calamine",
    "python_calamine",
    # Writing targets files and templates.
    "planctl.authoring.lint",
    "planctl.authoring.extract",
    "planctl.authoring.draft",
    "planctl.authoring.plantext",
    "planctl.authoring.template",
    "planctl.files.xlsx",
    "planctl.render.listing.table",
    "planctl.render.listing.json",
    # The other report formats.
    "planctl.render.json",
    "planctl.render.markdown",
    "planctl.render.junit",
    "planctl.render.html",
    "planctl.render.csv",
    "planctl.render.xlsx",
    "planctl.render.ranking",
    "planctl.render.circular",
    "planctl.render.docx",
    "xlsxwriter",
    "docx",
]
# Never needed by a check of figures whose targets come from the cache: typer's pydantic
# validators for its parameters (planctl.cli.coercion converts paths, text and choices
# without them), or any other (their plugin loader imports importlib.metadata).
NO_VALIDATORS = ["typer._adapters", "pydantic.type_adapter", "pydantic.plugin._loader"]
# Nor pydantic at all: the targets models are dataclasses, validated by pydantic only when a
# file is read afresh (its BaseModel machinery and pydantic_core cost a third of the start).
NO_PYDANTIC = ["pydantic.main", "pydantic_core"]
# Not even imported to print a version or a page of help.
NOT_FOR_HELP = [
    *NOT_FOR_A_CSV_CHECK,
    "pydantic",
    "pydantic_core",
    "yaml",
    "rich.console",
    "planctl.targets.models",
    "planctl.targets.load",
    "planctl.check",
    "planctl.read.submissions",
    "planctl.judge.report",
]


def imported_by(tmp_path: Path, *args: str) -> set[str]:
    output = tmp_path / "modules.json"
    subprocess.run(
        [sys.executable, "-c", PROBE, str(output), *args], capture_output=True, check=False
    )
    return set(json.loads(output.read_text(encoding="utf-8")))


def heavy(modules: set[str], forbidden: list[str]) -> list[str]:
    return sorted(
        module
        for module in modules
        if any(module == name or module.startswith(name + ".") for name in forbidden)
    )


@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["check", "--help"], ["targets", "--help"], []],
    ids=["version", "help", "check-help", "targets-help", "no-arguments"],
)
def test_version_and_help_import_nothing_heavy(tmp_path: Path, args: list[str]) -> None:
    modules = imported_by(tmp_path, *args)
    assert "planctl.cli.app" in modules
    assert heavy(modules, NOT_FOR_HELP) == []


def test_a_county_csv_check_imports_only_what_it_needs(tmp_path: Path) -> None:
    csv = str(DATA / "xianan.csv")
    first = imported_by(tmp_path, "check", csv)
    assert "planctl.render.table" in first
    assert heavy(first, NOT_FOR_A_CSV_CHECK) == []
    # The targets file was validated by the first run; the next takes it from the cache
    # and neither parses YAML nor imports pydantic.
    again = imported_by(tmp_path, "check", csv)
    assert heavy(again, [*NOT_FOR_A_CSV_CHECK, "yaml", *NO_VALIDATORS, *NO_PYDANTIC]) == []
    # One year of figures has no trend to compute or show.
    assert "planctl.judge.trends" not in again


def test_each_report_format_imports_its_own_renderer_alone(tmp_path: Path) -> None:
    modules = imported_by(tmp_path, "check", "--format", "markdown", str(DATA / "xianan.csv"))
    assert "planctl.render.markdown" in modules
    others = ["planctl.render.table", "planctl.render.html", "jinja2", "planctl.render.junit"]
    assert heavy(modules, others) == []


def test_a_check_for_a_machine_draws_nothing_and_validates_no_parameter(tmp_path: Path) -> None:
    """JSON or CSV on stdout, or any format not drawn for a terminal: rich is not needed,
    nor a validator for the parameters given (a path, a format) or not given."""
    csv = str(DATA / "xianan.csv")
    imported_by(tmp_path, "check", csv)  # the targets file validated, into the cache
    for format_ in ("json", "csv"):
        modules = imported_by(tmp_path, "check", "--format", format_, csv)
        assert f"planctl.render.{format_}" in modules
        assert heavy(modules, ["rich", *NO_VALIDATORS]) == []


def test_a_check_with_every_kind_of_parameter_builds_validators_only_for_numbers(
    tmp_path: Path,
) -> None:
    """--year is a number with bounds, for typer's validator; the others are not."""
    csv = str(DATA / "xianan.csv")
    args = ["check", "-f", "markdown", "--county", "咸安区", "--sheet", "x", csv]
    imported_by(tmp_path, "check", csv)
    assert heavy(imported_by(tmp_path, *args), NO_VALIDATORS) == []
    assert "typer._adapters" in imported_by(tmp_path, *args, "--year", "2017")


@pytest.mark.parametrize(
    "args",
    [
        ["check", str(DATA / "xianan.csv")],
        ["check", "--help"],
        ["check", "--bogus", str(DATA / "xianan.csv")],
        ["targets"],
        ["targets", "validate", "--help"],
        ["schema"],
    ],
    ids=["check", "check-help", "check-bad-option", "targets", "validate-help", "schema"],
)
def test_a_command_named_first_is_built_alone_and_runs_the_same(
    runner: CliRunner, args: list[str]
) -> None:
    """typer builds every command it is given on each call; the one named is enough."""
    alone = for_arguments(args)
    assert set(typer.main.get_command(alone).commands) == {args[0]}  # type: ignore[attr-defined]
    ran, whole = runner.invoke(alone, args), runner.invoke(app, args)
    assert (ran.exit_code, ran.stdout, ran.stderr) == (whole.exit_code, whole.stdout, whole.stderr)


@pytest.mark.parametrize("args", [[], ["--help"], ["--version", "check"], ["chek"]], ids=repr)
def test_arguments_naming_no_command_first_get_every_command(args: list[str]) -> None:
    """The root's help and its unknown-command message list them all."""
    assert for_arguments(args) is app


# Runs planctl with the arguments after the output path and writes how many times the cycle
# collector ran while the app was imported or ran (code of cli/app.py on the stack: not the
# interpreter's own start or end), whatever the exit code.
COLLECTIONS = """
import gc, sys
from pathlib import Path
output, sys.argv = sys.argv[1], ["planctl", *sys.argv[2:]]
runs = []

def in_the_app():
    frame = sys._getframe()
    while frame is not None:
        if Path(frame.f_code.co_filename).parts[-3:] == ("planctl", "cli", "app.py"):
            return True
        frame = frame.f_back
    return False

def counted(phase, info):
    if phase == "start" and in_the_app():
        runs.append(info)

gc.callbacks.append(counted)
try:
    from planctl.cli import main
    main()
finally:
    with open(output, "w", encoding="utf-8") as stream:
        stream.write(str(len(runs)))
"""


@pytest.mark.parametrize(
    "args", [["check", str(DATA / "xianan.csv")], ["--help"]], ids=["check", "help"]
)
def test_starting_runs_no_cycle_collection(tmp_path: Path, args: list[str]) -> None:
    """Its imports make tens of thousands of objects that live as long as the process, and
    no garbage: the collector would walk them some 60 times in a one-county check."""
    output = tmp_path / "collections.txt"
    subprocess.run(
        [sys.executable, "-c", COLLECTIONS, str(output), *args], capture_output=True, check=False
    )
    assert output.read_text(encoding="utf-8") == "0"
