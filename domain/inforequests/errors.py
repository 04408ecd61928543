"""Errors of the information-requests context: each one names the rule that refused the command."""

from __future__ import annotations


class InformationRequestError(Exception):
    field: str | None = None
    location: str = "body"


class RequestNotFoundError(InformationRequestError):
    def __init__(self, request_id: object) -> None:
        super().__init__(f"no request for information with id {request_id}")


class RequestAlreadyRegisteredError(InformationRequestError):
    def __init__(self, request_id: object) -> None:
        super().__init__(f"request {request_id} was already registered")


class StepNotAllowedNowError(InformationRequestError):
    def __init__(self, command: str, stage: str) -> None:
        super().__init__(f"{command.replace('_', ' ')} is not possible while the request is {stage.replace('_', ' ')}")
        self.command, self.stage = command, stage


class ReasonRequiredError(InformationRequestError):
    field = "reason"

    def __init__(self, step: str) -> None:
        super().__init__(f"{step} needs a reason")


class ReceivedInTheFutureError(InformationRequestError):
    field = "received_at"

    def __init__(self, received_at: object) -> None:
        super().__init__(f"a request is registered once received, not for {received_at}")


class AssigneeNotAnAnalystError(InformationRequestError):
    """The answer is prepared by the judicial-practice analysis sector (000 §7.3.4)."""

    field = "assignee"

    def __init__(self, user_id: str) -> None:
        super().__init__(
            f"{user_id} is not a user of the practice-analysis sector (role analyst): requests for information and "
            "analysis are answered by that sector (000 §7.3)"
        )


class NotTheAssigneeError(InformationRequestError):
    field = "document_ref"

    def __init__(self, assignee: str | None) -> None:
        super().__init__(f"the answer is drafted by the analyst the request is assigned to ({assignee})")


class ExtenderNotAllowedError(InformationRequestError):
    field = "until"

    def __init__(self) -> None:
        super().__init__("the answer term is extended by a reasoned decision of the head or a deputy head")


class ExtensionTooLongError(InformationRequestError):
    field = "until"

    def __init__(self, until: object, limit: object) -> None:
        super().__init__(f"the answer term may be extended to at most {limit} (the rule's longest term), not {until}")


class ExtensionNotLaterError(InformationRequestError):
    field = "until"

    def __init__(self, until: object, current: object) -> None:
        super().__init__(f"an extension must move the term on: {until} is not after {current}")


class NotExtendableError(InformationRequestError):
    field = "until"

    def __init__(self) -> None:
        super().__init__("the rule in force for this request's answer allows no extension")


class IdempotencyKeyReusedError(InformationRequestError):
    def __init__(self) -> None:
        super().__init__("this Idempotency-Key was used for a different request")


class VersionMismatchError(InformationRequestError):
    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"the request is at version {actual}, not {expected}: read it again")
        self.expected, self.actual = expected, actual
