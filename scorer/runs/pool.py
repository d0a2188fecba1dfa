"""What every local worker process does when it starts: `scorer check -j N` and `batch`.

Ctrl-C is the parent's to handle: it stops the run and the workers finish the item in
hand. A worker whose parent is gone (killed with SIGKILL, say) exits: a pool's workers
hold both ends of its task pipe, so they would never see it close, and would wait forever.
"""

from __future__ import annotations

import os
import signal
import threading
import time


def start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    # The parent is the run's process, or a forkserver that ends with it.
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)
