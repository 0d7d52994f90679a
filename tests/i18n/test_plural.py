"""A count of one reads right in English (`1 county`, not `1 counties`); Chinese, which has no
plural, words one as any other count. Each counted message in both forms, then two of them
where they are made: the view line of a check, and a file of one row without a header."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planctl.cli.app import app
from planctl.i18n.catalog import SINGULAR, Language, catalog_of, text, use_language
from planctl.i18n.codes import Msg
from tests.conftest import DATA

BASIS = "Against P, issued by B on 2017-05-02 (R), the figures for 2017 that "
BASIS_END = " submitted have been checked. The results are as follows."
QUOTE = 'a quoted cell opens here ("a) and runs over 3 lines, '
QUOTE_END = '; is a closing quote (") missing?'
SHAPE = "; one must name the columns C (one row per indicator), or county and the indicators (one "
SHAPE_END = "row per county)"
SCALE = ": a row per target, counting the counties by status; the worst of the failing counties "

# Each counted message, its fields but the count, and what it says for one and for two.
FORMS: list[tuple[Msg, dict[str, object], str, str]] = [
    (
        Msg.CSV_QUOTE_SWALLOWS_ROWS,
        {"start": '"a', "lines": 3},
        f"{QUOTE}1 of which looks like a row of the table{QUOTE_END}",
        f"{QUOTE}2 of which look like rows of the table{QUOTE_END}",
    ),
    (
        Msg.CSV_NO_HEADER,
        {"columns": "C"},
        f"no header row in the only row{SHAPE}{SHAPE_END}",
        f"no header row in the first 2 rows{SHAPE}{SHAPE_END}",
    ),
    (
        Msg.CITY_TOTAL_UNITS,
        {"units": "U"},
        "city totals add the 1 county-level unit and U",
        "city totals add the 2 county-level units and U",
    ),
    (
        Msg.CITY_TOTAL_COUNTIES_ONLY,
        {},
        "city totals add the 1 county-level unit",
        "city totals add the 2 county-level units",
    ),
    (
        Msg.VIEW_CITY,
        {"year": 2017},
        "city view: 1 county submitted, figures for 2017",
        "city view: 2 counties submitted, figures for 2017",
    ),
    (
        Msg.VIEW_CITY_UNITS,
        {"year": 2017, "units": 1},
        "city view: 1 county and 1 other unit(s) submitted, figures for 2017",
        "city view: 2 counties and 1 other unit(s) submitted, figures for 2017",
    ),
    (
        Msg.CIRCULAR_BASIS,
        {"plan": "P", "issuer": "B", "issued": "2017-05-02", "reference": "R", "year": 2017},
        f"{BASIS}1 county{BASIS_END}",
        f"{BASIS}2 counties{BASIS_END}",
    ),
    (
        Msg.CIRCULAR_BASIS_UNITS,
        {
            "plan": "P",
            "issuer": "B",
            "issued": "2017-05-02",
            "reference": "R",
            "year": 2017,
            "units": 1,
        },
        f"{BASIS}1 county and 1 other unit(s){BASIS_END}",
        f"{BASIS}2 counties and 1 other unit(s){BASIS_END}",
    ),
    (Msg.SCALE_VIEW, {}, f"1 county{SCALE}follow", f"2 counties{SCALE}follow"),
    (
        Msg.SCALE_COUNTIES,
        {"status": "NOT MET", "worst": ", worst first", "names": "N"},
        # One county is not "worst first".
        "NOT MET in 1 county: N",
        "NOT MET in 2 counties, worst first: N",
    ),
    (
        Msg.SCALE_NOT_SUBMITTED,
        {"names": "N"},
        "1 county submitted no figures: N",
        "2 counties submitted no figures: N",
    ),
    (
        Msg.RECORDS_JOIN_UNMATCHED,
        {"source": "S", "joined": "J"},
        "1 row of S matches no row of J, so belongs to no county; fix the identifiers",
        "2 rows of S match no row of J, so belong to no county; fix the identifiers",
    ),
    (Msg.RECORDS_NOTE, {"source": "S", "files": "F"}, "S (F): 1 row", "S (F): 2 rows"),
    (Msg.RECORDS_PARQUET_ROWS, {"row": 7}, "row 7", "row 7 (and 2 rows in all)"),
    (
        Msg.RECONCILE_BEHIND,
        {"county": "C", "target": "T", "rate": "80%", "line": "85%", "source": "S", "total": 3},
        # One record is not "largest first".
        "C, T: 80% computed, short of 85%; 1 record of S not counted in its numerator (3 in all)",
        "C, T: 80% computed, short of 85%; 2 records of S not counted in its numerator (3 in "
        "all), largest first",
    ),
    (
        Msg.RECONCILE_MORE,
        {"total": 3},
        "… and 1 more record (3 in all)",
        "… and 2 more records (3 in all)",
    ),
]


# The singulars that leave out what says nothing of one: "worst first", "largest first", the
# number of rows searched or found.
SAYS_LESS = {Msg.SCALE_COUNTIES, Msg.RECONCILE_BEHIND, Msg.CSV_NO_HEADER, Msg.RECORDS_PARQUET_ROWS}


def test_every_counted_message_has_its_forms_tested() -> None:
    assert [key for key, *_ in FORMS] == list(SINGULAR)


@pytest.mark.parametrize(("key", "fields", "one", "two"), FORMS, ids=[f[0].name for f in FORMS])
def test_one_and_two_in_english(key: Msg, fields: dict[str, object], one: str, two: str) -> None:
    field, _ = SINGULAR[key]
    # The count as an integer and as the renderers format it (f"{count:,}").
    assert text(key, **fields, **{field: 1}) == text(key, **fields, **{field: "1"}) == one
    assert text(key, **fields, **{field: 2}) == text(key, **fields, **{field: "2"}) == two
    # A count that only ends in 1 is plural.
    plural = catalog_of(Language.EN)[key]
    assert text(key, **fields, **{field: "1,001"}) == plural.format(**fields, **{field: "1,001"})


@pytest.mark.parametrize("key", list(SINGULAR), ids=[key.name for key in SINGULAR])
def test_chinese_words_one_as_any_count(key: Msg) -> None:
    """Both entries are translated, and read the same but where the singular says less (no
    order of one item, no count of rows where it names the one): a count of one in Chinese
    is as before."""
    field, singular = SINGULAR[key]
    chinese, english = catalog_of(Language.ZH), catalog_of(Language.EN)
    assert key in chinese and singular in chinese
    if key not in SAYS_LESS:
        assert chinese[singular] == chinese[key]
    use_language(Language.ZH)
    fields = dict.fromkeys(_fields(english[key]), "x")
    assert text(key, **{**fields, field: 1}) == chinese[singular].format(**{**fields, field: 1})


def _fields(template: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--city", "xianan.csv"], "city view: 1 county submitted, figures for 2017"),
        (
            ["--city", "xianan.csv", "jiayu.csv"],
            "city view: 2 counties submitted, figures for 2017",
        ),
        (
            ["xianan.csv", "shizhi.csv"],
            "city view: 1 county and 1 other unit(s) submitted, figures for 2017",
        ),
        (
            ["xianan.csv", "jiayu.csv", "shizhi.csv"],
            "city view: 2 counties and 1 other unit(s) submitted, figures for 2017",
        ),
    ],
    ids=["one", "two", "one-and-a-unit", "two-and-a-unit"],
)
def test_the_view_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str], line: str
) -> None:
    monkeypatch.chdir(DATA)
    result = runner.invoke(app, ["check", "--lang", "en", *args])
    assert line in result.stdout.splitlines()
    chinese = runner.invoke(app, ["check", "--lang", "zh", *args]).stdout
    count = line.split()[2]
    assert f"全市视图：{count} 个县市区" in chinese


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        (["a,b"], "no header row in the only row"),
        (["a,b", "c,d"], "no header row in the first 2 rows"),
    ],
)
def test_a_file_without_a_header(
    runner: CliRunner, tmp_path: Path, rows: list[str], said: str
) -> None:
    path = tmp_path / "county.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--lang", "en", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:1: {said}; one must name the columns ")
