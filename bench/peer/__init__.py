"""Weblate, the peer, measured beside the desk (`make bench-peer`; see README, Benchmarks)."""
