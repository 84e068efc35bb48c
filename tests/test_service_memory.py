"""service.memory: the allocator's free pages go back to the system where glibc can."""

from __future__ import annotations

import ctypes.util
import platform

import pytest

from indicators.service import memory


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
                    reason="malloc_trim is glibc's")
def test_on_glibc_it_trims() -> None:
    assert memory.release_free_memory() is True


def test_without_a_c_library_it_says_so_and_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", lambda _name: None)
    memory._malloc_trim.cache_clear()
    try:
        assert memory.release_free_memory() is False
    finally:
        memory._malloc_trim.cache_clear()
