"""Demo data: a registrar and an auditor, and a handful of registered complaints."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.actor import Role
from domain.court_time import COURT_ZONE
from domain.registry.complaint import (
    ComplaintFiling,
    ContestedAct,
    Filer,
    FilingChannel,
    JudicialActKind,
    ProceduralRole,
)
from sotflow.bootstrap import Sotflow
from sotflow.identity import DuplicateUserError

DEMO_USERS = (("Demo Registrar", Role.REGISTRAR), ("Demo Auditor", Role.AUDITOR))

DEMO_COMPLAINTS = (
    ("Abenov A.", ProceduralRole.CONVICT, "1-2231/2024", "Almaty City Court", JudicialActKind.VERDICT),
    ("Sadykova G., advocate", ProceduralRole.DEFENDER, "1-118/2025", "Astana City Court", JudicialActKind.VERDICT),
    (
        "Prosecutor of Karaganda Region",
        ProceduralRole.PROSECUTOR,
        "1-77/2025",
        "Karaganda Regional Court",
        JudicialActKind.RULING,
    ),
    ("Nurlanov B.", ProceduralRole.VICTIM, "1-904/2024", "Shymkent City Court", JudicialActKind.VERDICT),
    (
        "Zhakupova A., advocate",
        ProceduralRole.DEFENDER,
        "1-356/2025",
        "Aktobe Regional Court",
        JudicialActKind.RESOLUTION,
    ),
)


def load_demo(system: Sotflow) -> dict[str, str]:
    """Creates (or re-issues tokens for) the demo users; registers demo complaints once."""
    tokens: dict[str, str] = {}
    users: dict[str, object] = {}
    for name, role in DEMO_USERS:
        try:
            user, token = system.users.add(name, role)
        except DuplicateUserError:
            token = system.users.rotate_token(name)
            user = next(u for u in system.users.list() if u.name == name)
        tokens[name] = token
        users[name] = user
    if system.registry.recorder.max_notification_id() is None:
        registrar = users["Demo Registrar"].as_actor()
        now = datetime.now(UTC)
        for i, (filer, role, case_ref, court, kind) in enumerate(DEMO_COMPLAINTS):
            received = (
                (now - timedelta(days=5 - i))
                .astimezone(COURT_ZONE)
                .replace(hour=10, minute=10 * i, second=0, microsecond=0)
            )
            filing = ComplaintFiling(
                received_at=received,
                channel=FilingChannel.E_FILING if i % 2 else FilingChannel.PAPER,
                filer=Filer(name=filer, procedural_role=role),
                lower_court_case_ref=case_ref,
                contested_act=ContestedAct(court=court, kind=kind, act_date=date(2025, 3, 1) + timedelta(days=20 * i)),
            )
            system.registry.register_complaint(filing, actor=registrar, now=now)
    return tokens
