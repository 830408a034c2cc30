"""Tests of bench/: the inputs the benchmarks build from."""
