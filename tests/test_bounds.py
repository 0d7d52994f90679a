"""Every read is bounded: huge cells, endless and special files, looping and deep folders,
deep or non-finite targets files. Each case ends in exit 2 with its exact message (or a
bounded, correct read), nothing on stdout, in bounded time. Big inputs are made in tmp_path
when the test runs; sparse files stand for files too large to write."""

from __future__ import annotations

import csv
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.domain.problems import SubmissionError
from planctl.files import text as textfile
from planctl.files.limits import CSV_SUBMISSION, MAX_CELL_CHARS, MAX_FOLDER_DEPTH, TARGETS_FILE
from planctl.read.submissions import read_submissions
from planctl.targets.models import TargetSet
from tests.conftest import DATA, HEADER, PLAN_TEXT, TARGETS_2017

# Generous: each case takes well under a second here; a hang or a quadratic read does not.
SECONDS = 20
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev are POSIX")
CELL_TOO_LONG = (
    f"a cell longer than {MAX_CELL_CHARS:,} characters, which no figure, name or note is; "
    'is a quote (") left open? The rest of the file is not read'
)
NOT_REGULAR = (
    "not a regular file but {kind}, which planctl does not read (it could block or never "
    "end); save the data to a file and give that"
)
TOO_DEEP = "mappings and lists nested more than 32 levels deep; a targets file nests 4"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process, in bounded time; exit code, stdout, stderr."""
    start = time.monotonic()
    result = runner.invoke(app, list(args))
    assert time.monotonic() - start < SECONDS
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def submission(rows: list[str]) -> str:
    return HEADER + "".join(row + "\n" for row in rows)


GOOD_ROW = "咸安区,毛入园率,88.51,21950,24800,"


# --- Cells over the csv module's limit ---------------------------------------------------


def _long_county(path: Path) -> int:
    # 1 Mi characters, 3 MiB: read by the column reader.
    path.write_text(submission([GOOD_ROW, "咸" * 2**20 + ",毛入园率,88.51,21950,24800,"]))
    return 3


def _long_note(path: Path) -> int:
    # Under 256 KiB: read row by row.
    path.write_text(submission([GOOD_ROW, GOOD_ROW.rstrip(",") + "," + "x" * 200_000]))
    return 3


def _one_line(path: Path) -> int:
    path.write_bytes(b"a" * (16 * 2**20))
    return 1


def _open_quote(path: Path) -> int:
    # A quote that closes only 140,000 characters on: a cell no submission has.
    path.write_text(submission([GOOD_ROW, '咸安区,"毛入园率', *["x" * 69] * 2000, '",88.51,,,']))
    return 3


@pytest.mark.parametrize("make", [_long_county, _long_note, _one_line, _open_quote])
def test_a_cell_over_the_limit_names_its_line(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path], int],
) -> None:
    monkeypatch.chdir(tmp_path)
    line = make(tmp_path / "county.csv")
    code, stdout, stderr = run(runner, "check", "county.csv")
    assert (code, stdout) == (2, "")
    assert stderr == f"county.csv:{line}: {CELL_TOO_LONG}\n"


def test_the_limit_is_the_csv_modules() -> None:
    assert csv.field_size_limit() == MAX_CELL_CHARS


def test_both_readers_end_the_table_at_a_long_cell(targets: TargetSet, tmp_path: Path) -> None:
    """Problems before the long cell are reported, rows after it are not read: by the row
    reader and the column reader alike."""
    rows = [GOOD_ROW.replace("咸安区", "咸安区") for _ in range(3)]
    rows += ["咸安区,毛入学率,1,,,", "x" * 200_000 + ",毛入园率,1,,,", "咸安区,bad,1,,,"]
    rows += ["咸安区,毛入园率,88.51,21950,24800,"] * 20_000
    path = tmp_path / "county.csv"
    path.write_text(submission(rows), encoding="utf-8")
    said = []
    for columns in (False, True):
        with pytest.raises(SubmissionError) as caught:
            read_submissions([path], targets, columns=columns)
        said.append([str(problem) for problem in caught.value.problems])
    assert said[0] == said[1]
    assert said[0][-1] == f"{path}:6: {CELL_TOO_LONG}"
    assert not any(":7:" in problem for problem in said[0])


# --- Special and endless files -----------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    return path


def _commands(path: str) -> list[list[str]]:
    county = str(DATA / "xianan.csv")
    return [
        ["check", path],
        ["check", "--targets", path, county],
        ["targets", "--targets", path],
        ["extract", path],
        ["targets", "validate", str(TARGETS_2017), "--plan", path],
    ]


@POSIX
@pytest.mark.parametrize("command", range(5))
def test_a_fifo_without_a_writer_is_refused_not_waited_for(
    runner: CliRunner, fifo: Path, command: int
) -> None:
    code, stdout, stderr = run(runner, *_commands(str(fifo))[command])
    assert (code, stdout) == (2, "")
    assert f"{fifo}: {NOT_REGULAR.format(kind='a named pipe (FIFO)')}\n" in stderr


@POSIX
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("command", range(5))
def test_an_endless_device_is_refused(runner: CliRunner, device: str, command: int) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    code, stdout, stderr = run(runner, *_commands(device)[command])
    assert (code, stdout) == (2, "")
    assert f"{device}: {NOT_REGULAR.format(kind='a character device')}\n" in stderr


@pytest.mark.parametrize(
    ("args", "size", "what", "limit"),
    [
        (["check", "{path}"], CSV_SUBMISSION.max_bytes + 1, "a submission", "1.0 GiB"),
        (["targets", "--targets", "{path}"], 100 * 2**20, "a targets file", "4.0 MiB"),
        (["extract", "{path}"], 5 * 2**20, "a plan's text", "4.0 MiB"),
    ],
)
def test_a_file_over_its_limit_is_refused_by_its_size(
    runner: CliRunner, tmp_path: Path, args: list[str], size: int, what: str, limit: str
) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:  # sparse: nothing is written to disk
        handle.truncate(size)
    code, stdout, stderr = run(runner, *(arg.format(path=path) for arg in args))
    assert (code, stdout) == (2, "")
    said = textfile.format_size(size)
    assert stderr == (
        f"{path}: the file is {said}; {what} is far smaller, and planctl reads at most {limit}\n"
    )


def test_a_file_that_grows_past_its_limit_while_read_is_refused(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file says it is small when opened, then goes on: as a log still being written."""
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"#" * (TARGETS_FILE.max_bytes + 10))
    real_fstat = os.fstat

    def small(descriptor: int) -> os.stat_result:
        status = list(real_fstat(descriptor))
        status[6] = 100  # st_size
        return os.stat_result(status)

    monkeypatch.setattr(textfile.os, "fstat", small)
    code, stdout, stderr = run(runner, "targets", "--targets", str(path))
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"{path}: the file grew past 4.0 MiB while it was read, the most planctl reads of a "
        "targets file; is something still writing it?\n"
    )


# --- Folders -----------------------------------------------------------------------------


def _county_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "counties"
    (folder / "a").mkdir(parents=True)
    shutil.copy(DATA / "xianan.csv", folder / "a" / "xianan.csv")
    return folder


@POSIX
def test_a_folder_that_loops_through_a_link_is_read_once(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _county_folder(tmp_path)
    (folder / "a" / "up").symlink_to("..", target_is_directory=True)
    (folder / "again").symlink_to("a", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = run(runner, "check", "-v", "counties")
    assert code == 0 and "PASS" in stdout
    assert (
        "counties/again: note: folder skipped: the same folder as counties/a, read there\n"
        "counties/a/up: note: folder skipped: a link back to counties, which holds it (a loop)\n"
        "counties/a/xianan.csv: note: read as utf-8"
    ) in stderr


@POSIX
def test_links_that_loop_or_lead_nowhere_are_named(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "links"
    folder.mkdir()
    (folder / "a.csv").symlink_to("b.csv")
    (folder / "b.csv").symlink_to("a.csv")
    (folder / "gone.csv").symlink_to("nowhere.csv")
    (folder / "away.xlsx").symlink_to("/nonexistent/away.xlsx")
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = run(runner, "check", "links", "links/a.csv")
    assert (code, stdout) == (2, "")
    assert stderr == (
        "links/a.csv: a symbolic link that leads round in a loop; it names no file\n"
        "links/away.xlsx: a broken symbolic link: it points to '/nonexistent/away.xlsx', "
        "which does not exist\n"
        "links/b.csv: a symbolic link that leads round in a loop; it names no file\n"
        "links/gone.csv: a broken symbolic link: it points to 'nowhere.csv', which does not "
        "exist\n"
    )


@POSIX
def test_a_fifo_in_a_folder_is_named(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _county_folder(tmp_path)
    os.mkfifo(folder / "pipe.csv")
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = run(runner, "check", "counties")
    assert (code, stdout) == (2, "")
    assert stderr == f"counties/pipe.csv: {NOT_REGULAR.format(kind='a named pipe (FIFO)')}\n"


@pytest.mark.slow
def test_a_folder_nested_thousands_deep_is_refused_at_its_limit(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = _county_folder(tmp_path)
    levels = 1_200
    # Made and removed a level at a time: the whole path passes PATH_MAX, and pytest's
    # clean-up (shutil.rmtree) recurses once a level.
    with monkeypatch.context() as inside:
        inside.chdir(folder)
        for _ in range(levels):
            os.mkdir("d")
            os.chdir("d")
        Path("x.csv").write_text(HEADER + GOOD_ROW + "\n", encoding="utf-8")
    try:
        code, stdout, stderr = run(runner, "check", "counties")
    finally:
        with monkeypatch.context() as inside:
            inside.chdir(Path(folder, *["d"] * 100))
            for _ in range(levels - 100):
                os.chdir("d")
            os.remove("x.csv")
            for _ in range(levels):
                os.chdir("..")
                os.rmdir("d")
    deep = Path("counties", *["d"] * (MAX_FOLDER_DEPTH + 1))
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"{deep}: folder not read: it lies more than 32 levels below counties, deeper than "
        "planctl looks; give it by name, or move its files up\n"
    )


# --- Targets files ------------------------------------------------------------------------


def _targets_2017() -> str:
    return TARGETS_2017.read_text(encoding="utf-8")


def _edited(old: str, new: str, message: str) -> tuple[str, str]:
    """The 2017 file with its first `old` made `new`, and the message on that line."""
    content = _targets_2017()
    line = content[: content.index(old)].count("\n") + 1
    suffix = " (got 'nan')" if "finite number" in message and "nan'" in new else ""
    return content.replace(old, new, 1), f"{line}: {message}{suffix}"


_FINITE = "is not a number a target can use; write a finite number"
_NAN = f"valid_range.max: NaN (not a number) {_FINITE}"
_MINUS_INF = f"threshold: minus infinity {_FINITE}"
_INF = f"provenance.deadline: infinity {_FINITE}"


@pytest.mark.parametrize(
    ("content", "stderr"),
    [
        ("schema_version: 1\nplan: " + "[" * 10_000 + "]" * 10_000 + "\n", f"2: {TOO_DEEP}"),
        ("schema_version: 1\nplan: " + "{a: " * 10_000 + "1" + "}" * 10_000, f"2: {TOO_DEEP}"),
        (
            "schema_version: 1\n" + "".join(" " * i + f"k{i}:\n" for i in range(2_000)),
            f"34: {TOO_DEEP}",
        ),
        _edited("valid_range: {min: 0, max: 200}", "valid_range: {max: .nan}", _NAN),
        _edited("threshold: 87\n", "threshold: -.inf\n", _MINUS_INF),
        _edited("deadline: 2017\n", "deadline: 1.0e+999\n", _INF),
        _edited(
            "threshold: 87\n", "threshold: 'nan'\n", "threshold: Input should be a finite number"
        ),
        _edited(
            "threshold: 87\n",
            "threshold: 1" + "0" * 5_000 + "\n",
            "a number of 5,001 digits, longer than any a target uses",
        ),
    ],
    ids=["deep-lists", "deep-maps", "deep-block", "nan", "minus-inf", "inf", "nan-text", "digits"],
)
def test_a_bad_targets_file_is_refused_with_its_line(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: str,
    stderr: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("t.yaml").write_text(content, encoding="utf-8")
    for args in (["targets", "--targets", "t.yaml"], ["check", "-t", "t.yaml", str(DATA)]):
        code, stdout, said = run(runner, *args)
        assert (code, stdout) == (2, "")
        assert said == f"t.yaml:{stderr}\n"


_FINITE_ZH = "不是目标可用的数字；请填写有限的数字"


@pytest.mark.parametrize(
    ("old", "new", "stderr"),
    [
        (
            "valid_range: {min: 0, max: 200}",
            "valid_range: {max: .nan}",
            f"valid_range.max: NaN（非数字） {_FINITE_ZH}",
        ),
        ("threshold: 87\n", "threshold: -.inf\n", f"threshold: 负无穷大 {_FINITE_ZH}"),
        ("deadline: 2017\n", "deadline: 1.0e+999\n", f"provenance.deadline: 无穷大 {_FINITE_ZH}"),
    ],
    ids=["nan", "minus-inf", "inf"],
)
def test_a_number_that_is_not_finite_is_named_in_chinese(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    old: str,
    new: str,
    stderr: str,
) -> None:
    """The names of NaN and the infinities were English in the Chinese message."""
    monkeypatch.chdir(tmp_path)
    content, english = _edited(old, new, "")
    Path("t.yaml").write_text(content, encoding="utf-8")
    line = english.partition(":")[0]
    code, stdout, said = run(runner, "targets", "--lang", "zh", "--targets", "t.yaml")
    assert (code, stdout) == (2, "")
    assert said == f"t.yaml:{line}: {stderr}\n"


def test_the_plan_read_for_validation_is_bounded_too(runner: CliRunner, tmp_path: Path) -> None:
    """A plan named in the targets file's source_text is read within the same limit."""
    plan = tmp_path / "plan.txt"
    with plan.open("wb") as handle:
        handle.truncate(5 * 2**20)
    targets = tmp_path / "t.yaml"
    targets.write_text(
        _targets_2017().replace(
            "source_text: xianning-education-2017-work-priorities.txt", "source_text: plan.txt"
        ),
        encoding="utf-8",
    )
    shutil.copy(PLAN_TEXT, tmp_path / PLAN_TEXT.name)
    code, _, stderr = run(runner, "targets", "validate", str(targets))
    assert code == 0
    assert "the file is 5.0 MiB; a plan's text is far smaller" in stderr


def test_the_readme_states_the_limits_in_force() -> None:
    from planctl.files import limits
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Limits") : readme.index("### Names people type")]
    for stated in (
        f"at most {textfile.format_size(limits.CSV_SUBMISSION.max_bytes).replace('.0', '')}",
        f"at most {textfile.format_size(limits.TARGETS_FILE.max_bytes).replace('.0', '')} (2,850",
        f"at most {textfile.format_size(limits.PLAN_TEXT.max_bytes).replace('.0', '')} (the 2017",
        f"at most {limits.MAX_CELL_CHARS:,} characters",
        f"{limits.MAX_FOLDER_DEPTH} levels of folders deep and {limits.MAX_FOLDER_ENTRIES:,}",
        f"nested at most {limits.MAX_YAML_DEPTH} deep",
        f"sentences of at most {limits.MAX_SENTENCE_CHARS:,} characters",
        f"a sheet's row numbered past {limits.MAX_SHEET_ROWS:,}",
        f"read to column {limits.MAX_SHEET_COLUMNS} (IV)",
    ):
        assert stated in section, stated


def test_extract_skips_a_sentence_too_long_to_search_and_says_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan of one line without 。 (128,000 characters) took 12 s, a 4 MiB one hours."""
    monkeypatch.chdir(tmp_path)
    plan = PLAN_TEXT.read_text(encoding="utf-8")
    endless = "学前三年毛入园率达到87%以上和" * 8_000
    Path("plan.txt").write_text(plan + "\n30. " + endless + "\n", encoding="utf-8")
    line = plan.count("\n") + 2
    code, stdout, stderr = run(runner, "extract", "plan.txt")
    assert code == 0 and "DRAFT" in stdout
    assert stderr == (
        f"plan.txt:{line}: warning: a sentence of {len(endless):,} characters, longer than "
        "the 2,000 planctl searches for targets, is not read; is the text one line without 。?\n"
    )
