"""Registration of an incoming item (УПК 488, 489): pure domain, no services."""

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest

from domain.actor import Actor, Role
from domain.registry.admissibility import CheckContext, decide, weekend_roll_over
from domain.registry.errors import ContestedActAfterReceiptError, ReceiptInFutureError, RelatedItemRequiredError
from domain.registry.filing import (
    ContestedAct,
    Filer,
    FilingChannel,
    ItemKind,
    ItemParticulars,
    JudicialActKind,
    ProceduralRole,
)
from domain.registry.incoming_item import IncomingItem, ItemStatus

NOW = datetime(2025, 9, 1, 6, 0, tzinfo=UTC)
ACTOR = Actor(user_id="u-1", role=Role.REGISTRAR)


def particulars(received_at=NOW - timedelta(hours=2), act_date=date(2025, 8, 1), **changes) -> ItemParticulars:
    return dataclasses.replace(
        ItemParticulars(
            kind=ItemKind.CASSATION_COMPLAINT,
            court="cassation-criminal",
            received_at=received_at,
            channel=FilingChannel.PAPER,
            filer=Filer(name="Abenov A.", procedural_role=ProceduralRole.CONVICT),
            lower_court_case_ref="1-2231/2024",
            contested_act=ContestedAct(
                court="Almaty City Court", kind=JudicialActKind.VERDICT, act_date=act_date, entered_into_force=act_date
            ),
            specialisation="criminal",
            improves_position=True,
        ),
        **changes,
    )


def register(item: ItemParticulars) -> IncomingItem:
    return IncomingItem.register(
        item, admissibility=decide(item, CheckContext(weekend_roll_over)), actor=ACTOR, now=NOW
    )


def test_an_admissible_item_is_registered_by_one_event_with_its_actor_and_decision():
    item = register(particulars())
    (event,) = item.collect_events()
    assert type(event).__name__ == "Registered"
    assert event.actor == ACTOR
    assert event.registered_at == NOW
    assert event.admissibility.admissible
    assert item.status == ItemStatus.REGISTERED
    assert item.particulars.filer.procedural_role == ProceduralRole.CONVICT


def test_an_inadmissible_item_is_registered_and_returned_with_the_ground_not_refused():
    # УПК 487: worsening, filed more than a year after entry into force.
    late = particulars(improves_position=False, act_date=date(2024, 6, 1))
    item = register(late)
    registered, returned = item.collect_events()
    assert not registered.admissibility.admissible
    assert type(returned).__name__ == "Returned"
    assert returned.clauses == ("УПК 487",)
    assert "more than one year" in returned.ground
    assert item.status == ItemStatus.RETURNED


def test_a_receipt_time_after_registration_is_refused():
    with pytest.raises(ReceiptInFutureError) as err:
        register(particulars(received_at=NOW + timedelta(minutes=1)))
    assert err.value.field == "received_at"


def test_an_act_dated_after_receipt_is_refused():
    with pytest.raises(ContestedActAfterReceiptError):
        register(particulars(received_at=datetime(2025, 8, 1, 9, 0, tzinfo=UTC), act_date=date(2025, 8, 2)))


def test_the_act_date_is_compared_with_the_receipt_date_at_the_court_in_almaty():
    # 20:00 UTC on 1 August is already 01:00 on 2 August in Almaty (UTC+5).
    item = register(particulars(received_at=datetime(2025, 8, 1, 20, 0, tzinfo=UTC), act_date=date(2025, 8, 2)))
    assert item.particulars.contested_act.act_date == date(2025, 8, 2)


def test_a_case_file_must_name_the_case_it_belongs_to():
    with pytest.raises(RelatedItemRequiredError):
        register(particulars(kind=ItemKind.CASE_FILE))
    item = register(particulars(kind=ItemKind.CASE_FILE, related_item_id="9a491ce0-6964-4cf9-821b-0958c5fa29ec"))
    assert item.kind.attaches_to_case


def test_each_kind_has_its_own_number_code_and_procedure():
    assert {k.code for k in ItemKind} == {"CC", "CP", "PT", "JS", "ER", "CF", "EC", "EM"}
    assert ItemKind.EXTRADITION_COMPLAINT.procedure == "extradition"  # one judge, УПК 592
    assert ItemKind.PROSECUTOR_PROTEST.procedure == "cassation"  # a panel of three
    assert ItemKind.EXTRADITION_MATERIALS.procedure is None


def test_an_actor_needs_a_user_id():
    with pytest.raises(ValueError):
        Actor(user_id="", role=Role.REGISTRAR)
