"""The command line: the language set first, then the commands (`app.py`) built in it.

The help texts of every command and option are made when `app.py` is imported, so `main`
sets the language before it imports `app.py`: a language is chosen once, and all the help
comes out in it.

The cycle collector is paused for the whole command. Starting is importing: tens of thousands
of objects that live until the process ends and no garbage, which the collector, started by
the count of objects made, walked about 60 times in a one-county check (about 10 ms, more than
a tenth of its start); reading, judging and rendering pause it already (domain/collector.py).
"""

from __future__ import annotations


def main() -> None:
    """Console-script entry point."""
    from planctl.domain.collector import paused_collection

    with paused_collection():
        _main()


def _main() -> None:
    import os
    import sys

    from planctl.i18n.catalog import Language, use_language
    from planctl.i18n.choose import choose, without_leading_lang

    language = choose(sys.argv[1:], os.environ)
    sys.argv[1:] = without_leading_lang(sys.argv[1:])
    use_language(language)
    if language is not Language.EN:
        from planctl.cli.toolkit import install

        install(language)
    from planctl.cli.app import main as run

    run()
