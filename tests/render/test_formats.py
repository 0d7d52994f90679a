"""Every report format: golden files pin each renderer's exact output, and the registry
maps every format to a renderer and a file extension. PLANCTL_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

from pathlib import Path

import pytest

from planctl.check import run_check
from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg
from planctl.render import (
    FORMAT_BY_SUFFIX,
    Format,
    format_for_suffix,
    render_file,
    renderer_for,
    suffix_of,
)
from planctl.render.options import RenderOptions
from tests.conftest import (
    DATA,
    GOLDEN,
    SAMPLE_CASES,
    TARGETS_2017,
    check_golden,
    pin_version,
    sample_report,
)

# The workbook and the circular are pinned by structural tests (test_xlsx.py, test_docx.py).
DOCUMENT_FORMATS = [f for f in Format if f is not Format.TABLE and not f.binary]
EXTENSION = {f: suffix_of(f) for f in Format}


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("case", SAMPLE_CASES)
@pytest.mark.parametrize("format_", DOCUMENT_FORMATS)
def test_golden(format_: Format, case: str) -> None:
    output = renderer_for(format_)(sample_report(case), RenderOptions())
    check_golden(pin_version(output), GOLDEN / format_.value / f"{case}{EXTENSION[format_]}")


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("format_", list(Format))
def test_rendering_is_deterministic(format_: Format) -> None:
    first = render_file(format_, sample_report("city"), RenderOptions())
    assert first == render_file(format_, sample_report("city"), RenderOptions())


def test_every_format_has_its_own_extension() -> None:
    assert sorted(FORMAT_BY_SUFFIX.values()) == sorted(Format)
    for format_ in Format:
        assert format_for_suffix(suffix_of(format_)) is format_
        assert format_for_suffix(suffix_of(format_).upper()) is format_
    assert format_for_suffix(".pdf") is None
    assert format_for_suffix("") is None


# The city-level targets 通山县 has no part in: clause 7's IT pilots and clause 22's city area.
TONGSHAN_APART = [
    "provincial_it_pilot_schools",
    "city_area_new_primary_schools",
    "city_area_new_kindergartens",
]


@pytest.mark.parametrize(
    ("format_", "start"),
    [
        (Format.TABLE, text(Msg.PROVENANCE_TITLE)),
        (Format.MARKDOWN, text(Msg.PROVENANCE_TITLE)),
        (Format.HTML, '<section id="provenance">'),
    ],
)
def test_the_provenance_lists_only_the_targets_the_county_view_shows(
    format_: Format, start: str
) -> None:
    """通山县's view has no row for a city-level target it has no part in; its provenance
    listed them all the same, clause 7's pilot schools and both clause 22 targets."""
    report = run_check([DATA / "tongshan.csv"], Path(TARGETS_2017))
    output = renderer_for(format_)(report, RenderOptions(width=200))
    provenance = output[output.index(start) :]
    for target in report.targets.targets:
        assert (target.id in provenance) is (target.id not in TONGSHAN_APART), target.id
