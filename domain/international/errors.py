"""Errors of the international context: each one names the rule that refused the command."""

from __future__ import annotations


class InternationalError(Exception):
    field: str | None = None
    location: str = "body"


class RequestNotFoundError(InternationalError):
    def __init__(self, request_id: object) -> None:
        super().__init__(f"no foreign request with id {request_id}")


class RequestAlreadyReceivedError(InternationalError):
    def __init__(self, request_id: object) -> None:
        super().__init__(f"foreign request {request_id} was already received")


class StepNotAllowedNowError(InternationalError):
    def __init__(self, command: str, stage: str) -> None:
        super().__init__(f"{command.replace('_', ' ')} is not possible while the request is {stage.replace('_', ' ')}")
        self.command, self.stage = command, stage


class IdempotencyKeyReusedError(InternationalError):
    def __init__(self) -> None:
        super().__init__("this Idempotency-Key was used for a different request")


class VersionMismatchError(InternationalError):
    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"the request is at version {actual}, not {expected}: read it again")
        self.expected, self.actual = expected, actual


class WrongDirectionError(InternationalError):
    """Incoming requests go to a Kazakh court; outgoing ones abroad (ГПК 476, УПК 559)."""

    field = "kind"

    def __init__(self, command: str, kind: str) -> None:
        super().__init__(f"{command.replace('_', ' ')} does not apply to a {kind.replace('_', ' ')}")


class TranslationRequiredError(InternationalError):
    """Hague Evidence Convention 1970 (Kazakhstan's declaration): requests in English
    need a certified Kazakh or Russian translation; Hague Service 1965: documents are
    accepted in Kazakh and/or Russian."""

    field = "language"

    def __init__(self, language: str, treaty: str) -> None:
        super().__init__(
            f"a request under {treaty.replace('_', ' ')} in '{language}' needs a certified Kazakh or Russian "
            "translation before it is studied"
        )


class PretrialDiscoveryError(InternationalError):
    """Hague Evidence Convention 1970 art. 23 (Kazakhstan's reservation): letters of
    request for pre-trial discovery of documents are not executed."""

    field = "pretrial_discovery"

    def __init__(self) -> None:
        super().__init__(
            "a letter of request for pre-trial discovery is not executed (Hague Evidence Convention art. 23): "
            "refuse it with that ground"
        )


class SignOffRequiredError(InternationalError):
    """§13: documents on international legal assistance are signed by the deputy head
    supervising the line or the person acting for him."""

    def __init__(self, command: str) -> None:
        super().__init__(f"{command.replace('_', ' ')} needs a signed-off document (§13): sign it off first")


class SignerNotAuthorisedError(InternationalError):
    field = "signer"

    def __init__(self, signer: str, at: object, line: str = "international_legal_assistance") -> None:
        if line == "international_legal_assistance":
            who = "international legal assistance documents at {at} (003 §13: the supervising deputy head or the "
        else:
            who = "documents on the Secretariat's behalf at {at} (000 §13: the head of the Secretariat or the "
        super().__init__(f"{signer} had no authority to sign " + who.format(at=at) + "person acting for him)")


class CapacityNotOfLineError(InternationalError):
    field = "capacity"

    def __init__(self, capacity: str, line: str) -> None:
        super().__init__(
            f"{capacity} does not sign on the line {line} (003 §13: the supervising deputy head or the person acting "
            "for him; 000 §13: the head of the Secretariat or the person acting for him)"
        )


class NoCompetentCourtError(InternationalError):
    field = "region"

    def __init__(self, region: str, competence: str, on: object) -> None:
        super().__init__(f"no court in {region} competent for {competence.replace('_', ' ')} on {on}")


class UnknownCourtError(InternationalError):
    field = "court"

    def __init__(self, court: str) -> None:
        super().__init__(f"{court} is not in the jurisdiction table as competent for this request on this day")


class ReasonRequiredError(InternationalError):
    field = "reason"

    def __init__(self, step: str) -> None:
        super().__init__(f"{step} needs a reason")


class ProjectNotFoundError(RequestNotFoundError):
    def __init__(self, project_id: object) -> None:
        InternationalError.__init__(self, f"no international project with id {project_id}")


class ProjectAlreadyRegisteredError(RequestAlreadyReceivedError):
    def __init__(self, project_id: object) -> None:
        InternationalError.__init__(self, f"international project {project_id} was already registered")


class ProjectPeriodError(InternationalError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class UnknownMilestoneError(InternationalError):
    field = "milestone_id"
    location = "path"

    def __init__(self, milestone_id: str) -> None:
        super().__init__(f"the project has no milestone {milestone_id}")


class FinalReportRequiredError(InternationalError):
    """§7.9: a project is closed on its final report."""

    def __init__(self) -> None:
        super().__init__("a project is closed once its final report is submitted")
