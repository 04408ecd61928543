"""Events renamed to the past tense: streams stored under the old names (copied from a
development database before the rename) load as the renamed classes, rebuild their
aggregates, and are published as the superseded public type and its successor."""

import json
from datetime import timedelta

import pytest
from eventsourcing.persistence import DatetimeAsISO, JSONTranscoder, Mapper, UUIDAsHex

from contexts.transcodings import register_value_objects
from contract.envelope import to_cloudevents
from contract.schemas import validate
from domain.actor import Actor, Role
from domain.assignment.draw import Candidate, DrawProtocol, Exclusion
from domain.assignment.roster import Absence, CourtRoster, Distribution, DistributionSettings, JudgeProfile
from domain.deadlines.deadline import BaseEvent, Deadline
from domain.deadlines.terms import Term
from tests.support import stored_fixture_stream

WATCHER = Actor("system:deadline-watcher", Role.SYSTEM)


def mapper() -> Mapper:
    """As the deadlines and assignment contexts transcode their events."""
    transcoder = JSONTranscoder()
    transcoder.register(UUIDAsHex())
    transcoder.register(DatetimeAsISO())
    register_value_objects(
        transcoder, Actor, BaseEvent, Term, JudgeProfile, Absence, DistributionSettings, DrawProtocol, Candidate,
        Exclusion, Distribution,
    )  # fmt: skip
    return Mapper(transcoder=transcoder)


def loaded(fixture: str) -> list:
    return [mapper().to_domain_event(s) for s in stored_fixture_stream(fixture)]


def replay(events):
    aggregate = None
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


RENAMED = [
    pytest.param(
        "deadline_approaching_v1.stored.json",
        "domain.deadlines.deadline:Deadline.Approaching",
        Deadline.Approached,
        ("kz.sotflow.deadlines.deadline-approaching.v1", "kz.sotflow.deadlines.deadline-approached.v1"),
        id="deadline-approached",
    ),
    pytest.param(
        "roster_pool_below_minimum_v1.stored.json",
        "domain.assignment.roster:CourtRoster.DistributionPoolBelowMinimum",
        CourtRoster.DistributionPoolFellBelowMinimum,
        (
            "kz.sotflow.assignment.distribution-pool-below-minimum.v1",
            "kz.sotflow.assignment.distribution-pool-fell-below-minimum.v1",
        ),
        id="distribution-pool-fell-below-minimum",
    ),
]


@pytest.mark.parametrize(("fixture", "old_topic", "renamed", "types"), RENAMED)
def test_an_event_stored_under_its_old_name_is_read_as_the_renamed_class(fixture, old_topic, renamed, types):
    stored = stored_fixture_stream(fixture)
    assert stored[-1].topic == old_topic
    event = mapper().to_domain_event(stored[-1])
    assert type(event) is renamed
    assert event.actor.role == Role.SYSTEM


@pytest.mark.parametrize(("fixture", "old_topic", "renamed", "types"), RENAMED)
def test_it_is_published_as_the_superseded_type_then_its_successor_with_the_same_data(
    fixture, old_topic, renamed, types
):
    event = mapper().to_domain_event(stored_fixture_stream(fixture)[-1])
    envelopes = to_cloudevents(event, position=9)
    assert [e["type"] for e in envelopes] == list(types)
    old, new = envelopes
    assert old["data"] == new["data"] and old["subject"] == new["subject"]
    assert old["id"] != new["id"]
    for envelope in envelopes:
        validate(envelope)


def test_a_deadline_stored_as_approaching_rebuilds_and_is_not_noted_again():
    started, approaching = loaded("deadline_approaching_v1.stored.json")
    deadline = replay([started, approaching])

    assert deadline.version == 2
    assert deadline.approaching_for == deadline.due_at == approaching.due_at
    # The watcher's decision sees the old event: nothing new to record for this due instant.
    assert not deadline.note_approaching(now=approaching.noticed_at, window=timedelta(hours=48), actor=WATCHER)


def test_a_roster_whose_last_event_has_the_old_name_rebuilds():
    events = loaded("roster_pool_below_minimum_v1.stored.json")
    roster = replay(events)

    assert roster.version == 7
    assert events[-1].case_id in roster.distributions
    assert (events[-1].pool_size, events[-1].minimum) == (3, 5)


def test_the_same_decision_taken_today_is_stored_under_the_past_tense_name():
    started, approaching = loaded("deadline_approaching_v1.stored.json")
    deadline = replay([started])
    assert deadline.note_approaching(now=approaching.noticed_at, window=timedelta(hours=48), actor=WATCHER)
    stored = mapper().to_stored_event(deadline.collect_events()[-1])

    assert stored.topic == "domain.deadlines.deadline:Deadline.Approached"
    # The same fields as the event stored before the rename: only the name changed.
    before = json.loads(stored_fixture_stream("deadline_approaching_v1.stored.json")[-1].state)
    assert json.loads(stored.state) | {"timestamp": None} == before | {"timestamp": None}
    assert type(mapper().to_domain_event(stored)) is Deadline.Approached


@pytest.mark.parametrize(("fixture", "old_topic", "renamed", "types"), RENAMED)
def test_the_auditors_verifier_counts_a_type_and_its_successor_as_one_step_of_one_stream(
    fixture, old_topic, renamed, types
):
    from audit.streams import stream_of

    old, new = to_cloudevents(mapper().to_domain_event(stored_fixture_stream(fixture)[-1]), position=9)
    assert stream_of(old) is not None and stream_of(old) == stream_of(new)
