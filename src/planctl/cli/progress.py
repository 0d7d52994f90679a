"""A progress bar on stderr while large inputs are read: shown only when work lasts.

The core reports the bytes it expects to read and has read (read/columns.py's Progress);
this turns them into a rich bar on stderr. The bar appears only once a second has passed, so
a quick check never flickers one, and it is removed when the reading is done. rich's
progress module is imported only then, which keeps a small check's start-up as it was.
"""

from __future__ import annotations

import time
from typing import Any

from planctl.i18n.catalog import text
from planctl.i18n.codes import Msg

# Work shorter than this shows no bar.
DELAY_SECONDS = 1.0


class ProgressBar:
    """Counts bytes expected and read; draws the bar once DELAY_SECONDS have passed."""

    def __init__(self, color: bool, delay: float = DELAY_SECONDS, force: bool = False) -> None:
        self.color = color
        # --progress: draw the bar even where stderr is not a terminal (rich draws nothing
        # on a redirected stream unless told it is one).
        self.force = force
        self.delay = delay
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def expect(self, size: int) -> None:
        self.total += size
        self._show()

    def advance(self, size: int) -> None:
        self.done += size
        self._show()

    def _show(self) -> None:
        if self._bar is None:
            if time.monotonic() - self.started < self.delay:
                return
            self._start()
        self._bar.update(self._task, completed=self.done, total=max(self.total, self.done))

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        console = Console(
            stderr=True,
            no_color=not self.color,
            highlight=False,
            force_terminal=True if self.force else None,
        )
        self._bar = Progress(
            TextColumn(text(Msg.PROGRESS_READING)),
            BarColumn(),
            DownloadColumn(binary_units=True),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._bar.add_task(text(Msg.PROGRESS_READING), total=self.total)
        self._bar.start()

    def close(self) -> None:
        """Remove the bar, if it was shown."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
