"""Shared fixtures: the example articles and the labelled data folder, when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
INDEPENDENT = EXAMPLES / "independent-habib-defection.txt"
REWRITE = EXAMPLES / "habib-defection-rewrite.txt"
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
    the terminal saw (where a progress bar draws)."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "scorer", *args],
            stdout=subprocess.PIPE,
            stderr=slave,
            timeout=180,
            cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", **env},
            check=False,
        )
        os.close(slave)
        slave = -1
        seen = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal is closed once read to the end
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if slave != -1:
            os.close(slave)
        os.close(master)
    return result.returncode, result.stdout, seen
