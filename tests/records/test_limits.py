"""The bounds of record tables are the README's: the Limits table states each one in force."""

from __future__ import annotations

from planctl.files import limits
from planctl.files import text as textfile
from planctl.records import tables
from tests.conftest import ROOT


def size(limit: limits.InputLimit) -> str:
    return textfile.format_size(limit.max_bytes).replace(".0", "")


def test_the_readme_states_the_record_bounds_in_force() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Limits") : readme.index("### Names people type")]
    for stated in (
        f"a records file (`--measures`) | at most {size(limits.RECORDS_FILE)}",
        f"table at most {size(limits.RECORD_TABLE)} and {limits.RECORD_TABLE_ROWS:,} rows",
        f"stops after {tables.MAX_PROBLEMS:,} problems",
        f"at most {size(limits.PARQUET_RECORDS_FILE)} a file",
        f"the {limits.DRILL_DOWN_RECORDS} largest per county and target",
    ):
        assert stated in section, stated
