"""One fixed, realistic domain event per public type: the examples in the docs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, date, datetime
from uuid import UUID

from domain.actor import Actor, Role
from domain.registry.complaint import (
    Complaint,
    ComplaintFiling,
    ContestedAct,
    Filer,
    FilingChannel,
    JudicialActKind,
    ProceduralRole,
)


def complaint_registered() -> Complaint.Registered:
    now = datetime(2025, 9, 1, 5, 31, 12, tzinfo=UTC)
    filing = ComplaintFiling(
        received_at=datetime.fromisoformat("2025-09-01T10:30:00+05:00"),
        channel=FilingChannel.PAPER,
        filer=Filer(name="Abenov A.", procedural_role=ProceduralRole.CONVICT),
        lower_court_case_ref="1-2231/2024",
        contested_act=ContestedAct(court="Almaty City Court", kind=JudicialActKind.VERDICT, act_date=date(2025, 6, 3)),
    )
    event = Complaint.register(filing, actor=Actor("u-3f2a9c0d1e2b", Role.REGISTRAR), now=now).collect_events()[0]
    return dataclasses.replace(event, originator_id=UUID("9a491ce0-6964-4cf9-821b-0958c5fa29ec"), timestamp=now)


EXAMPLES: dict[type, Callable[[], object]] = {Complaint.Registered: complaint_registered}


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
        self_recusal=True, actor=Actor("u-" + protocol.panel[1], Role.JUDGE), now=now,
    )  # fmt: skip
    fixed_id = UUID("3c0b6a3e-8a4f-5d6e-9b7a-2f1e0d9c8b7a")
    return {type(e): dataclasses.replace(e, originator_id=fixed_id, timestamp=now) for e in roster.collect_events()}


_ROSTER_EVENTS = _roster_scenario()
EXAMPLES.update({cls: (lambda e=e: e) for cls, e in _ROSTER_EVENTS.items()})


def _journal_events() -> dict[type, object]:
    from domain.registry.journal import DEFAULT_NUMBER_FORMAT, ItemKind, RegistrationJournal

    registrar = Actor("u-3f2a9c0d1e2b", Role.REGISTRAR)
    journal = RegistrationJournal(court="cassation-criminal", year=2025, actor=registrar)
    journal.assign_number(
        item_id="9a491ce0-6964-4cf9-821b-0958c5fa29ec",
        kind=ItemKind.CASSATION_COMPLAINT,
        number_format=DEFAULT_NUMBER_FORMAT,
        actor=registrar,
    )
    now = datetime(2025, 9, 1, 5, 31, 12, tzinfo=UTC)
    fixed_id = RegistrationJournal.create_id("cassation-criminal", 2025)
    return {type(e): dataclasses.replace(e, originator_id=fixed_id, timestamp=now) for e in journal.collect_events()}


EXAMPLES.update({cls: (lambda e=e: e) for cls, e in _journal_events().items()})


from contract.deadlines_examples import DEADLINE_EXAMPLES  # noqa: E402

EXAMPLES.update(DEADLINE_EXAMPLES)
