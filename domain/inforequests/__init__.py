"""Requests for information and analysis (seed 000 §7.3)."""
