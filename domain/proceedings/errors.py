"""Errors of the proceedings context: each one names the rule that refused the command."""


class ProceedingsError(Exception):
    field: str | None = None
    location: str = "body"


class CommandNotAllowedNowError(ProceedingsError):
    def __init__(self, command: str, stage: str) -> None:
        super().__init__(f"{command.replace('_', ' ')} is not possible while the case is {stage.replace('_', ' ')}")
        self.command, self.stage = command, stage


class CaseNotFoundError(ProceedingsError):
    def __init__(self, case_id: object) -> None:
        super().__init__(f"no case in proceedings with id {case_id}")


class CaseAlreadyOpenError(ProceedingsError):
    def __init__(self, case_id: object) -> None:
        super().__init__(f"case {case_id} was already accepted or returned")


class ItemCannotOpenCaseError(ProceedingsError):
    field = "case_id"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)


class UnknownHearingError(ProceedingsError):
    field = "hearing_id"

    def __init__(self, hearing_id: str) -> None:
        super().__init__(f"no hearing {hearing_id} is scheduled in this case")


class PanelSizeError(ProceedingsError):
    field = "panel"

    def __init__(self, size: int, expected: int) -> None:
        super().__init__(f"a panel of {size} sat; this procedure needs {expected}")


class SubstitutionReasonRequiredError(ProceedingsError):
    field = "substitution_reason"

    def __init__(self, assigned: tuple[str, ...]) -> None:
        super().__init__(f"the panel that sat differs from the one assigned ({', '.join(assigned)}): give the reason")


class SuspensionTooLongError(ProceedingsError):
    field = "until"

    def __init__(self, latest: object) -> None:
        super().__init__(f"execution may be suspended for at most six months, until {latest} (УПК 493)")


class SuspensionEndsInPastError(ProceedingsError):
    field = "until"

    def __init__(self) -> None:
        super().__init__("the suspension would end before it starts")


class HeldBeforeScheduledDayError(ProceedingsError):
    field = "held_at"

    def __init__(self, held_at: object, scheduled_for: object) -> None:
        super().__init__(f"a hearing scheduled for {scheduled_for} was not held on {held_at}: postpone it first")


class NotYetHappenedError(ProceedingsError):
    def __init__(self, field: str, when: object) -> None:
        super().__init__(f"{field.replace('_', ' ')} is recorded once it has happened, not for {when}")
        self.field = field


class NoOutcomesError(ProceedingsError):
    field = "outcomes"

    def __init__(self) -> None:
        super().__init__("a ruling states the outcome for each defendant: none given")


class DuplicateDefendantError(ProceedingsError):
    field = "outcomes"

    def __init__(self, defendant: str) -> None:
        super().__init__(f"two outcomes for defendant {defendant}")


class NotPublishableError(ProceedingsError):
    def __init__(self) -> None:
        super().__init__("the judge entered this act as not for publication")


class JoinSelfError(ProceedingsError):
    field = "case_ids"

    def __init__(self) -> None:
        super().__init__("a case cannot be joined to itself")


class JoinDifferentCaseError(ProceedingsError):
    field = "case_ids"

    def __init__(self, other: object) -> None:
        super().__init__(f"case {other} concerns another lower-court case: only complaints on the same case join")


class IdempotencyKeyReusedError(ProceedingsError):
    field = "Idempotency-Key"
    location = "header"

    def __init__(self) -> None:
        super().__init__("this Idempotency-Key was already used for a different request")


class VersionMismatchError(ProceedingsError):
    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"the case is at version {actual}, not {expected} (If-Match): read it again")
        self.expected, self.actual = expected, actual
