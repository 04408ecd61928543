"""Personal records of the court staff who are not judges (seed 004 §15.7)."""
