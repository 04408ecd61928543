"""The audit ledger: tamper-evidence for the event log, checked without trusting the operator.

Pure parts (no I/O): `merkle` (RFC 9162 tree and proofs), `canonical` (RFC 8785 bytes of
an event, strict parsing), `note` and `checkpoint` (C2SP signed notes, Ed25519),
`verifier` (every check an auditor runs). Kafka and PostgreSQL stay at the edges:
`ledger` (the consumer that signs checkpoints), `export`, `receipts`, `replay`.
"""
