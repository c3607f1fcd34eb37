"""How far a run is: a live bar with rate and ETA on a terminal, plain lines elsewhere, nothing when quiet.

The flow reports articles as their batches come back (`advance`); the command line chooses the display
(`use`) before it starts the flow. A flow run started elsewhere (a served deployment, a test) reports to
the plain display, which writes Prefect log lines as before.
"""

from __future__ import annotations

import sys
from typing import TextIO


class Plain:
    """No live display: the flow's own 'batch i/n' log lines are the progress."""

    live = False

    def start(self, total: int) -> None:
        pass

    def advance(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


class Bar(Plain):
    """A rich progress bar on the terminal: articles done of those to read, articles per second, time left."""

    live = True

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self._bar = None
        self._task = None

    def start(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        rate, left = _columns()

        if total <= 0 or self._bar is not None:
            return
        self._bar = Progress(
            TextColumn("articles"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            rate(),
            TextColumn("elapsed"),
            TimeElapsedColumn(),
            TextColumn("eta"),
            left(),
            console=Console(file=self.stream),
            transient=False,
        )
        self._task = self._bar.add_task("read", total=total)
        self._bar.start()

    def advance(self, n: int) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _columns():
    """Rate and time left from the articles done since the bar started (rich's own estimates need two
    updates inside their window; a batch of 500 is one update)."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    def rate(task) -> float:
        return task.completed / task.elapsed if task.elapsed and task.completed else 0.0

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            r = rate(task)
            return Text(f"{r:.0f}/s" if r else "--/s", style="progress.data.speed")

    class Left(ProgressColumn):
        def render(self, task) -> Text:
            r = rate(task)
            if task.total is not None and task.completed >= task.total:
                return Text("0:00:00", style="progress.remaining")
            if not r or task.total is None:
                return Text("-:--:--", style="progress.remaining")
            left = int((task.total - task.completed) / r)
            return Text(f"{left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}", style="progress.remaining")

    return Rate, Left


_current: Plain = Plain()


def use(display: Plain) -> Plain:
    """The display the next flow runs of this process report to; returns the one it replaces."""
    global _current
    old, _current = _current, display
    return old


def current() -> Plain:
    return _current


def choose(quiet: bool, stream: TextIO | None = None) -> Plain:
    """A bar where a person watches (stderr is a terminal), plain lines for logs and pipes, nothing when quiet."""
    stream = stream or sys.stderr
    if quiet:
        return Quiet()
    return Bar(stream) if stream.isatty() else Plain()


class Quiet(Plain):
    """--quiet: no bar and no progress lines."""
