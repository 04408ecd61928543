"""A personal reception of a citizen by a chair (seed 000 §7.2.3): scheduled with the
chair or deputy who receives, the date, time and place, the applicant, the subject and
how they signed up; reference material prepared by a consultant (linking the
applicant's earlier applications and cases); rescheduled or cancelled with a reason;
held, with what the applicant asked, the chair's instructions and, optionally, the
application registered from it.

Rules where the seed is silent (docs/international-and-applications.md):
- only the scheduled receiver records the reception as held; a reception handed to
  another chair is rescheduled to them first, with the reason;
- it is not held before its scheduled day, nor recorded before it happened;
- reference material is expected but not required: a reception held without it is
  recorded as such (the fact is kept, the gap is visible), not refused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.actor import Actor, Role
from domain.applications.application import Applicant, Application, Channel, Subject
from domain.applications.errors import (
    HeldBeforeScheduledDayError,
    HeldInTheFutureError,
    IdempotencyKeyReusedError,
    NotTheReceiverError,
    ReasonRequiredError,
    ReceiverNotAChairError,
    ReceptionInThePastError,
    ReceptionStepNotAllowedError,
    SameScheduleError,
)
from domain.court_time import court_date
from domain.proceedings.case import CommandRef
from domain.remembered_requests import RemembersRequests


class ChairPost(StrEnum):
    SUPREME_COURT_CHAIR = "supreme_court_chair"
    SUPREME_COURT_DEPUTY_CHAIR = "supreme_court_deputy_chair"
    COLLEGIUM_CHAIR = "collegium_chair"  # the chair of the judicial collegium for criminal cases
    COURT_CHAIR = "court_chair"  # e.g. a cassation court's chair
    COURT_DEPUTY_CHAIR = "court_deputy_chair"


class SignUp(StrEnum):
    """How the applicant asked to be received."""

    WRITTEN_REQUEST = "written_request"
    E_OTINISH = "e_otinish"
    PHONE = "phone"
    IN_PERSON = "in_person"


class ReceptionStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    HELD = "held"


@dataclass(frozen=True)
class Receiver:
    user_id: str
    name: str
    post: ChairPost


# Receptions are held by the chairs: the head and the deputy heads.
CHAIR_ROLES = frozenset({Role.HEAD, Role.DEPUTY_HEAD})
# An application handed in at a reception is named by the reception (one per reception).
APPLICATION_NAMESPACE = uuid.UUID("0b7f6c1e-5a2d-4e8f-9c3b-1d2e3f4a5b6c")


def chair_receiving(user_id: str, post: ChairPost, account: tuple[str, Role] | None) -> Receiver:
    """The receiver, from the user's account (name, role): refused unless a chair."""
    if account is None or account[1] not in CHAIR_ROLES:
        raise ReceiverNotAChairError(user_id)
    return Receiver(user_id, account[0], post)


@dataclass(frozen=True)
class HandedIn:
    """An application handed in at a reception, as the chair records it."""

    subject: Subject
    summary: str
    related_case: str | None = None
    confidential: bool = False


def application_handed_in(reception: Reception, handed_in: HandedIn, *, held_at: datetime, actor: Actor) -> Application:
    """Registered with the reception's applicant, received when the reception was held, and
    linked to the reception (whose `held` event names it back)."""
    application = Application.register(
        uuid.uuid5(APPLICATION_NAMESPACE, str(reception.id)), applicant=reception.applicant,
        channel=Channel.RECEPTION, subject=handed_in.subject, summary=handed_in.summary,
        related_case=handed_in.related_case, received_at=held_at, confidential=handed_in.confidential, actor=actor,
    )  # fmt: skip
    application.link_reception(reception_id=str(reception.id), actor=actor)
    return application


@dataclass(frozen=True)
class ReferenceMaterial:
    prepared_by: str
    summary: str
    earlier_applications: tuple[str, ...]  # application ids, from the register by the applicant's ИИН/БИН
    related_cases: tuple[str, ...]


class Reception(Aggregate, RemembersRequests):
    key_reused = IdempotencyKeyReusedError

    class Scheduled(Aggregate.Created):
        receiver: Receiver
        scheduled_for: datetime
        place: str
        applicant: Applicant
        subject: str
        related_case: str | None
        sign_up: SignUp
        confidential: bool
        reason: str
        actor: Actor
        command: CommandRef | None

    @classmethod
    def schedule(
        cls,
        reception_id: UUID,
        *,
        receiver: Receiver,
        scheduled_for: datetime,
        place: str,
        applicant: Applicant,
        subject: str,
        sign_up: SignUp,
        actor: Actor,
        now: datetime,
        related_case: str | None = None,
        confidential: bool = False,
        reason: str = "reception scheduled",
        command: CommandRef | None = None,
    ) -> Reception:
        if scheduled_for <= now:
            raise ReceptionInThePastError(scheduled_for)
        return cls._create(
            cls.Scheduled, id=reception_id, receiver=receiver, scheduled_for=scheduled_for, place=place,
            applicant=applicant, subject=subject, related_case=related_case, sign_up=sign_up,
            confidential=confidential, reason=reason, actor=actor, command=command,
        )  # fmt: skip

    def __init__(
        self,
        *,
        receiver: Receiver,
        scheduled_for: datetime,
        place: str,
        applicant: Applicant,
        subject: str,
        related_case: str | None,
        sign_up: SignUp,
        confidential: bool,
        reason: str,
        command: CommandRef | None,
    ) -> None:
        self.receiver = receiver
        self.scheduled_for = scheduled_for
        self.place = place
        self.applicant = applicant
        self.related_case = related_case
        self.status = ReceptionStatus.SCHEDULED
        self.material: ReferenceMaterial | None = None
        self.application_id: str | None = None
        self.commands: dict[str, str] = {}
        self._note(command)

    def _check_scheduled(self, step: str) -> None:
        if self.status != ReceptionStatus.SCHEDULED:
            raise ReceptionStepNotAllowedError(step, self.status)

    def reschedule(
        self, *, scheduled_for: datetime, place: str | None, receiver: Receiver | None, reason: str, actor: Actor,
        now: datetime, command: CommandRef | None = None,
    ) -> None:  # fmt: skip
        """A new time, place or receiving chair, always with the reason."""
        self._check_scheduled("reschedule")
        if not reason.strip():
            raise ReasonRequiredError("rescheduling a reception")
        if scheduled_for <= now:
            raise ReceptionInThePastError(scheduled_for)
        place, receiver = place or self.place, receiver or self.receiver
        if (scheduled_for, place, receiver) == (self.scheduled_for, self.place, self.receiver):
            raise SameScheduleError()
        self._rescheduled(
            scheduled_for=scheduled_for, place=place, receiver=receiver, previous_scheduled_for=self.scheduled_for,
            reason=reason, actor=actor, command=command,
        )  # fmt: skip

    @event("Rescheduled")
    def _rescheduled(self, *, scheduled_for: datetime, place: str, receiver: Receiver,
                     previous_scheduled_for: datetime, reason: str, actor: Actor,
                     command: CommandRef | None) -> None:  # fmt: skip
        self.scheduled_for, self.place, self.receiver = scheduled_for, place, receiver
        self._note(command)

    def cancel(self, *, reason: str, actor: Actor, command: CommandRef | None = None) -> None:
        self._check_scheduled("cancel")
        if not reason.strip():
            raise ReasonRequiredError("cancelling a reception")
        self._cancelled(reason=reason, actor=actor, command=command)

    @event("Cancelled")
    def _cancelled(self, *, reason: str, actor: Actor, command: CommandRef | None) -> None:
        self.status = ReceptionStatus.CANCELLED
        self._note(command)

    def prepare_material(
        self, *, summary: str, earlier_applications: tuple[str, ...], related_cases: tuple[str, ...], actor: Actor,
        command: CommandRef | None = None,
    ) -> None:  # fmt: skip
        """§7.2(3): a consultant prepares the chair's reference material; a later version replaces it."""
        self._check_scheduled("prepare reference material")
        if not summary.strip():
            raise ReasonRequiredError("reference material")
        cases = tuple(dict.fromkeys((*related_cases, *([self.related_case] if self.related_case else []))))
        material = ReferenceMaterial(actor.user_id, summary, tuple(dict.fromkeys(earlier_applications)), cases)
        self._material_prepared(material=material, reason="reference material for the chair", actor=actor,
                                command=command)  # fmt: skip

    @event("MaterialPrepared")
    def _material_prepared(self, *, material: ReferenceMaterial, reason: str, actor: Actor,
                           command: CommandRef | None) -> None:  # fmt: skip
        self.material = material
        self._note(command)

    def hold(
        self, *, held_at: datetime, requests: str, instructions: tuple[str, ...], actor: Actor, now: datetime,
        application_id: str | None = None, command: CommandRef | None = None,
    ) -> None:  # fmt: skip
        """Held by the scheduled receiver, not before the scheduled day nor after now."""
        self._check_scheduled("hold")
        if actor.user_id != self.receiver.user_id:
            raise NotTheReceiverError(self.receiver.name)
        if court_date(held_at) < court_date(self.scheduled_for):
            raise HeldBeforeScheduledDayError(held_at, self.scheduled_for)
        if held_at > now:
            raise HeldInTheFutureError(held_at)
        if not requests.strip():
            raise ReasonRequiredError("the applicant's requests at the reception")
        self._held(held_at=held_at, requests=requests, instructions=tuple(i for i in instructions if i.strip()),
                   application_id=application_id, with_reference_material=self.material is not None,
                   reason="reception held", actor=actor, command=command)  # fmt: skip

    @event("Held")
    def _held(
        self, *, held_at: datetime, requests: str, instructions: tuple[str, ...], application_id: str | None,
        with_reference_material: bool, reason: str, actor: Actor, command: CommandRef | None,
    ) -> None:  # fmt: skip
        self.status = ReceptionStatus.HELD
        self.application_id = application_id
        self._note(command)
