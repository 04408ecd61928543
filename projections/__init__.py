"""Read models: pure functions from public events to rows, plus the SQL that stores them.

Every projection is fed by consumers/ and can be rebuilt from offset 0.
"""
