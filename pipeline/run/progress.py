"""A progress bar on a terminal, periodic log lines elsewhere (CI, files)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, label: str = "documents", stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.label = label
        self.stream = stream or sys.stderr
        self.t0 = time.perf_counter()
        self._last = 0.0
        self._bar = None
        if getattr(self.stream, "isatty", lambda: False)() and total:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(label, total=total)

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(self._task, advance=n)
            return
        now = time.perf_counter()
        if self.done == self.total or now - self._last > 2.0:
            self._last = now
            rate = self.done / max(now - self.t0, 1e-9)
            print(f"  {self.label}: {self.done}/{self.total} ({rate:.1f}/s)", file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
