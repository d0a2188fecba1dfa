"""Named places where a test can hold the process, to signal or kill it there, not by timing.

A test that interrupts a run must know the run is still going when its signal lands, on
any machine under any load. With `SCORER_HOLD=NAME:FILE` in the environment, the first
time the process passes `at(NAME)` it writes its pid to FILE (atomically: a test that sees
the file can read it whole) and sleeps until a signal ends the sleep: SIGINT raises
KeyboardInterrupt there as it would anywhere, SIGKILL ends the process. `NAME*N` holds at
the Nth pass instead of the first. Without the variable, `at` is one comparison.

The places: `batch-rows` (a batch run has written a chunk of rows and flushed them),
`write` (an atomic write has half its bytes in the temporary file, before the rename).
"""

from __future__ import annotations

import os
import time

_UNREAD = object()
_spec: object = _UNREAD  # (name, pass to hold at, file) or None, read once
_passes: dict[str, int] = {}


def at(name: str) -> None:
    """Hold here if the environment asks for `name` and this is the pass it names."""
    global _spec
    if _spec is None:
        return
    if _spec is _UNREAD:
        _spec = _parse(os.environ.get("SCORER_HOLD", ""))
        if _spec is None:
            return
    wanted, count, path = _spec  # type: ignore[misc]
    if name != wanted:
        return
    _passes[name] = _passes.get(name, 0) + 1
    if _passes[name] != count:
        return
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")
    os.replace(temporary, path)
    while True:  # until a signal: SIGINT raises out of the sleep, SIGKILL ends the process
        time.sleep(3600)


def _parse(value: str) -> tuple[str, int, str] | None:
    name, colon, path = value.partition(":")
    if not colon or not name or not path:
        return None
    name, star, count = name.partition("*")
    return name, int(count) if star and count.isdigit() and int(count) > 0 else 1, path
