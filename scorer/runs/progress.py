"""The progress bar of a run over many files or records: count, rate, elapsed time, ETA.

One bar for `scorer check` (files audited) and `scorer batch` (records scored). It goes to
stderr, and only when stderr is a terminal: a pipe or a log file gets nothing from it. The
bar appears with the first results: by then any worker processes exist, and no process is
forked while its drawing thread runs (a fork then can leave a worker holding its lock).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@contextmanager
def bar(
    console: Console, total: int | None, description: str, unit: str
) -> Iterator[Callable[[int], None] | None]:
    """A function to call with the number done each time some are, or None when `console`
    is not a terminal (nothing to show)."""
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
            return Text(f"{shown} {unit}/s", style="progress.data.speed")

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
    task = progress.add_task(description, total=total)

    def advance(done: int) -> None:
        if not progress.live.is_started:
            progress.start()
        progress.advance(task, done)

    try:
        yield advance
    finally:
        progress.stop()
