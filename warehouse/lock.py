"""One run at a time per warehouse: an exclusive `flock` on a file in the warehouse folder.

The lock is held for the whole run (reading what was loaded, staging, the swap, cleaning up), so
two runs never stage, swap or clean over each other. The kernel lets go of it when the process
ends, however it ends (kill -9 included): a stale lock cannot block the next run. The lock file is
never removed: removing it would let a third run lock a new file while the second holds the old.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from warehouse.errors import WarehouseBusy

LOCK_NAME = ".matchwire.lock"
POLL_SECONDS = 0.2


def _holder(fd: int) -> str:
    """What the holder wrote in the lock file: its pid and when it took the lock, or '' if unknown."""
    with contextlib.suppress(OSError):
        return os.pread(fd, 200, 0).decode(errors="replace").strip()
    return ""


@contextlib.contextmanager
def warehouse_lock(dest: Path, wait: float, on_wait: Callable[[str], None] = lambda _: None) -> Iterator[None]:
    """Hold the warehouse's lock for the block; wait up to `wait` seconds for it (0: not at all).

    `on_wait` hears once, with a line saying who holds it, when the lock is busy and the run waits.
    """
    fd = os.open(dest / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, dest, wait, on_wait)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the last descriptor releases the flock


def _acquire(fd: int, dest: Path, wait: float, on_wait: Callable[[str], None]) -> None:
    deadline = time.monotonic() + max(0.0, wait)
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            holder = _holder(fd)
            who = f"another matchwire run ({holder})" if holder else "another matchwire run"
            if time.monotonic() >= deadline:
                waited = f" after waiting {wait:g} s" if wait > 0 else " (--no-wait)"
                raise WarehouseBusy(f"warehouse {dest} is busy: {who} is loading it{waited}; try again later") from None
            if not told:
                on_wait(f"warehouse {dest} is busy: {who} is loading it; waiting up to {wait:g} s for it to finish")
                told = True
            time.sleep(POLL_SECONDS)
