"""Benchmarks: each measures the product and a baseline in the same run and prints the ratio
(`python -m bench`, `make bench`). They are not tests: timing targets never go in the suite."""
