"""The command line: the language set first, then the commands (`app.py`) built in it.

The help texts of every command and option are made when `app.py` is imported, so `main`
sets the language before it imports `app.py`: a language is chosen once, and all the help
comes out in it.
"""

from __future__ import annotations


def main() -> None:
    """Console-script entry point."""
    from planctl.i18n.catalog import Language, use_language

    # English is the only catalog so far: the language a user asks for is chosen here.
    use_language(Language.EN)
    from planctl.cli.app import main as run

    run()
