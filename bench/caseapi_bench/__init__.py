"""Helpers of bench_case_api.py (not a benchmark itself: run_all runs only bench_*.py)."""
