"""Choosing the language: --lang, else PLANCTL_LANG, else the locale, else English."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from planctl.i18n.catalog import Language
from planctl.i18n.choose import choose, parse, without_leading_lang

ZH, EN = Language.ZH, Language.EN


def no_system() -> Language | None:
    return None


@pytest.mark.parametrize(
    "tag", ["zh", "zh_CN", "zh-Hans", "zh_CN.UTF-8", "zh_CN.GB18030", "ZH", "zh_TW.UTF-8"]
)
def test_every_way_of_writing_chinese_means_chinese(tag: str) -> None:
    assert parse(tag) is ZH


@pytest.mark.parametrize("tag", ["C", "C.UTF-8", "POSIX", "", "fr_FR.UTF-8", "."])
def test_no_language_or_one_not_spoken_is_none(tag: str) -> None:
    assert parse(tag) is None


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        (["check", "--lang", "zh", "a.csv"], {"PLANCTL_LANG": "en", "LANG": "en_US"}, ZH),
        (["check", "--lang=en", "a.csv"], {"PLANCTL_LANG": "zh"}, EN),
        (["check", "a.csv"], {"PLANCTL_LANG": "zh", "LANG": "en_US.UTF-8"}, ZH),
        (["check"], {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, ZH),
        (["check"], {"LC_ALL": "", "LC_MESSAGES": "zh_CN", "LANG": "C"}, ZH),
        (["check"], {"LANG": "zh_CN.UTF-8"}, ZH),
        (["check"], {"LANG": "C.UTF-8"}, EN),
        (["check"], {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, EN),
        (["check"], {}, EN),
        # After `--`, `--lang` is a file's name, not the option.
        (["check", "--", "--lang", "zh"], {}, EN),
    ],
)
def test_the_order_of_the_sources(
    argv: list[str], environ: dict[str, str], expected: Language
) -> None:
    assert choose(argv, environ, no_system) is expected


def test_the_system_language_comes_last() -> None:
    assert choose(["check"], {}, lambda: ZH) is ZH
    assert choose(["check"], {"LANG": "en_US.UTF-8"}, lambda: ZH) is EN


def run(*args: str, **environ: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env.pop("PLANCTL_LANG", None)
    env.update(environ, COLUMNS="80")
    code = "import sys; from planctl.cli import main; sys.argv[0] = 'planctl'; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )


def test_help_honours_the_locale_typers_own_words_included() -> None:
    done = run("check", "--help", LANG="zh_CN.UTF-8")
    assert done.returncode == 0
    for word in ("用法：planctl check", "参数：", "选项：", "显示本帮助信息并退出。", "[必填]"):
        assert word in done.stdout
    for english in ("Usage:", "Options", "Arguments", "Show this message", "required"):
        assert english not in done.stdout


def test_typers_errors_in_chinese() -> None:
    done = run("check", "--bogus", "x.csv", PLANCTL_LANG="zh")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].startswith("错误：没有此选项：--bogus")
    assert "运行 “planctl check --help” 查看帮助。" in done.stderr


def test_english_help_is_as_before() -> None:
    done = run("check", "--help", LANG="C.UTF-8")
    assert "Usage: planctl check" in done.stdout and "Show this message and exit." in done.stdout


def test_chinese_help_imports_nothing_heavy() -> None:
    """Speaking Chinese reads a PO file and patches typer: no pydantic, YAML or rich."""
    probe = (
        "import json, sys\n"
        "from planctl.cli import main\n"
        "sys.argv = ['planctl', 'check', '--help']\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    env = {**os.environ, "PLANCTL_LANG": "zh"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )
    assert "用法：" in done.stdout
    modules = set(json.loads(done.stderr.splitlines()[-1]))
    assert {"pydantic", "yaml", "rich.console", "planctl.check"} & modules == set()


def test_lang_before_the_command_is_taken_by_the_entry_point() -> None:
    assert without_leading_lang(["--lang", "zh", "check", "a.csv"]) == ["check", "a.csv"]
    assert without_leading_lang(["--lang=zh", "--help"]) == ["--help"]
    assert without_leading_lang(["check", "--lang", "zh"]) == ["check", "--lang", "zh"]
    done = run("--lang", "zh", "check", "--help", LANG="C.UTF-8")
    assert done.returncode == 0 and "用法：planctl check" in done.stdout


class _Kernel32:
    def __init__(self, langid: int) -> None:
        self.langid = langid

    def GetUserDefaultUILanguage(self) -> int:  # the Windows API's name
        return self.langid


class _WinDLL:
    def __init__(self, langid: int) -> None:
        self.kernel32 = _Kernel32(langid)


@pytest.mark.parametrize(
    ("langid", "expected"), [(0x0804, ZH), (0x0404, ZH), (0x0409, EN), (0x0411, EN)]
)
def test_the_windows_display_language(
    monkeypatch: pytest.MonkeyPatch, langid: int, expected: Language
) -> None:
    """zh-CN 0x0804 and zh-TW 0x0404 are Chinese; en-US 0x0409 and ja-JP 0x0411 are not."""
    import ctypes

    from planctl.i18n import choose as module

    monkeypatch.setattr(module.os, "name", "nt")
    monkeypatch.setattr(ctypes, "windll", _WinDLL(langid), raising=False)
    assert module.windows_ui_language() is expected


def test_no_windows_language_elsewhere() -> None:
    from planctl.i18n.choose import windows_ui_language

    assert windows_ui_language() is None
