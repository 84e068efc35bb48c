"""Benchmarks for issue 7; `python benchmarks/run_all.py` runs them all."""
