"""Shared fixtures: the repository's targets and sample data, and a CLI runner."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from planctl import __version__
from planctl.check import run_check
from planctl.judge.report import Report
from planctl.targets.load import load_targets
from planctl.targets.models import TargetSet

ROOT = Path(__file__).resolve().parents[1]
TARGETS_2017 = ROOT / "targets" / "2017.yaml"
PLAN_TEXT = ROOT / "targets" / "xianning-education-2017-work-priorities.txt"
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
REPORT_FIXTURES = FIXTURES / "reports"
HEADER = "county,indicator,value,numerator,denominator,note\n"


# No deadline per example: CI and development machines here are shared and loaded, and a
# property test that took 250 ms once under load is not wrong; slow paths have tests of
# their own (tests/test_linear.py) that compare sizes rather than clocks.
settings.register_profile("planctl", deadline=None)
settings.load_profile("planctl")

_SESSION = pytest.MonkeyPatch()


def pytest_configure(config: pytest.Config) -> None:
    """planctl's cache in a folder of this test session's own, for the CLI's subprocesses
    too, from before test modules are collected (some load targets when imported): the
    tests never read or fill the cache of the person running them."""
    _SESSION.setenv("PLANCTL_CACHE_DIR", tempfile.mkdtemp(prefix="planctl-test-cache-"))
    # The key that seals the entries, outside the cache directory as the user's is.
    key_folder = tempfile.mkdtemp(prefix="planctl-test-key-")
    _SESSION.setenv("PLANCTL_CACHE_KEY", os.path.join(key_folder, "cache.key"))
    _SESSION.delenv("PLANCTL_NO_CACHE", raising=False)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ["PLANCTL_CACHE_DIR"], ignore_errors=True)
    shutil.rmtree(os.path.dirname(os.environ["PLANCTL_CACHE_KEY"]), ignore_errors=True)
    _SESSION.undo()


@pytest.fixture
def private_cache() -> Path:
    """The folder of this test session's planctl cache."""
    return Path(os.environ["PLANCTL_CACHE_DIR"])


@pytest.fixture
def fsynced(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The file descriptors flushed to disk (os.fsync) during the test, in order."""
    calls: list[int] = []
    real = os.fsync

    def counting(descriptor: int) -> None:
        calls.append(descriptor)
        real(descriptor)

    monkeypatch.setattr(os, "fsync", counting)
    return calls


@pytest.fixture(scope="session")
def targets() -> TargetSet:
    return load_targets(TARGETS_2017)


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that speaks another language (`--lang zh`) leaves English behind it."""
    yield
    from planctl.i18n.catalog import Language, use_language

    use_language(Language.EN)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"NO_COLOR": "1", "COLUMNS": "100", "FORCE_COLOR": None})


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a submission file into a temporary folder and return its path."""

    def write_file(content: str | bytes, name: str = "county.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write_file


def check_golden(actual: str, golden: Path) -> None:
    """Compare with a golden file; PLANCTL_UPDATE_GOLDEN=1 rewrites it instead."""
    actual = pin_version(actual)
    if os.environ.get("PLANCTL_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))
    # Bytes, not text: line ends are part of the output (the CSV's are CRLF, for Excel).
    expected = golden.read_bytes().decode("utf-8")
    assert actual == expected, f"output differs from {golden.name}"


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository's root, so reports name inputs by the same relative paths
    (`data/xianan.csv`, `targets/2017.yaml`) on every machine."""
    monkeypatch.chdir(ROOT)


# The reports the renderer tests draw on: name → (inputs, check options). Relative to ROOT.
SAMPLE_CASES: dict[str, tuple[list[str], dict[str, object]]] = {
    "city": (["data"], {}),
    "tongcheng": (["data/tongcheng.csv"], {}),
    "city-incomplete": (["data/xianan.csv"], {"city": True}),
    # The sample data edited so the city's pooled gross enrolment rate is 87.80%, met, with
    # 通城县 and 崇阳县 below the city's line (a diagnostic, never failing): exit 0.
    "city-line": (["tests/fixtures/city_line"], {}),
    # A bureau's own lines (--county-targets): 崇阳县 at 83% (met), 通城县 at 84%, aspirational
    # (a warning), the other counties against the city's line.
    "county-targets": (
        ["data"],
        {"county_targets": Path("tests/fixtures/county_targets/lines.csv")},
    ),
    # 基本 (basically) given a tolerance: the city's township share (99.03%, within 1 point of
    # 100%) and a county's one unlicensed kindergarten are basically met.
    "basically": (["data"], {"targets": "tests/fixtures/basically/targets.yaml"}),
    # A county's corrected file superseding its first (--supersede OLD=NEW).
    "supersede": (
        ["tests/fixtures/supersede"],
        {
            "supersede": [
                (
                    Path("tests/fixtures/supersede/tongcheng.csv"),
                    Path("tests/fixtures/supersede/tongcheng-corrected.csv"),
                )
            ]
        },
    ),
    # Reporting units of every kind beside the counties: the city-run schools (judged), a
    # development zone counted in the city totals but not judged, and a zone kept out of the
    # city totals that sent nothing (NOT SUBMITTED).
    "units": (
        ["tests/fixtures/units/submissions"],
        {"targets": "tests/fixtures/units/targets.yaml"},
    ),
    # Targets held to a band (comparator: between): a county inside, one below, one above.
    "between": (
        ["tests/fixtures/between/counties"],
        {"targets": "tests/fixtures/between/targets.yaml"},
    ),
    # Pupil–teacher ratios (unit: ratio): a 生师比 band each county keeps (inside, below,
    # above), and a city 初中生师比 ceiling that two counties would carry the city over.
    "ratio": (
        ["tests/fixtures/ratio/counties"],
        {"targets": "tests/fixtures/ratio/targets.yaml"},
    ),
}
HOSTILE_TARGETS = "tests/fixtures/reports/no-counties.yaml"
HOSTILE_SUBMISSION = "tests/fixtures/reports/hostile.csv"


def sample_report(case: str) -> Report:
    """A report of one of SAMPLE_CASES; call from the repository's root (the `at_root` fixture)."""
    paths, given = SAMPLE_CASES[case]
    options = dict(given)
    targets = Path(str(options.pop("targets", "targets/2017.yaml")))
    return run_check([Path(p) for p in paths], targets, **options)  # type: ignore[arg-type]


def hostile_report() -> Report:
    """County names, notes and a targets file full of Markdown, HTML and formula specials;
    the targets file lists no counties, so the names come from the submission as typed."""
    return run_check([Path(HOSTILE_SUBMISSION)], Path(HOSTILE_TARGETS))


# Where a report names its run (Report.run_digest, which covers planctl's version).
_RUN_DIGEST = re.compile(
    # 64 hex digits, or the 12 the table shows.
    r'(· run |"run_digest": "|name="planctl\.run" value="|,)'
    r'[0-9a-f]{12}(?:[0-9a-f]{52})?(?=["<\s\x1b]|$)',
    re.M,
)


def pin_version(text: str) -> str:
    """The planctl version as `VERSION` and the run digest (which covers it) as `RUN`, so
    golden files outlive a release; tests/judge/test_report.py holds the digest to its inputs."""
    text = text.replace(f"planctl {__version__}", "planctl VERSION").replace(
        f'"planctl_version": "{__version__}"', '"planctl_version": "VERSION"'
    )
    return _RUN_DIGEST.sub(r"\1RUN", text)


def assert_same_models(actual: object, expected: object, where: str = "") -> None:
    """Equal, and of the same types all the way down (87 is not 87.0, '>=' not
    Comparator.AT_LEAST): what `==` on models does not check."""
    assert type(actual) is type(expected), f"{where}: {type(actual)} is not {type(expected)}"
    if dataclasses.is_dataclass(actual):
        for item in dataclasses.fields(actual):
            name = item.name
            assert_same_models(getattr(actual, name), getattr(expected, name), f"{where}.{name}")
    elif isinstance(actual, list):
        assert isinstance(expected, list) and len(actual) == len(expected), where
        for index, (a, e) in enumerate(zip(actual, expected, strict=True)):
            assert_same_models(a, e, f"{where}[{index}]")
    elif isinstance(actual, dict):
        assert isinstance(expected, dict) and list(actual) == list(expected), where
        for key in actual:
            assert_same_models(actual[key], expected[key], f"{where}[{key!r}]")
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"
