"""Keeping a long run's memory flat: freed heap pages go back to the operating system.

Parsing a batch makes and drops millions of small Python objects, in the task runner's worker
threads, each thread with its own malloc arena. glibc keeps the freed pages mapped, so without a
trim the resident size creeps up batch by batch although the batches themselves are gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
from collections.abc import Callable, Iterator
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc; absent on musl, macOS and Windows
    except (AttributeError, OSError, TypeError):
        return None


def release_free_memory() -> bool:
    """Hand freed heap pages back to the OS (glibc's `malloc_trim`); False where there is none."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@cache
def freeze_long_lived() -> None:
    """Move every object alive now out of the garbage collector's sight, once per process.

    Called when the spaCy tagger and the team book are loaded: they, the libraries and Prefect's
    client live as long as the process, yet each full collection would walk them all again while
    parsing churns through objects (6 % of parse time in a profile; under 2 % frozen).
    """
    gc.freeze()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while spaCy and the team book load: what they make lives as long as the
    process, so the full collections their allocations set off (about 0.1 s each in the flow's heap)
    free nothing. `freeze_long_lived` then puts it all out of the collector's sight."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
