"""Render the report of every example article as SVG, HTML and JSON into reports/.

    python reports/build.py           # write them (what `make reports` runs)
    python reports/build.py --check   # exit 1 naming the stale ones, change nothing

Run from anywhere; paths in the reports are relative to the repository. The Python rules
engine is used so the reports are the same on every Python version (the two engines give
the same findings: tests/test_engine_differential.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scorer.runs.outputs import write_text  # noqa: E402

REPORTS = ROOT / "reports"
FORMATS = {"svg": "svg", "html": "html", "json": "json"}
WIDTH = "100"


def rendered(article: Path, fmt: str) -> str:
    """The report of one article in one format, as the command line makes it."""
    quiet = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS")
    env = {key: value for key, value in os.environ.items() if key not in quiet}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scorer",
            "audit",
            "--engine",
            "python",
            "--width",
            WIDTH,
            "--format",
            fmt,
            str(article.relative_to(ROOT)),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"scorer audit {article.name} --format {fmt} failed:\n{result.stderr}")
    return result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say which reports are stale")
    check = parser.parse_args().check
    stale = []
    for article in sorted((ROOT / "examples").glob("*.txt")):
        for fmt, suffix in FORMATS.items():
            target = REPORTS / f"{article.stem}.{suffix}"
            text = rendered(article, fmt)
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current == text:
                continue
            stale.append(target.relative_to(ROOT))
            if not check:
                write_text(str(target), text)  # atomically, as every file scorer replaces
    for path in stale:
        print(f"{'stale' if check else 'wrote'}: {path}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
