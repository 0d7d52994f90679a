"""The catalog in use: one language, set once, and every key in every catalog."""

from __future__ import annotations

import json
import string
import subprocess
import sys

from planctl.i18n import catalog
from planctl.i18n.catalog import Language, catalog_of, language, text, use_language
from planctl.i18n.codes import Msg

# Fields that carry an English name (a county's, the city's) for English readers: another
# language may leave them out.
ENGLISH_ONLY_FIELDS = {"name_en", "issuing_body_en", "place"}


def fields_of(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_language_has_every_key_with_the_same_fields() -> None:
    english = catalog_of(Language.EN)
    for each in Language:
        templates = catalog_of(each)
        assert sorted(set(Msg) - set(templates)) == [], f"{each}: keys without a translation"
        for key, template in templates.items():
            fields, source = fields_of(template), fields_of(english[key])
            assert fields <= source, f"{each} {key}: invents {fields - source}"
            dropped = source - fields
            assert dropped <= ENGLISH_ONLY_FIELDS, f"{each} {key}: drops {dropped}"


def test_text_speaks_the_language_in_use() -> None:
    before = language()
    try:
        use_language(Language.EN)
        assert language() is Language.EN
        assert text(Msg.FILE_EMPTY) == catalog_of(Language.EN)[Msg.FILE_EMPTY]
    finally:
        use_language(before)


def test_the_catalog_is_read_when_first_needed() -> None:
    use_language(language())
    assert catalog._catalog is None
    text(Msg.FILE_EMPTY)
    assert catalog._catalog is not None


def test_the_entry_point_sets_the_language_before_any_help_is_built() -> None:
    """`planctl.cli` imports nothing: its `main` sets the language, then imports the app,
    whose help texts are made on import."""
    probe = (
        "import json, sys\n"
        "import planctl.cli\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('planctl'))))\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == ["planctl", "planctl.cli"]
