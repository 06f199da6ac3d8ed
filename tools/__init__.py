"""Maintainer tools that are not part of the site: synthetic data, benchmarks, profiling."""
