"""Proceedings: what the court does with an accepted case, up to the entered ruling."""
