"""The applications context's application: applications of individuals and legal
entities, and the chairs' personal receptions.

One method per use case: plain values, the actor, the request's idempotency key and (for
a step on a registered application or a scheduled reception) the version it was based
on; the answer is what the caller reports. The composition root connects the two things
this context reads from elsewhere: a user's account (name and role: is the receiver a
chair?) and the applications the register holds under an applicant's ИИН/БИН."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import Application as EventsourcedApplication
from eventsourcing.persistence import JSONTranscoder

from contexts.clock import Clocked
from contexts.loading import load_of_kind
from contexts.proceedings import command_ref
from contexts.registry import Recorded
from contexts.transcodings import register_value_objects
from domain.actor import Actor, Role
from domain.applications.application import Applicant, Application, Channel, Subject
from domain.applications.errors import (
    ApplicationAlreadyRegisteredError,
    ApplicationNotFoundError,
    ConsultantAbsentError,
    ReceptionAlreadyScheduledError,
    ReceptionNotFoundError,
    VersionMismatchError,
)
from domain.applications.reception import (
    ChairPost,
    HandedIn,
    Receiver,
    Reception,
    ReferenceMaterial,
    SignUp,
    application_handed_in,
    chair_receiving,
)
from domain.court_time import court_date
from domain.proceedings.case import CommandRef


@dataclass(frozen=True)
class ApplicationRecorded(Recorded):
    """A command's answer: the application, its log position, version (for If-Match) and stage."""

    version: int
    stage: str
    replayed: bool = False


@dataclass(frozen=True)
class ReceptionRecorded(Recorded):
    """A reception command's answer: the reception, its log position, version and status, the
    application handed in at it, and whether it was held without reference material."""

    version: int
    status: str
    application_id: str | None = None
    held_without_material: bool = False
    replayed: bool = False


class Applications(Clocked, EventsourcedApplication[UUID]):
    name = "applications"
    # user id -> (name, role) of the account, None if there is none.
    account_of: Callable[[str], tuple[str, Role] | None]
    # ИИН/БИН -> the ids of the applications the register holds under it, oldest first.
    applications_of_applicant: Callable[[str], list[str]]
    # (user id, day) -> why the staff member is not at work that day (a leave, a trip, dismissal),
    # None when present; the personnel records answer it.
    absence_of: Callable[[str, date], object | None] = staticmethod(lambda user_id, day: None)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_value_objects(transcoder, Actor, CommandRef, Applicant, Receiver, ReferenceMaterial)

    def get_application(self, application_id: UUID) -> Application:
        return load_of_kind(self, application_id, Application, ApplicationNotFoundError)

    def get_reception(self, reception_id: UUID) -> Reception:
        return load_of_kind(self, reception_id, Reception, ReceptionNotFoundError)

    # -- use cases: applications (АППК 76) ---------------------------------------
    def register_application(
        self, *, application_id: UUID | None, applicant: Applicant, channel: Channel, subject: Subject, summary: str,
        related_case: str | None, received_at: datetime, confidential: bool, actor: Actor,
        idempotency_key: str | None = None,
    ) -> ApplicationRecorded:  # fmt: skip
        """Register an application (answer due within 15 working days); its id is the request's
        idempotency key's unless given."""
        content = {
            "application_id": str(application_id) if application_id else None,
            "applicant": {"name": applicant.name, "kind": applicant.kind, "identifier": applicant.identifier},
            "channel": channel, "subject": subject, "summary": summary, "related_case": related_case,
            "received_at": received_at, "confidential": confidential,
        }  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, "register_application", content)
        application = Application.register(
            application_id or (uuid.UUID(command.id) if command else uuid.uuid4()), applicant=applicant,
            channel=channel, subject=subject, summary=summary, related_case=related_case, received_at=received_at,
            confidential=confidential, actor=actor, command=command,
        )  # fmt: skip
        try:
            existing = self.get_application(application.id)
        except ApplicationNotFoundError:
            recordings = self.save(application)
            return self._application_recorded(application, recordings[-1].notification.id)
        if existing.already_done(command):
            return self._application_recorded(existing, self._position(), replayed=True)
        raise ApplicationAlreadyRegisteredError(application.id)

    def redirect_application(
        self, application_id: UUID, *, to_body: str, applicant_notified: bool, reason: str, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> ApplicationRecorded:  # fmt: skip
        """Forward an application outside the court's competence (the applicant notified)."""
        content = {"to_body": to_body, "applicant_notified": applicant_notified, "reason": reason}
        return self._application_step(
            application_id, "redirect", content, actor, idempotency_key, expected_version,
            lambda a, command: a.redirect(to_body=to_body, applicant_notified=applicant_notified, reason=reason,
                                          actor=actor, command=command),
        )  # fmt: skip

    def assign_application(
        self, application_id: UUID, *, consultant: str, reason: str, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> ApplicationRecorded:  # fmt: skip
        """Assign a consultant to prepare the answer: only one at work today (004 §15.7); a
        consultant away is refused, naming the field. Assigning again reassigns."""

        def assign(a: Application, command: CommandRef | None) -> None:
            # Checked after a retry is recognised: the first answer stands even if the leave began since.
            day = court_date(self.clock.now())
            absence = self.absence_of(consultant, day)
            if absence is not None:
                raise ConsultantAbsentError(consultant, day, str(absence))
            a.assign(consultant=consultant, reason=reason, actor=actor, command=command)

        return self._application_step(
            application_id, "assign", {"consultant": consultant, "reason": reason}, actor, idempotency_key,
            expected_version, assign,
        )  # fmt: skip

    def draft_answer(
        self, application_id: UUID, *, document_ref: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> ApplicationRecorded:  # fmt: skip
        """Record the draft answer."""
        return self._application_step(
            application_id, "draft_answer", {"document_ref": document_ref}, actor, idempotency_key, expected_version,
            lambda a, command: a.draft_answer(document_ref=document_ref, actor=actor, command=command),
        )  # fmt: skip

    def approve_answer(
        self, application_id: UUID, *, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> ApplicationRecorded:  # fmt: skip
        """Approve the answer (the head or a deputy head)."""
        return self._application_step(
            application_id, "approve_answer", {"reason": reason}, actor, idempotency_key, expected_version,
            lambda a, command: a.approve_answer(reason=reason, actor=actor, command=command),
        )  # fmt: skip

    def send_answer(
        self, application_id: UUID, *, sent_at: datetime, channel: Channel, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> ApplicationRecorded:  # fmt: skip
        """Record the answer sent to the applicant."""
        return self._application_step(
            application_id, "send_answer", {"sent_at": sent_at, "channel": channel}, actor, idempotency_key,
            expected_version,
            lambda a, command: a.send_answer(sent_at=sent_at, channel=channel, actor=actor, command=command),
        )  # fmt: skip

    def extend_answer_term(
        self, application_id: UUID, *, until: date, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> ApplicationRecorded:  # fmt: skip
        """Extend the answer term by a reasoned decision, to at most 2 months from receipt."""
        return self._application_step(
            application_id, "extend_term", {"until": until, "reason": reason}, actor, idempotency_key,
            expected_version,
            lambda a, command: a.extend_term(until=until, reason=reason, actor=actor, command=command),
        )  # fmt: skip

    def notify_extension(
        self, application_id: UUID, *, notified_at: datetime, channel: Channel, actor: Actor,
        idempotency_key: str | None = None, expected_version: int | None = None,
    ) -> ApplicationRecorded:  # fmt: skip
        """Record the applicant told of the extension."""
        return self._application_step(
            application_id, "notify_extension", {"notified_at": notified_at, "channel": channel}, actor,
            idempotency_key, expected_version,
            lambda a, command: a.notify_extension(notified_at=notified_at, channel=channel, actor=actor,
                                                  command=command),
        )  # fmt: skip

    # -- use cases: personal receptions (§7.2.3) ---------------------------------
    def schedule_reception(
        self, *, reception_id: UUID | None, receiver_id: str, post: ChairPost, scheduled_for: datetime, place: str,
        applicant: Applicant, subject: str, related_case: str | None, sign_up: SignUp, confidential: bool,
        actor: Actor, idempotency_key: str | None = None,
    ) -> ReceptionRecorded:  # fmt: skip
        """Schedule a citizen's personal reception by a chair or deputy, not in the past."""
        content = {
            "reception_id": str(reception_id) if reception_id else None,
            "receiver": {"user_id": receiver_id, "post": post}, "scheduled_for": scheduled_for, "place": place,
            "applicant": {"name": applicant.name, "kind": applicant.kind, "identifier": applicant.identifier},
            "subject": subject, "related_case": related_case, "sign_up": sign_up, "confidential": confidential,
        }  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, "schedule_reception", content)
        reception = Reception.schedule(
            reception_id or (uuid.UUID(command.id) if command else uuid.uuid4()),
            receiver=chair_receiving(receiver_id, post, self.account_of(receiver_id)), scheduled_for=scheduled_for,
            place=place, applicant=applicant, subject=subject, related_case=related_case, sign_up=sign_up,
            confidential=confidential, actor=actor, now=self.clock.now(), command=command,
        )  # fmt: skip
        try:
            existing = self.get_reception(reception.id)
        except ReceptionNotFoundError:
            recordings = self.save(reception)
            return self._reception_recorded(reception, recordings[-1].notification.id)
        if existing.already_done(command):
            return self._reception_recorded(existing, self._position(), replayed=True)
        raise ReceptionAlreadyScheduledError(reception.id)

    def reschedule_reception(
        self, reception_id: UUID, *, scheduled_for: datetime, place: str | None, receiver_id: str | None,
        post: ChairPost | None, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> ReceptionRecorded:  # fmt: skip
        """Move the reception to another time, place or chair (by default the same place and
        chair), with the reason."""

        def reschedule(r: Reception, command: CommandRef | None) -> None:
            receiver = chair_receiving(receiver_id, post, self.account_of(receiver_id)) if receiver_id else None
            r.reschedule(scheduled_for=scheduled_for, place=place, receiver=receiver, reason=reason, actor=actor,
                         now=self.clock.now(), command=command)  # fmt: skip

        chair = {"user_id": receiver_id, "post": post} if receiver_id else None
        content = {"scheduled_for": scheduled_for, "place": place, "receiver": chair, "reason": reason}
        return self._reception_step(
            reception_id, "reschedule_reception", content, actor, idempotency_key, expected_version, reschedule
        )

    def cancel_reception(
        self, reception_id: UUID, *, reason: str, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> ReceptionRecorded:  # fmt: skip
        """Call the reception off, with the reason."""
        return self._reception_step(
            reception_id, "cancel_reception", {"reason": reason}, actor, idempotency_key, expected_version,
            lambda r, command: r.cancel(reason=reason, actor=actor, command=command),
        )  # fmt: skip

    def prepare_reception_material(
        self, reception_id: UUID, *, summary: str, related_cases: tuple[str, ...],
        earlier_applications: tuple[UUID, ...], actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> ReceptionRecorded:  # fmt: skip
        """Record the chair's reference material (§7.2(3)): the applications the register holds
        under the applicant's ИИН/БИН now, then those the consultant names."""

        def prepare(r: Reception, command: CommandRef | None) -> None:
            found = self.applications_of_applicant(r.applicant.identifier) if r.applicant.identifier else []
            r.prepare_material(summary=summary, earlier_applications=(*found, *map(str, earlier_applications)),
                               related_cases=tuple(related_cases), actor=actor, command=command)  # fmt: skip

        content = {
            "summary": summary, "related_cases": list(related_cases),
            "earlier_applications": [str(a) for a in earlier_applications],
        }  # fmt: skip
        return self._reception_step(
            reception_id, "prepare_reception_material", content, actor, idempotency_key, expected_version, prepare
        )

    def hold_reception(
        self, reception_id: UUID, *, held_at: datetime, requests: str, instructions: tuple[str, ...],
        handed_in: HandedIn | None, actor: Actor, idempotency_key: str | None = None,
        expected_version: int | None = None,
    ) -> ReceptionRecorded:  # fmt: skip
        """Record the reception held by its chair, not before it happened: what was asked, the
        instructions, and an application handed in (registered and linked both ways, in one save)."""

        def hold(r: Reception, command: CommandRef | None) -> tuple[Application, ...]:
            application = application_handed_in(r, handed_in, held_at=held_at, actor=actor) if handed_in else None
            r.hold(held_at=held_at, requests=requests, instructions=tuple(instructions), actor=actor,
                   now=self.clock.now(), application_id=str(application.id) if application else None,
                   command=command)  # fmt: skip
            return (application,) if application else ()

        application = (
            {"subject": handed_in.subject, "summary": handed_in.summary, "related_case": handed_in.related_case,
             "confidential": handed_in.confidential} if handed_in else None
        )  # fmt: skip
        content = {"held_at": held_at, "requests": requests, "instructions": list(instructions),
                   "application": application}  # fmt: skip
        return self._reception_step(
            reception_id, "hold_reception", content, actor, idempotency_key, expected_version, hold
        )

    # -- the steps' common part --------------------------------------------------
    def _application_step(
        self, application_id: UUID, name: str, content: dict[str, Any], actor: Actor, idempotency_key: str | None,
        expected_version: int | None, act: Callable[[Application, CommandRef | None], None],
    ) -> ApplicationRecorded:  # fmt: skip
        command = command_ref(actor.user_id, idempotency_key, name, {"application_id": str(application_id), **content})
        application = self.get_application(application_id)
        if self._already_done(application, command, expected_version):
            return self._application_recorded(application, self._position(), replayed=True)
        act(application, command)
        recordings = self.save(application)
        return self._application_recorded(application, recordings[-1].notification.id)

    def _reception_step(
        self, reception_id: UUID, name: str, content: dict[str, Any], actor: Actor, idempotency_key: str | None,
        expected_version: int | None, act: Callable[[Reception, CommandRef | None], tuple[Application, ...] | None],
    ) -> ReceptionRecorded:  # fmt: skip
        """One step of a reception; an application registered at it is saved in the same transaction."""
        command = command_ref(actor.user_id, idempotency_key, name, {"reception_id": str(reception_id), **content})
        reception = self.get_reception(reception_id)
        if self._already_done(reception, command, expected_version):
            return self._reception_recorded(reception, self._position(), replayed=True)
        others = act(reception, command) or ()
        recordings = self.save(reception, *others)
        return self._reception_recorded(reception, recordings[-1].notification.id)

    @staticmethod
    def _already_done(
        aggregate: Application | Reception, command: CommandRef | None, expected_version: int | None
    ) -> bool:
        """A retry is answered as the first time; an If-Match version other than the aggregate's is refused."""
        if aggregate.already_done(command):
            return True
        if expected_version is not None and expected_version != aggregate.version:
            raise VersionMismatchError(expected_version, aggregate.version)
        return False

    def _position(self) -> int:
        return self.recorder.max_notification_id() or 0

    @staticmethod
    def _application_recorded(application: Application, position: int, replayed: bool = False) -> ApplicationRecorded:
        return ApplicationRecorded(application.id, position, application.version, str(application.stage), replayed)

    @staticmethod
    def _reception_recorded(reception: Reception, position: int, replayed: bool = False) -> ReceptionRecorded:
        return ReceptionRecorded(
            reception.id, position, reception.version, str(reception.status), reception.application_id,
            held_without_material=reception.status == "held" and reception.material is None, replayed=replayed,
        )  # fmt: skip
