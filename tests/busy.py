"""Run a command while every core is kept busy by other processes: `make test-loaded`.

    python tests/busy.py COMMAND [ARG...]

CI may run the suite on a machine that is busy with other work, so a test whose outcome
depends on timing fails there sooner or later. This starts one busy process per core (a
loop that never sleeps), runs COMMAND, stops them, and exits with COMMAND's code.
"""

from __future__ import annotations

import os
import subprocess
import sys


def main(command: list[str]) -> int:
    if not command:
        print(__doc__, file=sys.stderr)
        return 2
    busy = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"])
        for _ in range(os.cpu_count() or 2)
    ]
    try:
        return subprocess.call(command)
    finally:
        for process in busy:
            process.kill()
            process.wait()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
