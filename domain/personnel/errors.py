"""Errors of the personnel context: each one names the rule that refused the command."""

from __future__ import annotations


class PersonnelError(Exception):
    field: str | None = None
    location: str = "body"


class StaffMemberNotFoundError(PersonnelError):
    def __init__(self, staff_id: object) -> None:
        super().__init__(f"no staff record with id {staff_id}")


class AlreadyAppointedError(PersonnelError):
    def __init__(self, user_id: str) -> None:
        super().__init__(f"{user_id} already has a staff record: transfer them to the new post instead")


class NotInPostError(PersonnelError):
    def __init__(self, command: str) -> None:
        super().__init__(f"{command.replace('_', ' ')} is not possible: the staff member was dismissed")
        self.command, self.stage = command, "dismissed"


class PeriodReversedError(PersonnelError):
    field = "ends_on"

    def __init__(self, starts_on: object, ends_on: object) -> None:
        super().__init__(f"a period cannot end on {ends_on}, before it starts on {starts_on}")


class AbsenceOverlapsError(PersonnelError):
    """One person is in one place: a leave or a trip may not overlap another still standing."""

    field = "starts_on"

    def __init__(self, other: str) -> None:
        super().__init__(f"the period overlaps {other}")


class UnknownAbsenceError(PersonnelError):
    field = "absence_id"

    def __init__(self, absence_id: str, kind: str = "absence") -> None:
        super().__init__(f"the staff member has no {kind.replace('_', ' ')} {absence_id} standing")
        if kind == "business_trip":  # the trip's report names the trip in its path
            self.field, self.location = "trip_id", "path"


class ReportBeforeReturnError(PersonnelError):
    field = "submitted_on"

    def __init__(self, submitted_on: object, returns_on: object) -> None:
        super().__init__(f"a trip's final report follows the return ({returns_on}), not {submitted_on}")


class ReportAlreadySubmittedError(PersonnelError):
    field = "trip_id"
    location = "path"

    def __init__(self, trip_id: str) -> None:
        super().__init__(f"the final report of trip {trip_id} was already submitted")


class CountryRequiredError(PersonnelError):
    field = "country"

    def __init__(self) -> None:
        super().__init__("a foreign business trip names the country (ISO 3166-1 alpha-2), other than KZ")


class ReasonRequiredError(PersonnelError):
    field = "reason"

    def __init__(self, step: str) -> None:
        super().__init__(f"{step} needs a reason")


class IdempotencyKeyReusedError(PersonnelError):
    def __init__(self) -> None:
        super().__init__("this Idempotency-Key was used for a different request")


class VersionMismatchError(PersonnelError):
    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"the record is at version {actual}, not {expected}: read it again")
        self.expected, self.actual = expected, actual
