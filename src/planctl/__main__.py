"""Entry point for `python -m planctl`."""

from planctl.cli import main

main()
