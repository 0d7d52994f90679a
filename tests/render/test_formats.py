"""Every report format: golden files pin each renderer's exact output, and the registry
maps every format to a renderer and a file extension. PLANCTL_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import pytest

from planctl.render import FORMAT_BY_SUFFIX, Format, format_for_suffix, renderer_for, suffix_of
from planctl.render.options import RenderOptions
from tests.conftest import GOLDEN, SAMPLE_CASES, check_golden, pin_version, sample_report

DOCUMENT_FORMATS = [f for f in Format if f is not Format.TABLE]
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
    render = renderer_for(format_)
    assert render(sample_report("city"), RenderOptions()) == render(
        sample_report("city"), RenderOptions()
    )


def test_every_format_has_its_own_extension() -> None:
    assert sorted(FORMAT_BY_SUFFIX.values()) == sorted(Format)
    for format_ in Format:
        assert format_for_suffix(suffix_of(format_)) is format_
        assert format_for_suffix(suffix_of(format_).upper()) is format_
    assert format_for_suffix(".pdf") is None
    assert format_for_suffix("") is None
