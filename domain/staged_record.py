"""For records that move through stages by named steps (an application, an information
request, a foreign request): one table says from which stages a step may be taken and to
which it leads, and every step is checked against it the same way."""

from __future__ import annotations

from domain.remembered_requests import RemembersRequests


class StagedRecord(RemembersRequests):
    """Mixed into an aggregate that keeps `self.stage` and names its table of steps in
    `transitions` (step -> (stages it may be taken from, the stage it leads to or None))
    and its context's errors in `step_not_allowed` and `reason_required`."""

    def _check(self, command_name: str, reason: str | None = "-") -> None:
        sources, _ = self.transitions[command_name]
        if self.stage not in sources:
            raise self.step_not_allowed(command_name, self.stage)
        if reason is not None and not reason.strip():
            raise self.reason_required(command_name.replace("_", " "))

    def _move(self, command_name: str, command) -> None:
        _, target = self.transitions[command_name]
        if target is not None:
            self.stage = target
        self._note(command)
