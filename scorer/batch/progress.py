"""The progress bar of a batch run: count, rate, elapsed time and ETA, on a terminal only.

It goes to stderr, and only when stderr is a terminal: a pipe or a log file gets the one
summary line at the end and nothing else. The bar appears with the first rows: by then
the worker processes exist, and no process is forked while its drawing thread runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@contextmanager
def bar(console: Console, total: int | None) -> Iterator[Callable[[int], None] | None]:
    """A function to call with the number of rows each time some are written, or None
    when `console` is not a terminal (nothing to show)."""
    if not console.is_interactive:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            shown = "?" if speed is None else f"{speed:,.1f}"
            return Text(f"{shown} articles/s", style="progress.data.speed")

    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    task = progress.add_task("scoring", total=total)

    def advance(rows: int) -> None:
        if not progress.live.is_started:
            progress.start()
        progress.advance(task, rows)

    try:
        yield advance
    finally:
        progress.stop()
