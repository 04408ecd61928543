"""Procedural deadlines: versioned rules, term counting, and the Deadline aggregate."""
