"""For aggregates whose events record the request that caused them (a CommandRef: the
idempotency key's id and a digest of what was asked): a retried request is recognised
and carries nothing out again, and the same key sent with other content is refused."""

from __future__ import annotations


class RemembersRequests:
    """Mixed into an aggregate that keeps `self.commands` (request id -> digest) and names
    its context's error for a reused key in `key_reused`."""

    def already_done(self, command) -> bool:
        """True if this request was already carried out (so nothing is to be done again)."""
        if command is None or command.id not in self.commands:
            return False
        if self.commands[command.id] != command.digest:
            raise self.key_reused()
        return True

    def _note(self, command) -> None:
        if command is not None:
            self.commands[command.id] = command.digest
