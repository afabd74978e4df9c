"""Helpers of tools/bench.py: the synthetic workbook, the measurements, the report."""
