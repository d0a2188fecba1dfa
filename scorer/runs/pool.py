"""Local worker processes: the one pool behind `scorer check -j N` and `scorer batch -j N`.

`Pool.map` applies a function to each item in worker processes and yields the results in
the items' order, with at most two items a worker in flight, so an input of any size
streams through in constant memory and the output never depends on the number of jobs.
`setup` runs once in each worker when it starts (a batch hands its job there, not with
every chunk).

Ctrl-C is the parent's to handle: it stops the run and the workers finish the item in
hand. A worker whose parent is gone (killed with SIGKILL, say) exits: a pool's workers
hold both ends of its task pipe, so they would never see it close, and would wait forever.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from scorer.errors import ScorerError

Item = TypeVar("Item")
Result = TypeVar("Result")


class Pool:
    def __init__(
        self, jobs: int, setup: Callable[..., None] | None = None, setup_args: tuple[Any, ...] = ()
    ) -> None:
        self.jobs = jobs
        self._executor = ProcessPoolExecutor(
            max_workers=jobs, initializer=_started, initargs=(setup, setup_args)
        )

    def map(self, function: Callable[[Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        """`function(item)` for each item, in order, a bounded number in flight."""
        window: deque[Future[Result]] = deque()
        try:
            for item in items:
                window.append(self._executor.submit(function, item))
                if len(window) >= 2 * self.jobs:
                    yield _result(window.popleft())
            while window:
                yield _result(window.popleft())
        finally:
            for future in window:
                future.cancel()

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _result(future: Future[Result]) -> Result:
    try:
        return future.result()
    except BrokenProcessPool as error:
        raise ScorerError(f"a worker process died ({error}); run again to continue") from None


def _started(setup: Callable[..., None] | None, setup_args: tuple[Any, ...]) -> None:
    """What every worker does first: leave Ctrl-C to the parent, watch for its end, and
    run the pool's own setup."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    if setup is not None:
        setup(*setup_args)


def _exit_when_orphaned(parent: int) -> None:
    # The parent is the run's process, or a forkserver that ends with it.
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)
