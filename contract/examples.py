"""One fixed, realistic domain event per public type: the examples in the docs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime
from uuid import UUID

from domain.actor import Actor, Role
from domain.registry.admissibility import CheckContext, decide, weekend_roll_over
from domain.registry.filing import (
    ContestedAct,
    Filer,
    FilingChannel,
    ItemKind,
    ItemParticulars,
    JudicialActKind,
    Offence,
    OffenceCategory,
    ProceduralRole,
)
from domain.registry.filing_index import FilingIndex
from domain.registry.incoming_item import IncomingItem

EXAMPLE_ITEM_ID = UUID("9a491ce0-6964-4cf9-821b-0958c5fa29ec")


def example_particulars(**changes) -> ItemParticulars:
    particulars = ItemParticulars(
        kind=ItemKind.CASSATION_COMPLAINT,
        court="cassation-criminal",
        received_at=datetime.fromisoformat("2025-09-01T10:30:00+05:00"),
        channel=FilingChannel.PAPER,
        filer=Filer(name="Abenov A.", procedural_role=ProceduralRole.CONVICT),
        lower_court_case_ref="1-2231/2024",
        contested_act=ContestedAct(
            court="Almaty City Court",
            kind=JudicialActKind.VERDICT,
            act_date=date(2025, 6, 3),
            entered_into_force=date(2025, 7, 4),
        ),
        specialisation="criminal",
        offence=Offence(article="188 ч.2", category=OffenceCategory.MEDIUM),
        improves_position=True,
    )
    return dataclasses.replace(particulars, **changes)


def _registry_events() -> dict[type, object]:
    """A complaint registered, and a late worsening one returned (УПК 487)."""
    registrar = Actor("u-3f2a9c0d1e2b", Role.REGISTRAR)
    now = datetime(2025, 9, 1, 5, 31, 12, tzinfo=UTC)
    admissible = example_particulars()
    item = IncomingItem.register(
        admissible, admissibility=decide(admissible, CheckContext(weekend_roll_over)), actor=registrar, now=now,
        registration_number="cassation-criminal-CC-1/2025", id=EXAMPLE_ITEM_ID,
    )  # fmt: skip
    late = example_particulars(
        improves_position=False,
        contested_act=ContestedAct("Almaty City Court", JudicialActKind.VERDICT, date(2024, 5, 2), date(2024, 6, 3)),
    )
    returned = IncomingItem.register(
        late, admissibility=decide(late, CheckContext(weekend_roll_over)), actor=registrar, now=now,
        registration_number="cassation-criminal-CC-2/2025", id=UUID("5d1f3a2b-7c8e-4f90-a1b2-c3d4e5f6a7b8"),
    )  # fmt: skip
    # Whether it improves the convict's position was not stated: the term cannot be checked,
    # the item is admitted and a judge confirms the term.
    unstated = example_particulars(
        improves_position=None, lower_court_case_ref="1-811/2024",
        contested_act=ContestedAct("Almaty City Court", JudicialActKind.VERDICT, date(2024, 5, 2), date(2024, 6, 3)),
    )  # fmt: skip
    unchecked = IncomingItem.register(
        unstated, admissibility=decide(unstated, CheckContext(weekend_roll_over)), actor=registrar, now=now,
        registration_number="cassation-criminal-CC-3/2025", id=UUID("8e2c4b6a-1d3f-4a5b-9c7d-0e1f2a3b4c5d"),
    )  # fmt: skip
    unchecked.confirm_filing_term(
        confirmed=True, note="the complaint asks for a milder sentence: no term (УПК 487)",
        actor=Actor("u-9a8b7c6d5e4f", Role.JUDGE), now=now,
    )  # fmt: skip
    index = FilingIndex.first_filing(admissible.fingerprint(), item_id=str(EXAMPLE_ITEM_ID), actor=registrar)
    index.add(item_id="5d1f3a2b-7c8e-4f90-a1b2-c3d4e5f6a7b8", actor=registrar)
    events = [*item.collect_events(), *returned.collect_events()[1:], *unchecked.collect_events()[1:],
              *index.collect_events()]  # fmt: skip
    return {type(e): dataclasses.replace(e, timestamp=now) for e in events}


EXAMPLES: dict[type, Callable[[], object]] = {cls: (lambda e=e: e) for cls, e in _registry_events().items()}


def _roster_scenario() -> dict[type, object]:
    """A small, fixed court: four judges, settings, an absence, a distribution, a recusal."""
    from domain.assignment.roster import (
        Absence,
        AbsenceKind,
        CourtRoster,
        DistributionSettings,
        JudgeProfile,
        Post,
        Procedure,
    )

    chair = Actor("u-5b1e07aa41c2", Role.HEAD)
    system = Actor("system:distributor", Role.SYSTEM)
    adopted = datetime(2025, 6, 30, 4, 0, tzinfo=UTC)
    now = datetime(2025, 7, 1, 5, 0, tzinfo=UTC)
    roster = CourtRoster(court="cassation-criminal", actor=chair)
    for n, (name, post) in enumerate(
        [("Akhmetova A.", Post.COLLEGIUM_CHAIR), ("Baimukhanov B.", Post.JUDGE), ("Dzhaksybekov D.", Post.JUDGE),
         ("Ermekova E.", Post.JUDGE), ("Zhunusov Zh.", Post.JUDGE)]
    ):  # fmt: skip
        roster.enrol(JudgeProfile(f"judge-{n + 1}", name, "criminal", ("criminal",), post), actor=chair)
    roster.adopt_settings(
        DistributionSettings(
            version=1,
            effective_from=date(2025, 7, 1),
            source="Plenary resolution No. 21 of 6 December 2019 (example figures)",
            post_coefficients={"judge": 1.0, "collegium_chair": 0.5, "deputy_chair": 0.75, "court_chair": 0.25},
            complexity={"cassation": 1.0, "extradition": 1.5},
            panel_member_share=0.5,
            panel_sizes={"cassation": 3, "extradition": 1},
            min_pool_size=5,
            max_load_deviation=0.4,
            reassign_after_absence_days=30,
        ),
        actor=chair,
        now=adopted,
    )
    roster.record_absence(
        Absence("judge-5", AbsenceKind.LEAVE, date(2025, 7, 1), date(2025, 7, 21)), actor=chair, now=adopted
    )
    case_id = "9a491ce0-6964-4cf9-821b-0958c5fa29ec"
    protocol = roster.distribute(
        case_id=case_id,
        registration_event_id="06083542-4792-5c17-b4c1-2cc29ec01b65",
        specialisation="criminal",
        procedure=Procedure.CASSATION,
        actor=system,
        now=now,
    )
    roster.recuse(
        case_id=case_id, judge_id=protocol.panel[1], grounds="took part in the case at first instance (УПК 90)",
        self_recusal=True, now=now,
        actor=Actor("u-" + protocol.panel[1], Role.JUDGE, judge_court=roster.court, judge_id=protocol.panel[1]),
    )  # fmt: skip
    roster.release(case_id=case_id, reason="judicial act entered", actor=system)
    fixed_id = UUID("3c0b6a3e-8a4f-5d6e-9b7a-2f1e0d9c8b7a")
    return {type(e): dataclasses.replace(e, originator_id=fixed_id, timestamp=now) for e in roster.collect_events()}


_ROSTER_EVENTS = _roster_scenario()
EXAMPLES.update({cls: (lambda e=e: e) for cls, e in _ROSTER_EVENTS.items()})


def _journal_events() -> dict[type, object]:
    from domain.registry.journal import DEFAULT_NUMBER_FORMAT, RegistrationJournal

    registrar = Actor("u-3f2a9c0d1e2b", Role.REGISTRAR)
    journal = RegistrationJournal(court="cassation-criminal", year=2025, actor=registrar)
    journal.assign_number(
        item_id="9a491ce0-6964-4cf9-821b-0958c5fa29ec",
        kind=ItemKind.CASSATION_COMPLAINT.code,
        number_format=DEFAULT_NUMBER_FORMAT,
        actor=registrar,
    )
    now = datetime(2025, 9, 1, 5, 31, 12, tzinfo=UTC)
    fixed_id = RegistrationJournal.create_id("cassation-criminal", 2025)
    return {type(e): dataclasses.replace(e, originator_id=fixed_id, timestamp=now) for e in journal.collect_events()}


EXAMPLES.update({cls: (lambda e=e: e) for cls, e in _journal_events().items()})


def _proceedings_events() -> dict[type, object]:
    """One case through its whole lifecycle, plus a returned, a withdrawn and a joined one."""
    from datetime import timedelta

    from domain.procedure import Procedure
    from domain.proceedings.case import DefendantOutcome, Outcome, ProceedingsCase, SuspensionAuthority

    judge = Actor("u-8c2d41f09a3e", Role.JUDGE, judge_court="cassation-criminal", judge_id="judge-3")
    clerk = Actor("u-3f2a9c0d1e2b", Role.REGISTRAR)
    chair = Actor("u-5b1e07aa41c2", Role.HEAD, on_behalf_of="Chair of the Supreme Court")
    now = datetime(2025, 9, 2, 5, 0, tzinfo=UTC)
    court = "cassation-criminal"
    case = ProceedingsCase.accept(
        EXAMPLE_ITEM_ID, court=court, procedure=Procedure.CASSATION, lower_court_case_ref="1-2231/2024",
        registration_number="cassation-criminal-CC-1/2025", reason="admissible (УПК 487, 484(2))", actor=judge,
    )  # fmt: skip
    case.request_case_file(from_court="Almaty City Court", actor=clerk)
    case.receive_case_file(
        received_at=now + timedelta(days=5), case_file_item_id=None, now=now + timedelta(days=5), actor=clerk
    )
    case.schedule_hearing(
        hearing_id="h-1", scheduled_for=now + timedelta(days=20), room="Hall 3", public=True, actor=clerk
    )
    case.notify_parties(parties=("Abenov A.", "Prosecutor of Almaty"), actor=clerk)
    case.suspend_execution(
        authority=SuspensionAuthority.SUPREME_COURT_CHAIR, decided_on=date(2025, 9, 10), until=date(2026, 3, 10),
        reason="grave irreversible consequences of execution pending review", actor=chair,
    )  # fmt: skip
    case.postpone_hearing(hearing_id="h-1", reason="the defender is ill (certificate filed)", actor=clerk)
    case.schedule_hearing(
        hearing_id="h-2", scheduled_for=now + timedelta(days=34), room="Hall 3", public=True, actor=clerk
    )
    panel = ("judge-1", "judge-3", "judge-4")
    case.hold_hearing(
        hearing_id="h-2", held_at=now + timedelta(days=34), panel=panel, assigned_panel=panel,
        substitution_reason=None, now=now + timedelta(days=34), actor=clerk,
    )  # fmt: skip
    case.enter_ruling(outcomes=(DefendantOutcome("Abenov A.", Outcome.CHANGED, "УПК 494(1)(4)"),), actor=judge)
    case.enter_judicial_act(
        document_ref="dms://acts/2025/cc-1", document_sha256="9f2b" * 16, publishable=True,
        now=now + timedelta(days=36), actor=judge,
    )  # fmt: skip
    case.publish_act(portal_ref="https://office.sud.kz/acts/2025/cc-1", redacted=True, actor=clerk)
    returned = ProceedingsCase.return_item(
        UUID("5d1f3a2b-7c8e-4f90-a1b2-c3d4e5f6a7b8"), court=court, reason="the complaint is not signed",
        legal_basis="УПК 489", actor=judge,
    )  # fmt: skip
    withdrawn = ProceedingsCase.accept(
        UUID("0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b"), court=court, procedure=Procedure.CASSATION,
        lower_court_case_ref="1-118/2025", registration_number="cassation-criminal-CC-7/2025",
        reason="admissible", actor=judge,
    )  # fmt: skip
    other = ProceedingsCase.accept(
        UUID("1c0f9e8d-7b6a-4f5e-9d3c-2b1a0f9e8d7c"), court=court, procedure=Procedure.CASSATION,
        lower_court_case_ref="1-118/2025", registration_number="cassation-criminal-CC-8/2025",
        reason="admissible", actor=judge,
    )  # fmt: skip
    withdrawn.join([other], reason="two complaints against the same verdict", actor=judge)
    withdrawn.withdraw(reason="the convict's letter of 3 October 2025 withdrawing the complaint", actor=clerk)
    events = [*case.collect_events(), *returned.collect_events(), *withdrawn.collect_events(), *other.collect_events()]
    return {type(e): dataclasses.replace(e, timestamp=now) for e in events}


EXAMPLES.update({cls: (lambda e=e: e) for cls, e in _proceedings_events().items()})


from contract.deadlines_examples import DEADLINE_EXAMPLES  # noqa: E402

EXAMPLES.update(DEADLINE_EXAMPLES)

from contract.international_examples import INTERNATIONAL_EXAMPLES  # noqa: E402

EXAMPLES.update(INTERNATIONAL_EXAMPLES)

from contract.archive_examples import ARCHIVE_EXAMPLES  # noqa: E402

EXAMPLES.update(ARCHIVE_EXAMPLES)

from contract.inforequests_examples import INFOREQUESTS_EXAMPLES  # noqa: E402

EXAMPLES.update(INFOREQUESTS_EXAMPLES)
from contract.personnel_examples import PERSONNEL_EXAMPLES  # noqa: E402

EXAMPLES.update(PERSONNEL_EXAMPLES)

from contract.international_project_events import PROJECT_EXAMPLES  # noqa: E402

EXAMPLES.update(PROJECT_EXAMPLES)
