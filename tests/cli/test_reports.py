"""`--format` and `--report` from the command line: what goes where, and the exit code."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.check import run_check
from planctl.cli.app import app
from planctl.render import Format, render_file, suffix_of
from planctl.render.options import RenderOptions
from tests.conftest import DATA, TARGETS_2017


def run(runner: CliRunner, *args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stderr + result.stdout
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("format_", list(Format))
@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["xianan.csv"], 0),
        (["tongcheng.csv"], 1),
        (["chibi.csv"], 0),
        (["chibi.csv", "--strict"], 1),
        (["."], 1),
    ],
)
def test_the_exit_code_does_not_depend_on_the_format(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, format_: Format, args: list[str], code: int
) -> None:
    monkeypatch.chdir(DATA)
    exit_code, stdout, stderr = run(runner, "check", "--format", format_.value, *args)
    assert (exit_code, stderr) == (code, "")
    assert stdout


def test_one_run_prints_the_table_and_writes_every_report(
    runner: CliRunner, tmp_path: Path
) -> None:
    paths = [tmp_path / f"compliance{suffix_of(f)}" for f in Format]
    options = [arg for path in paths for arg in ("--report", path)]
    code, stdout, stderr = run(runner, "check", DATA / "tongcheng.csv", *options)
    assert (code, stderr) == (1, "")
    assert "FAIL: 2 failing result(s)" in stdout
    report = run_check([DATA / "tongcheng.csv"])
    for format_, path in zip(Format, paths, strict=True):
        expected = render_file(format_, report, RenderOptions())
        assert path.read_bytes() == expected, path.name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)


def test_a_report_file_follows_strict(runner: CliRunner, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    code, _, _ = run(runner, "check", "--strict", DATA / "chibi.csv", "--report", summary)
    assert code == 1
    assert summary.read_text(encoding="utf-8").startswith(
        "## ❌ FAIL (--strict): 1 aspirational target(s) not met"
    )


def test_an_unknown_extension_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    code, stdout, stderr = run(
        runner, "check", DATA / "xianan.csv", "--report", tmp_path / "compliance.pdf"
    )
    assert (code, stdout) == (2, "")
    assert "Invalid value for '--report'" in stderr
    assert "compliance.pdf' has no report extension planctl knows; use one of" in stderr
    assert ".json, .md, .xml, .csv, .html" in stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_input_leaves_no_report(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("county,indicator,value\n咸安区,毛入园率,abc\n", encoding="utf-8")
    old = tmp_path / "compliance.xml"
    old.write_text("the last good report")
    new = tmp_path / "summary.md"
    code, stdout, stderr = run(runner, "check", bad, "--report", old, "--report", new)
    assert (code, stdout) == (2, "")
    assert "bad.csv:2: value: 'abc' is not a number" in stderr
    assert old.read_text() == "the last good report" and not new.exists()


def test_an_unwritable_report_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    missing = tmp_path / "absent" / "compliance.xml"
    code, stdout, stderr = run(
        runner, "check", DATA / "xianan.csv", "--report", good, "--report", missing
    )
    assert (code, stdout) == (2, "")
    assert stderr == f"{missing}: cannot write the report: No such file or directory\n"
    assert not good.exists()


def test_a_report_never_overwrites_an_input(runner: CliRunner, tmp_path: Path) -> None:
    county = tmp_path / "xianan.csv"
    shutil.copy(DATA / "xianan.csv", county)
    before = county.read_bytes()
    code, _, stderr = run(runner, "check", county, "--report", county)
    assert code == 2
    assert stderr == f"{county}: the report would overwrite an input file; write it elsewhere\n"
    assert county.read_bytes() == before
    code, _, _ = run(runner, "check", county, "--targets", TARGETS_2017, "--report", TARGETS_2017)
    assert code == 2


def test_documents_go_to_stdout_as_utf8_whatever_the_console(tmp_path: Path) -> None:
    """A redirected stdout on Chinese Windows is GBK; the XML still says UTF-8, so it must be."""
    runner = CliRunner(env={"NO_COLOR": "1"}, charset="gbk")
    result = runner.invoke(app, ["check", "-f", "junit", str(DATA / "xianan.csv")])
    assert result.stdout_bytes.decode("utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert "咸安区".encode() in result.stdout_bytes


def _county_workbook(source: Path, path: Path) -> None:
    """A county's figures as a workbook, with custom document properties of its own."""
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    book = Workbook()
    with source.open(encoding="utf-8-sig", newline="") as lines:
        for row in csv.reader(lines):
            if not row[0].startswith("#"):
                book.active.append(row)  # type: ignore[union-attr]
    properties = book.custom_doc_props  # type: ignore[attr-defined]
    properties.append(StringProperty(name="填报单位", value="嘉鱼县教育局"))
    properties.append(StringProperty(name="planctl", value="template"))
    book.save(path)


class TestReportsAndTheFoldersRead:
    """A report never goes into a folder the check reads, and is never read as a submission."""

    @pytest.fixture
    def folder(self, tmp_path: Path) -> Path:
        data = tmp_path / "data"
        (data / "sub").mkdir(parents=True)
        shutil.copy(DATA / "tongcheng.csv", data / "tongcheng.csv")
        return data

    @pytest.mark.parametrize(
        "report",
        [
            "summary.csv",
            "summary.json",
            "sub/summary.md",
            "sub/new/summary.html",
            "summary.xml",
            "summary.txt",
        ],
    )
    def test_a_report_inside_a_directory_read_is_refused(
        self, runner: CliRunner, folder: Path, report: str
    ) -> None:
        before = sorted(folder.rglob("*"))
        code, stdout, stderr = run(runner, "check", folder, "--report", folder / report)
        assert (code, stdout) == (2, "")
        # Only a CSV report would be found among the submissions next time; the others are
        # refused to keep reports apart from inputs, and said to be so, not to be read.
        found = (
            ", and the next check of it would find this .csv report among the submissions"
            if report.endswith(".csv")
            else ""
        )
        assert stderr == (
            f"{folder / report}: the report would be written into {folder.resolve()}, a folder "
            f"this check reads{found}; keep reports out of the folders you check\n"
        )
        assert sorted(folder.rglob("*")) == before

    def test_through_a_link_too(self, runner: CliRunner, folder: Path, tmp_path: Path) -> None:
        link = tmp_path / "link"
        link.symlink_to(folder, target_is_directory=True)
        code, _, stderr = run(runner, "check", folder, "--report", link / "r.csv")
        assert code == 2 and "a folder this check reads" in stderr

    @pytest.mark.parametrize(
        ("args", "report"),
        [
            # Beside a file named: the folder is not read, only the file.
            (["tongcheng.csv"], "summary.csv"),
            # A hidden folder inside a directory read: the check never walks into it.
            (["."], ".reports/summary.csv"),
        ],
    )
    def test_beside_a_file_or_in_a_hidden_folder_is_allowed(
        self,
        runner: CliRunner,
        folder: Path,
        monkeypatch: pytest.MonkeyPatch,
        args: list[str],
        report: str,
    ) -> None:
        monkeypatch.chdir(folder)
        Path(report).parent.mkdir(exist_ok=True)
        code, _, stderr = run(runner, "check", *args, "--report", report)
        assert (code, stderr) == (1, "")
        assert Path(report).read_bytes().startswith("\ufeffview,year,".encode())
        # And the next check of the folder reads the same as before.
        assert run(runner, "check", *args)[:2] == run(runner, "check", "tongcheng.csv")[:2]

    def test_a_csv_report_found_in_a_folder_is_skipped(
        self, runner: CliRunner, folder: Path, tmp_path: Path
    ) -> None:
        expected = run(runner, "check", folder)
        report = tmp_path / "summary.csv"
        assert run(runner, "check", folder, "--report", report)[0] == 1
        shutil.copy(report, folder / "sub" / "summary.csv")
        code, stdout, stderr = run(runner, "check", folder)
        assert (code, stdout) == expected[:2]
        assert stderr == (
            f"{folder / 'sub' / 'summary.csv'}: warning: skipped: a CSV report that planctl "
            "wrote, not a submission; keep reports out of the folders you check\n"
        )

    @pytest.mark.parametrize(("suffix", "kind"), [(".csv", "a CSV"), (".xlsx", "an Excel")])
    def test_a_report_named_is_refused(
        self, runner: CliRunner, folder: Path, tmp_path: Path, suffix: str, kind: str
    ) -> None:
        report = tmp_path / f"summary{suffix}"
        run(runner, "check", folder, "--report", report)
        code, stdout, stderr = run(runner, "check", report)
        assert (code, stdout) == (2, "")
        assert stderr == (
            f"{report}: is {kind} report that planctl wrote, not a submission; give the "
            "counties' files\n"
        )

    def test_an_excel_report_found_in_a_folder_is_skipped(
        self, runner: CliRunner, folder: Path, tmp_path: Path
    ) -> None:
        """A workbook planctl wrote was read as a county's: its sheets' headers gave dozens
        of errors (exit 2). It is told by the property the report writer stamps, not by its
        name or sheets; a county's workbook beside it is still read."""
        _county_workbook(DATA / "jiayu.csv", folder / "sub" / "jiayu.xlsx")
        expected = run(runner, "check", folder)
        assert "嘉鱼县" in expected[1]
        assert expected[0] == 1
        report = tmp_path / "summary.xlsx"
        for lang in ("en", "zh"):
            # The second check finds the first's report, and skips it.
            assert run(runner, "check", "--lang", lang, folder, "--report", report)[0] == 1
            shutil.copy(report, folder / "sub" / f"copy of the {lang} report.xlsx")
        shutil.copy(report, folder / "sub" / "renamed.xlsm")
        code, stdout, stderr = run(runner, "check", "--lang", "en", folder)
        assert (code, stdout) == expected[:2]
        assert stderr.splitlines() == [
            f"{folder / 'sub' / name}: warning: skipped: an Excel report that planctl wrote, "
            "not a submission; keep reports out of the folders you check"
            for name in ("copy of the en report.xlsx", "copy of the zh report.xlsx", "renamed.xlsm")
        ]
        code, _, stderr = run(runner, "check", "--lang", "zh", folder)
        assert (code, stderr.splitlines()[0]) == (
            1,
            f"{folder / 'sub' / 'copy of the en report.xlsx'}: 警告: 已跳过：这是 planctl 生成的 "
            "Excel 报告，不是报送文件；请勿将报告放在待检查的文件夹中",
        )

    def test_a_folder_holding_only_a_report(
        self, runner: CliRunner, folder: Path, tmp_path: Path
    ) -> None:
        report = tmp_path / "reports" / "summary.csv"
        report.parent.mkdir()
        run(runner, "check", folder, "--report", report)
        code, _, stderr = run(runner, "check", report.parent)
        assert code == 2
        assert stderr.splitlines() == [
            f"{report}: warning: skipped: a CSV report that planctl wrote, not a submission; "
            "keep reports out of the folders you check",
            f"{report.parent}: no submission files (.csv, .tsv, .xlsx, .xlsm, .xls) in this "
            "directory",
        ]


# The installed package's targets file sits deep in site-packages: reports people read name it
# by its plan; the JSON and -v keep the path.
BUILT_IN = "the 2017 Xianning plan (built in)"


@pytest.mark.parametrize("format_", ["table", "markdown", "html", "junit", "csv"])
def test_people_read_the_built_in_targets_by_their_plan(runner: CliRunner, format_: str) -> None:
    from planctl.targets.models import default_targets_path

    path = str(default_targets_path())
    result = runner.invoke(app, ["check", "-f", format_, str(DATA)])
    assert result.exit_code == 1
    assert path not in result.stdout
    if format_ in ("table", "markdown", "html"):
        assert BUILT_IN in result.stdout


def test_the_json_and_v_keep_the_built_in_targets_path(runner: CliRunner) -> None:
    from planctl.targets.models import default_targets_path

    path = str(default_targets_path())
    result = runner.invoke(app, ["check", "-f", "json", "-v", str(DATA / "xianan.csv")])
    assert json.loads(result.stdout)["inputs"]["targets"]["path"] == path
    assert f"{path}: note: the targets file the check judges by" in result.stderr


def test_a_targets_file_of_ones_own_is_named_by_its_path(runner: CliRunner, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_bytes(TARGETS_2017.read_bytes())
    command = ["check", "-f", "markdown", "--targets", str(mine), str(DATA / "xianan.csv")]
    result = runner.invoke(app, command)
    assert "mine.yaml" in result.stdout and "(built in)" not in result.stdout


def test_the_built_in_words_come_from_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planctl.render.common import targets_label
    from planctl.targets import models as targets_module
    from planctl.targets.load import load_targets

    other = tmp_path / "2018.yaml"
    written = TARGETS_2017.read_text(encoding="utf-8")
    other.write_text(
        written.replace("  year: 2017\n", "  year: 2018\n", 1).replace(
            "name_en: Xianning City", "name_en: Jingzhou City", 1
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(targets_module, "default_targets_path", lambda: other)
    assert targets_label(load_targets(other)) == "the 2018 Jingzhou plan (built in)"
