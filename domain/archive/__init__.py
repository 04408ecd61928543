"""Records management and the archive of the cassation courts (seed 004 §15.14)."""
