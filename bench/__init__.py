"""Benchmarks: synthetic data at scale, the load run, profiling (see README, Benchmarks)."""
