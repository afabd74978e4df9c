"""Mentoring pages, one module per area."""
