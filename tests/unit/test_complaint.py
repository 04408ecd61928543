"""Registration rules of a cassation complaint (УПК 488): pure domain, no services."""

from datetime import UTC, date, datetime, timedelta

import pytest

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
from domain.registry.errors import ContestedActAfterReceiptError, ReceiptInFutureError

NOW = datetime(2025, 9, 1, 6, 0, tzinfo=UTC)
ACTOR = Actor(user_id="u-1", role=Role.REGISTRAR)


def register(received_at=NOW - timedelta(hours=2), act_date=date(2025, 8, 1)) -> Complaint:
    filing = ComplaintFiling(
        received_at=received_at,
        channel=FilingChannel.PAPER,
        filer=Filer(name="Abenov A.", procedural_role=ProceduralRole.CONVICT),
        lower_court_case_ref="1-2231/2024",
        contested_act=ContestedAct(court="Almaty City Court", kind=JudicialActKind.VERDICT, act_date=act_date),
    )
    return Complaint.register(filing, actor=ACTOR, now=NOW)


def test_registration_records_one_event_with_its_actor_and_facts():
    complaint = register()
    events = complaint.collect_events()
    assert [type(e).__name__ for e in events] == ["Registered"]
    event = events[0]
    assert event.actor == ACTOR
    assert event.registered_at == NOW
    assert event.filing.lower_court_case_ref == "1-2231/2024"
    assert complaint.filing.filer.procedural_role == ProceduralRole.CONVICT


def test_a_receipt_time_after_registration_is_refused():
    with pytest.raises(ReceiptInFutureError) as err:
        register(received_at=NOW + timedelta(minutes=1))
    assert err.value.field == "received_at"


def test_an_act_dated_after_receipt_is_refused():
    with pytest.raises(ContestedActAfterReceiptError):
        register(received_at=datetime(2025, 8, 1, 9, 0, tzinfo=UTC), act_date=date(2025, 8, 2))


def test_the_act_date_is_compared_with_the_receipt_date_at_the_court_in_almaty():
    # 20:00 UTC on 1 August is already 01:00 on 2 August in Almaty (UTC+5).
    complaint = register(received_at=datetime(2025, 8, 1, 20, 0, tzinfo=UTC), act_date=date(2025, 8, 2))
    assert complaint.filing.contested_act.act_date == date(2025, 8, 2)


def test_an_actor_needs_a_user_id():
    with pytest.raises(ValueError):
        Actor(user_id="", role=Role.REGISTRAR)
