"""Every benchmark module imports: CI runs the load test after pytest, and a stale import
there (a module moved by a reorganisation) would otherwise surface only at the very end."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

BENCHMARKS = sorted(path.stem for path in (Path(__file__).resolve().parent.parent / "benchmarks").glob("*.py")
                    if path.stem != "__init__")


@pytest.mark.parametrize("name", BENCHMARKS)
def test_benchmark_module_imports(name: str) -> None:
    importlib.import_module(f"benchmarks.{name}")
