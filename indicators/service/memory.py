"""Giving freed memory back to the system after the big rebuilds of a server process.

A worker rebuilds its actuals and report after every commit (service.incremental)
and reads 180,000 registry records at its start: hundreds of megabytes of
short-lived frames and objects.  Python frees them, but glibc's allocator keeps
the freed pages of its heap for reuse, so the resident size of a national worker
climbed by 50-100 MB with each commit until it settled above 1 GiB, and the next
rebuild's peak came on top (docs/performance.md).  malloc_trim(0) returns those
free pages; it takes about 50 ms at national scale, outside the interpreter lock
(ctypes releases it), so viewers' requests go on meanwhile.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache


def release_free_memory() -> bool:
    """Return the allocator's free pages to the system; False where the C library has no
    malloc_trim (musl, macOS, Windows), which then keep what they keep."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
