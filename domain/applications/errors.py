"""Errors of the applications context: each one names the rule that refused the command."""

from __future__ import annotations


class ApplicationError(Exception):
    field: str | None = None
    location: str = "body"


class ApplicationNotFoundError(ApplicationError):
    def __init__(self, application_id: object) -> None:
        super().__init__(f"no application with id {application_id}")


class ApplicationAlreadyRegisteredError(ApplicationError):
    def __init__(self, application_id: object) -> None:
        super().__init__(f"application {application_id} was already registered")


class StepNotAllowedNowError(ApplicationError):
    def __init__(self, command: str, stage: str) -> None:
        super().__init__(
            f"{command.replace('_', ' ')} is not possible while the application is {stage.replace('_', ' ')}"
        )
        self.command, self.stage = command, stage


class ConsultantAbsentError(ApplicationError):
    """004 §15.7: a consultant is assigned applications only while at work."""

    field = "consultant"

    def __init__(self, consultant: str, day: object, absence: str) -> None:
        super().__init__(f"consultant {consultant} is not at work on {day} ({absence}): assign someone present")


class ReasonRequiredError(ApplicationError):
    field = "reason"

    def __init__(self, step: str) -> None:
        super().__init__(f"{step} needs a reason (АППК 76: a reasoned decision)")


class ExtensionTooLongError(ApplicationError):
    """АППК 76: extension to at most 2 months in all."""

    field = "until"

    def __init__(self, until: object, limit: object) -> None:
        super().__init__(f"the answer term may be extended to at most 2 months (АППК 76): to {limit}, not {until}")


class ExtensionNotLaterError(ApplicationError):
    field = "until"

    def __init__(self, until: object, current: object) -> None:
        super().__init__(f"an extension must move the term on: {until} is not after {current}")


class ProceduralComplaintError(ApplicationError):
    """АППК 3(4)(1): complaints that are procedural acts follow the procedural code."""

    field = "subject"

    def __init__(self) -> None:
        super().__init__(
            "a complaint that is a procedural act (e.g. a cassation complaint) is not an application: it is "
            "registered in the registry and follows the УПК (АППК 3(4)(1))"
        )


class ApproverNotAllowedError(ApplicationError):
    """The answer is approved by the head or a deputy; the consultant who drafted it cannot."""

    field = "approver"

    def __init__(self) -> None:
        super().__init__("the answer is approved by the head or a deputy head, not by its drafter")


class IdempotencyKeyReusedError(ApplicationError):
    def __init__(self) -> None:
        super().__init__("this Idempotency-Key was used for a different request")


class VersionMismatchError(ApplicationError):
    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"the application is at version {actual}, not {expected}: read it again")
        self.expected, self.actual = expected, actual


# -- personal receptions (seed 000 §7.2.3) ---------------------------------------------
class ReceptionNotFoundError(ApplicationNotFoundError):
    def __init__(self, reception_id: object) -> None:
        ApplicationError.__init__(self, f"no reception with id {reception_id}")


class ReceptionAlreadyScheduledError(ApplicationAlreadyRegisteredError):
    def __init__(self, reception_id: object) -> None:
        ApplicationError.__init__(self, f"reception {reception_id} was already scheduled")


class ReceptionStepNotAllowedError(StepNotAllowedNowError):
    def __init__(self, step: str, status: str) -> None:
        ApplicationError.__init__(self, f"{step} is not possible: the reception is {status}")
        self.command, self.stage = step, status


class ReceptionInThePastError(ApplicationError):
    field = "scheduled_for"

    def __init__(self, scheduled_for: object) -> None:
        super().__init__(f"a reception is scheduled ahead of time, not for {scheduled_for}")


class SameScheduleError(ApplicationError):
    field = "scheduled_for"

    def __init__(self) -> None:
        super().__init__("rescheduling must change the time, the place or the receiving chair")


class NotTheReceiverError(ApplicationError):
    """Only the chair who receives records the reception held; another chair takes it over by rescheduling."""

    field = "receiver"

    def __init__(self, receiver: str) -> None:
        super().__init__(
            f"the reception is scheduled with {receiver}: only they record it held (reschedule it to another chair "
            "first, with the reason)"
        )


class HeldBeforeScheduledDayError(ApplicationError):
    field = "held_at"

    def __init__(self, held_at: object, scheduled_for: object) -> None:
        super().__init__(f"a reception scheduled for {scheduled_for} is not held on {held_at}: reschedule it first")


class HeldInTheFutureError(ApplicationError):
    field = "held_at"

    def __init__(self, held_at: object) -> None:
        super().__init__(f"a reception is recorded once it has happened, not for {held_at}")


class ReceiverNotAChairError(ApplicationError):
    field = "receiver.user_id"

    def __init__(self, user_id: str) -> None:
        super().__init__(f"{user_id} is not a user in the head or deputy head role: receptions are held by the chairs")


class NotFromReceptionError(ApplicationError):
    field = "channel"

    def __init__(self) -> None:
        super().__init__("only an application handed in at a reception (channel reception) is linked to one")
