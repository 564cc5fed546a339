"""Benchmarks, run by ``make bench`` (``python -m benchmarks``).

Each module ``benchmarks/bench_<topic>.py`` defines functions ``bench_<name>()``
that return a list of :class:`benchmarks.harness.Measure`. The runner calls
them all (or those whose module or function name contains a word given on the
command line), prints a table and writes ``benchmarks/results/latest.json``.
Speed is measured here, never asserted in tests.
"""
