"""Errors of the archive context: each one names the rule that refused the command."""

from __future__ import annotations


class ArchiveError(Exception):
    field: str | None = None
    location: str = "body"


class ArchiveFileNotFoundError(ArchiveError):
    def __init__(self, file_id: object) -> None:
        super().__init__(f"no archived file with id {file_id}")


class DestructionActNotFoundError(ArchiveFileNotFoundError):
    def __init__(self, act_id: object) -> None:
        ArchiveError.__init__(self, f"no destruction act with id {act_id}")


class CaseUnknownError(ArchiveFileNotFoundError):
    def __init__(self, case_id: object) -> None:
        ArchiveError.__init__(self, f"no registered case with id {case_id}")


class AlreadyArchivedError(ArchiveError):
    def __init__(self, file_id: object) -> None:
        super().__init__(f"the case's file {file_id} was already handed to the archive")


class NotDisposedError(ArchiveError):
    """Only a disposed case (its act entered and published, or the complaint returned) goes to the archive."""

    field = "case_id"

    def __init__(self, case_id: object, stage: str) -> None:
        super().__init__(
            f"case {case_id} is not disposed ({stage}): a case is handed to the archive once its act is entered "
            "and published, or the complaint returned"
        )


class NoRetentionTermError(ArchiveError):
    field = "case_id"

    def __init__(self, category: str, edition: str) -> None:
        super().__init__(f"the retention schedule {edition} has no term for files of category {category}")


class NoScheduleInForceError(ArchiveError):
    field = "case_id"

    def __init__(self, day: object) -> None:
        super().__init__(f"no retention schedule is in force on {day}")


class StepNotAllowedNowError(ArchiveError):
    def __init__(self, command: str, stage: str) -> None:
        super().__init__(f"{command.replace('_', ' ')} is not possible: the file is {stage.replace('_', ' ')}")
        self.command, self.stage = command, stage


class UnknownHoldError(ArchiveError):
    field = "hold_id"

    def __init__(self, hold_id: str) -> None:
        super().__init__(f"the file has no hold {hold_id} in place")


class ReturnBeforeIssueError(ArchiveError):
    field = "returned_at"

    def __init__(self, returned_at: object, issued_at: object) -> None:
        super().__init__(f"a file issued at {issued_at} cannot be returned at {returned_at}")


class FileUnderHoldError(ArchiveError):
    """A file with a hold in place (a pending request, a case reopened) or out on issue is never destroyed."""

    def __init__(self, archive_number: str, holds: list[str]) -> None:
        super().__init__(f"file {archive_number} is under hold ({'; '.join(holds)}): it cannot be destroyed")
        self.archive_number, self.holds = archive_number, holds


class RetentionNotEndedError(ArchiveError):
    field = "file_ids"

    def __init__(self, archive_number: str, ends_on: object) -> None:
        super().__init__(f"file {archive_number} is kept until {ends_on}: it cannot be destroyed before its term ends")


class PermanentFileError(ArchiveError):
    field = "file_ids"

    def __init__(self, archive_number: str) -> None:
        super().__init__(f"file {archive_number} is kept permanently: it is never destroyed")


class AlreadyDestroyedError(ArchiveError):
    field = "file_ids"

    def __init__(self, archive_number: str) -> None:
        super().__init__(f"file {archive_number} was already destroyed")


class ActFilesRequiredError(ArchiveError):
    field = "file_ids"

    def __init__(self) -> None:
        super().__init__("a destruction act lists the files it destroys, each once")


class ActOfOtherCourtError(ArchiveError):
    field = "file_ids"

    def __init__(self, archive_number: str, court: str) -> None:
        super().__init__(f"file {archive_number} is not in the archive of {court}: one act per court's archive")


class ApproverNotHeadError(ArchiveError):
    """Destruction is approved by the head, never by whoever drew up the act."""

    field = "approver"

    def __init__(self) -> None:
        super().__init__("a destruction act is approved by the head, not by the one who drew it up")


class ReasonRequiredError(ArchiveError):
    field = "reason"

    def __init__(self, step: str) -> None:
        super().__init__(f"{step} needs a reason")


class IdempotencyKeyReusedError(ArchiveError):
    def __init__(self) -> None:
        super().__init__("this Idempotency-Key was used for a different request")


class VersionMismatchError(ArchiveError):
    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"the record is at version {actual}, not {expected}: read it again")
        self.expected, self.actual = expected, actual


class ArchiveBusyError(ArchiveError):
    def __init__(self, court: str) -> None:
        super().__init__(f"the archive journal of {court} is busy: try again")
