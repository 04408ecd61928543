"""The court's domain model: aggregates and rules. Pure: no I/O, no clock, no randomness."""
