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
