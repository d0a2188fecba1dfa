"""Shared fixtures: the example articles and the labelled data folder, when present."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Property tests must not depend on the machine's speed: no per-example deadline, and no
# health check that fails a test because generating its data was slow (CI may be busy).
settings.register_profile("scorer", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("scorer")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
INDEPENDENT = EXAMPLES / "independent-habib-defection.txt"
REWRITE = EXAMPLES / "habib-defection-rewrite.txt"
# A page with a finding the page does not give back: trafilatura keeps one of the three same
# paragraphs, and the short one apart; its hidden word, which trafilatura drops, keeps it
# from being found in the page (line 5 of the file).
UNLOCATABLE_PAGE = (
    "<html><head><title>Budget talks</title></head><body><article>\n"
    + "<p>Paragraph one of the report says the ministry confirmed the figures, according"
    " to two officials who were briefed on the talks.</p>\n"
    * 3
    + '<p>It <span style="display:none">was</span> reportedly collapsed.</p>\n'
    "</article></body></html>\n"
)
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def independent():
    from scorer.load import load

    return load(str(INDEPENDENT))


@pytest.fixture(scope="session")
def rewrite():
    from scorer.load import load

    return load(str(REWRITE))


def article_corpus(count: int) -> list[dict[str, str]]:
    """`count` articles as records ("Body ID", "articleBody"), from the examples' paragraphs.

    The labelled data lives outside the repository, so corpus tests build theirs from the
    bundled copy: the two seeds first, then paragraphs of both drawn in a fixed order (real
    sentences, varied lengths and sources), the same on every machine.
    """
    import random

    seeds = [path.read_text(encoding="utf-8").strip() for path in (INDEPENDENT, REWRITE)]
    paragraphs = [p.strip() for seed in seeds for p in seed.split("\n\n") if p.strip()]
    records = []
    for index in range(count):
        if index < len(seeds):
            body = seeds[index]
        else:
            draw = random.Random(index)
            body = "\n\n".join(draw.sample(paragraphs, draw.randint(2, 9)))
        records.append({"Body ID": str(1000 + 7 * index), "articleBody": body})
    return records


def on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """`python -m scorer ARGS` with stderr on a pseudo-terminal: exit code, stdout, and all
    the terminal saw (where a progress bar draws).

    The terminal is read while the command runs: a terminal holds only a few kB, and a
    slow run (a busy machine) draws more frames, which would block the command once full.
    """
    import os
    import pty
    import threading

    master, slave = pty.openpty()
    seen: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal is closed once the command is gone
                return
            if not chunk:
                return
            seen.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "scorer", *args],
            stdout=subprocess.PIPE,
            stderr=slave,
            timeout=600,
            cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", **env},
            check=False,
        )
    finally:
        os.close(slave)
        reader.join()
        os.close(master)
    return result.returncode, result.stdout, b"".join(seen)


def _default_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def held(
    args: list[str], point: str, hold_file: Path, cwd: Path = ROOT, **popen: Any
) -> subprocess.Popen[Any]:
    """`python -m scorer ARGS` started and held at `point` (see scorer/hold.py): returns the
    running process once it is there, whatever the machine's load, so a test can signal it
    at a known place. Fails if the command ends without reaching the point."""
    hold_file.unlink(missing_ok=True)  # only this run's own word counts
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "SCORER_HOLD": f"{point}:{hold_file}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "scorer", *args],
        cwd=cwd,
        env=env,
        # Ctrl-C as a terminal delivers it, whatever the test process does with SIGINT: a
        # child inherits an ignored SIGINT, and Python then leaves it ignored.
        preexec_fn=_default_sigint,
        **popen,
    )
    while not hold_file.exists():
        if process.poll() is not None:
            raise AssertionError(f"the run ended (exit {process.returncode}) before {point}")
        time.sleep(0.01)
    assert int(hold_file.read_text()) == process.pid
    return process
