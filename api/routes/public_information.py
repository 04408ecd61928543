"""Public case information (000 §7.1.2, 004 §15.20): what the court's internet resources
show anyone, without a token. A case's status by its number, the register of published
judicial acts (depersonalised), and a feed of hearings and acts for the media.

Nothing here names a party: the public routes read only cases of the `public` level,
never extradition, and answer a confidential case exactly as one that does not exist.
The staff read an act as entered at /registers/acts/{case_id}."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any
from uuid import UUID

import orjson
from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from pydantic import BaseModel, Field

from api.access import may_see
from api.bounded import MAX_BIGINT
from api.consistency import WaitFor, wait_for
from api.dependencies import ClockDep, SotflowDep, StaffReader
from api.pagination import NEXT_AFTER, Reverse
from api.routing import OneHopRoute
from domain.court_time import court_date, day_start
from projections import case_register, hearings_calendar, public_acts

public_router = APIRouter(route_class=OneHopRoute, prefix="/public", tags=["public"])
router = APIRouter(route_class=OneHopRoute, prefix="/registers", tags=["registers"])

PUBLIC_LEVELS = ["public"]
Court = Annotated[str | None, Query(max_length=64, description="One court's.")]
After = Annotated[int | None, Query(ge=0, le=MAX_BIGINT, description="The `next_after` of the previous page.")]
Limit = Annotated[int, Query(ge=1, le=500)]
FEED_TYPE = "application/feed+json"


class PublicHearingDate(BaseModel):
    scheduled_for: datetime
    status: str = Field(description="scheduled, postponed or held.")
    public: bool = Field(description="False: a closed hearing (its room is not shown).")
    room: str | None
    held_at: datetime | None


class PublicOutcome(BaseModel):
    outcome: str = Field(description="The decision for one defendant (who is not named).")
    legal_basis: str


class PublicCase(BaseModel):
    """A case's status as the court's internet resources show it: no party is named."""

    registration_number: str
    court: str
    kind: str
    stage: str | None = Field(description="registered, returned, accepted ... published (docs/case-lifecycle.md).")
    hearings: list[PublicHearingDate]
    outcomes: list[PublicOutcome] | None = Field(description="Once the ruling is announced, one per defendant.")
    act_published: bool = Field(description="The act is in the public register (GET /public/acts/{case_id}).")
    case_id: UUID = Field(description="For GET /public/acts/{case_id} once published.")


class PublicCases(BaseModel):
    items: list[PublicCase] = Field(description="Usually one: a number is unique within a court.")


NUMBER_HELP = "The case's registration number, exactly as the court gave it (e.g. CC-1-CC-1/2026)."


@public_router.get("/cases", response_model=PublicCases)
def public_case(
    system: SotflowDep,
    number: Annotated[str, Query(min_length=1, max_length=64, description=NUMBER_HELP)],
    court: Court = None,
) -> PublicCases:
    """A case's status by its registration number (no token needed): court, stage, hearing
    dates and, once announced, the outcome. A confidential case is not found."""
    schema = system.settings.projection_schema
    with system.pool.connection() as conn:
        rows = [
            r for r in case_register.by_number(conn, schema, number, levels=PUBLIC_LEVELS, court=court)
            if not r["kind"].startswith("extradition")
        ]  # fmt: skip
        hearings = {r["case_id"]: hearings_calendar.of_case(conn, schema, r["case_id"]) for r in rows}
        published = {r["case_id"]: public_acts.public_entry(conn, schema, r["case_id"]) is not None for r in rows}
    if not rows:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No public case of that number.")
    return PublicCases(items=[_public_case(r, hearings[r["case_id"]], published[r["case_id"]]) for r in rows])


def _public_case(row: dict[str, Any], hearings: list[dict[str, Any]], published: bool) -> PublicCase:
    return PublicCase(
        case_id=row["case_id"],
        registration_number=row["registration_number"],
        court=row["court"],
        kind=row["kind"],
        stage=row["current_stage"],
        hearings=[
            PublicHearingDate(
                scheduled_for=h["scheduled_for"],
                status=h["status"],
                public=h["public"],
                room=h["room"] if h["public"] else None,
                held_at=h["held_at"],
            )
            for h in sorted(hearings, key=lambda h: (h["scheduled_for"], h["hearing_id"]))
        ],  # fmt: skip
        outcomes=[PublicOutcome(outcome=o["outcome"], legal_basis=o["legal_basis"]) for o in row["outcomes"]]
        if row["outcomes"]
        else None,
        act_published=published,
    )


class PublicAct(BaseModel):
    """A published judicial act as the public reads it."""

    case_id: UUID
    registration_number: str | None
    court: str | None
    kind: str | None
    published_at: datetime
    portal_ref: str | None
    text: str = Field(description="Depersonalised: names, identity numbers and addresses replaced.")
    rules_version: str = Field(description="The depersonalisation rules applied (domain/publication/rules.py).")
    log_position: int = Field(description="The publication's position on the proceedings log.")


class PublicActPage(BaseModel):
    items: list[PublicAct]
    next_after: int | None = Field(description=NEXT_AFTER)


def _public_act(row: dict[str, Any]) -> PublicAct:
    return PublicAct.model_validate(row | {"text": row["public_text"], "log_position": row["publication_position"]})


@public_router.get("/acts", response_model=PublicActPage)
def published_acts(
    system: SotflowDep, after: After = None, limit: Limit = 50, court: Court = None, reverse: Reverse = False
) -> PublicActPage:
    """The register of published judicial acts, depersonalised (no token needed), in order of publication."""
    with system.pool.connection() as conn:
        rows = public_acts.page(
            conn, system.settings.projection_schema, after=after, limit=limit + 1, court=court, reverse=reverse
        )
    items = [_public_act(r) for r in rows[:limit]]
    return PublicActPage(items=items, next_after=items[-1].log_position if len(rows) > limit else None)


@public_router.get("/acts/{case_id}", response_model=PublicAct)
def published_act(case_id: UUID, system: SotflowDep) -> PublicAct:
    """One published judicial act, depersonalised (no token needed)."""
    with system.pool.connection() as conn:
        row = public_acts.public_entry(conn, system.settings.projection_schema, case_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No published act of that case.")
    return _public_act(row)


FEED_HELP = (
    "JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) for the media: the public hearings of the coming days "
    "and the latest published acts (depersonalised), as `application/feed+json`."
)


@public_router.get(
    "/feed.json",
    response_class=Response,
    responses={200: {"content": {FEED_TYPE: {"schema": {"type": "object"}}}, "description": FEED_HELP}},
)
def public_feed(
    request: Request,
    system: SotflowDep,
    clock: ClockDep,
    days: Annotated[int, Query(ge=1, le=31, description="Hearings of this many days from today.")] = 7,
    acts: Annotated[int, Query(ge=0, le=100, description="How many of the latest published acts.")] = 20,
    court: Court = None,
) -> Response:
    """The hearings schedule and the published acts as a JSON Feed (no token needed)."""
    begin = day_start(court_date(clock.now()))
    schema = system.settings.projection_schema
    with system.pool.connection() as conn:
        hearings = hearings_calendar.between(
            conn, schema, begin, begin + timedelta(days=days), levels=PUBLIC_LEVELS, public_only=True,
            limit=500, court=court,
        )  # fmt: skip
        published = public_acts.page(conn, schema, after=None, limit=acts, court=court, reverse=True) if acts else []
    items = [_act_item(request, a) for a in published] + [_hearing_item(h) for h in hearings]
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"Court hearings and published acts{f' of {court}' if court else ''}",
        "feed_url": str(request.url),
        "description": "Public hearings of non-confidential cases and depersonalised judicial acts.",
        "language": "ru",
        "items": items,
    }
    return Response(orjson.dumps(feed), media_type=FEED_TYPE)


def _hearing_item(h: dict[str, Any]) -> dict[str, Any]:
    when = h["scheduled_for"].isoformat()
    return {
        "id": f"hearing:{h['case_id']}:{h['hearing_id']}",
        "title": f"Hearing: {h['registration_number']}, {h['court']}, {when}, room {h['room']}",
        "content_text": f"Case {h['registration_number']} ({h['kind']}) is heard at {when} in room {h['room']}.",
        "tags": ["hearing"],
        "_sotflow": {"scheduled_for": when, "room": h["room"], "court": h["court"],
                     "registration_number": h["registration_number"]},
    }  # fmt: skip


def _act_item(request: Request, a: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": f"act:{a['case_id']}",
        "url": str(request.url_for("published_act", case_id=a["case_id"])),
        "title": f"Judicial act published: {a['registration_number']}, {a['court']}",
        "content_text": a["public_text"],
        "date_published": a["published_at"].isoformat(),
        "tags": ["judicial-act"],
        "_sotflow": {"rules_version": a["rules_version"], "registration_number": a["registration_number"]},
    }


class StaffAct(BaseModel):
    """A judicial act as the staff read it: the text as entered, beside the public text."""

    case_id: UUID
    registration_number: str | None
    court: str | None
    document_ref: str | None
    text: str | None = Field(description="As the judge entered it (null: entered without a text).")
    publishable: bool | None
    act_entered_at: datetime | None
    published_at: datetime | None
    public_text: str | None = Field(description="What the public register shows, once published.")
    rules_version: str | None


@router.get("/acts/{case_id}", response_model=StaffAct)
def staff_act(
    case_id: UUID, user: StaffReader, system: SotflowDep, response: Response, wait_for_: WaitFor = None
) -> StaffAct:
    """The case's judicial act as entered, with its public (depersonalised) text once published."""
    wait_for(system, (public_acts, case_register), wait_for_, response)
    schema = system.settings.projection_schema
    with system.pool.connection() as conn:
        case = case_register.entry(conn, schema, case_id)
        row = public_acts.entry(conn, schema, case_id)
    if case is None or row is None or row["document_ref"] is None or not may_see(user.role, case["confidentiality"]):
        reached = response.headers.get("X-Log-Position-Reached")
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, f"No judicial act of case {case_id} (yet).",
            headers={"X-Log-Position-Reached": reached} if reached else None,
        )  # fmt: skip
    return StaffAct.model_validate(row | {"text": row["act_text"]})
