"""Refusals of the deadline rules."""

from __future__ import annotations

from datetime import date


class DeadlineError(Exception):
    field: str = ""


class UnknownRuleError(DeadlineError, LookupError):
    field = "rule_id"

    def __init__(self, rule: str) -> None:
        super().__init__(f"no deadline rule {rule!r}")


class NoRuleInForceError(DeadlineError):
    field = "rule_id"

    def __init__(self, rule_id: str, on: date) -> None:
        super().__init__(f"no version of rule {rule_id!r} is in force on {on.isoformat()}")


class DeadlineNotFoundError(DeadlineError, LookupError):
    def __init__(self, deadline_id: object) -> None:
        super().__init__(f"no deadline {deadline_id}")


class DeadlineClosedError(DeadlineError):
    def __init__(self, status: str) -> None:
        super().__init__(f"the deadline is {status}")


class DeadlineAlreadyOpenError(DeadlineError):
    def __init__(self, rule_id: str, subject: str) -> None:
        super().__init__(f"a deadline of rule {rule_id!r} is already open for {subject}")


class NotExtendableError(DeadlineError):
    def __init__(self, rule_id: str) -> None:
        super().__init__(f"rule {rule_id!r} allows no extension")


class ExtensionNotAllowedError(DeadlineError):
    """The actor may not extend, the extension is too long, or too frequent."""

    field = "term"


class NotAuthorisedToExtendError(ExtensionNotAllowedError):
    """The rule names who may extend its term; this actor's role is not among them."""

    field = ""


class ExtensionAfterDueError(DeadlineError):
    def __init__(self) -> None:
        super().__init__("the term has already run out; it can no longer be extended")


class NotSuspendedError(DeadlineError):
    def __init__(self) -> None:
        super().__init__("the deadline is not suspended")


class AlreadySuspendedError(DeadlineError):
    def __init__(self) -> None:
        super().__init__("the deadline is already suspended")


class TimeRunsBackwardsError(DeadlineError):
    def __init__(self, what: str) -> None:
        super().__init__(f"{what} cannot be earlier than the deadline's last change")


class MetBeforeStartError(DeadlineError):
    field = "met_at"

    def __init__(self, met_at: object, base_time: object) -> None:
        super().__init__(f"a term that started at {base_time} cannot have been met at {met_at}")


class MetInTheFutureError(DeadlineError):
    field = "met_at"

    def __init__(self, met_at: object) -> None:
        super().__init__(f"a term is recorded as met once it has been, not for {met_at}")
