"""The whole CLI on mutated sample files: bytes flipped, inserted, deleted, lines repeated,
files cut short. Whatever the input, planctl exits 0, 1 or 2 and never says "internal
error" or shows a traceback.

Each kind of input runs `PLANCTL_FUZZ_EXAMPLES` examples (default 40, so the suite stays
fast); a campaign of thousands is `PLANCTL_FUZZ_EXAMPLES=2000 python -m pytest
tests/test_fuzz.py`, or `python benchmarks/fuzz.py` for a seeded run without hypothesis's
shrinking that reports what it ran.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from planctl.cli.app import app
from tests.conftest import DATA, FIXTURES, PLAN_TEXT, TARGETS_2017

# Slow (the whole CLI on many mutated inputs): `pytest -m "not slow"` leaves it out; CI runs it.
pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("PLANCTL_FUZZ_EXAMPLES", "40"))
SAMPLES = {
    "csv": [*sorted(DATA.glob("*.csv")), FIXTURES / "workbooks" / "wide.csv"],
    "xlsx": [FIXTURES / "workbooks" / "long.xlsx", FIXTURES / "workbooks" / "wide.xlsx"],
    "yaml": [TARGETS_2017],
    "txt": [PLAN_TEXT],
}
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def mutate(data: bytes, edits: list[tuple[str, int, int, bytes]]) -> bytes:
    """`data` with each edit applied: (what, where, how much, bytes to put in)."""
    for what, where, size, inserted in edits:
        at = where % (len(data) + 1)
        if what == "flip" and data:
            at %= len(data)
            data = data[:at] + bytes([data[at] ^ (1 << size % 8)]) + data[at + 1 :]
        elif what == "insert":
            data = data[:at] + inserted + data[at:]
        elif what == "delete":
            data = data[:at] + data[at + size :]
        elif what == "repeat":
            lines = data.splitlines(keepends=True)
            if lines:
                line = lines[at % len(lines)]
                lines[at % len(lines) : at % len(lines)] = [line] * (size % 50 + 1)
                data = b"".join(lines)
        elif what == "truncate":
            data = data[:at]
    return data


# Bytes that mean something to a parser: quotes, separators, line ends, signs, brackets.
_SPECIAL = st.sampled_from(
    [
        *(b'"', b",", b"\n", b"\r", b"\t", b";", b"#", b"%", b"-", b"{", b"[", b":", b"&a", b"*a"),
        *(b"\x00", b"\xff", b"\xef\xbb\xbf", b".nan", "８".encode(), "万".encode()),
    ]
)
EDITS = st.lists(
    st.tuples(
        st.sampled_from(["flip", "insert", "delete", "repeat", "truncate"]),
        st.integers(min_value=0, max_value=2**20),
        st.integers(min_value=0, max_value=400),
        st.one_of(_SPECIAL, st.binary(max_size=40)),
    ),
    min_size=1,
    max_size=8,
)


def command_for(kind: str, path: Path) -> list[str]:
    """The command that reads a mutated file of `kind`."""
    if kind == "yaml":
        return ["check", "--targets", str(path), str(DATA)]
    if kind == "txt":
        return ["extract", str(path)]
    return ["check", str(path)]


def run_mutated(kind: str, sample: Path, edits: list[tuple[str, int, int, bytes]]) -> int:
    """Run the CLI on one mutated file; assert it ended as planctl promises; its exit code."""
    data = mutate(sample.read_bytes(), edits)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / sample.name
        path.write_bytes(data)
        runner = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None})
        result = runner.invoke(app, command_for(kind, path))
    said = result.stdout + result.stderr
    assert result.exit_code in (0, 1, 2), (result.exit_code, said[-2000:], edits)
    assert "internal error" not in result.stderr, (result.stderr[-2000:], edits)
    assert "Traceback" not in said, (said[-2000:], edits)
    assert result.exception is None or isinstance(result.exception, SystemExit), edits
    return result.exit_code


@pytest.mark.parametrize("kind", sorted(SAMPLES))
@FUZZ
@given(data=st.data(), edits=EDITS)
def test_mutated_inputs_never_break_the_cli(
    kind: str, data: st.DataObject, edits: list[tuple[str, int, int, bytes]]
) -> None:
    sample = data.draw(st.sampled_from(SAMPLES[kind]))
    run_mutated(kind, sample, edits)
