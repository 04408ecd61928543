"""The register of cases: each case with its kind, court, stage, panel and hearing.

Fed by three contexts (registry, assignment, proceedings). Kafka orders each topic's
partition, not the topics among themselves, so every event writes only the columns
its own context owns, by an upsert keyed on the case: the rows come out the same in
whatever order the three topics interleave (and a rebuild equals the live register).
Within one context a case's events share a partition, hence arrive in log order.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from projections.incoming_register import filing_term_unchecked
from projections.store import Keyset, recordset, rows_json

NAME = "case_register"
CONTEXTS = ("registry", "assignment", "proceedings")

DDL = """
create table if not exists {table} (
    case_id                uuid primary key,
    -- registry
    registration_number    text,
    kind                   text,
    court                  text,
    received_at            timestamptz,
    filer_name             text,
    lower_court_case_ref   text,
    confidentiality        text,
    admissible             boolean,
    to_be_checked          boolean not null default false,
    registry_position      bigint,
    -- assignment
    judge_rapporteur       text,
    panel                  jsonb,
    protocol               jsonb,
    reassignments          jsonb,
    load_released          boolean not null default false,
    assignment_position    bigint,
    -- proceedings (null until the case is accepted or returned: see STAGE)
    stage                  text,
    next_hearing_at        timestamptz,
    hearings_held          integer not null default 0,
    outcomes               jsonb,
    act_entered_at         timestamptz,
    hours_to_enter_act     double precision,
    published              boolean not null default false,
    suspended_until        date,
    joined_into            uuid,
    disposed_at            timestamptz,
    proceedings_position   bigint
)
"""


# The stage staff see: proceedings' own, else what the registry decided.
STAGE = sql.SQL("coalesce(stage, case when admissible is false then 'returned' when admissible then 'registered' end)")


def create_tables(conn, schema: str) -> None:
    table = sql.Identifier(schema, NAME)
    conn.execute(sql.SQL(DDL).format(table=table))
    conn.execute(sql.SQL("alter table {} add column if not exists disposed_at timestamptz").format(table))
    conn.execute(
        sql.SQL("alter table {} add column if not exists to_be_checked boolean not null default false").format(table)
    )
    conn.execute(
        sql.SQL("create index if not exists {} on {} (court, stage)").format(
            sql.Identifier(f"{NAME}_court_stage"), table
        )
    )
    # The public look-up of a case by its number (GET /public/cases).
    conn.execute(
        sql.SQL("create index if not exists {} on {} (registration_number)").format(
            sql.Identifier(f"{NAME}_number"), table
        )
    )
    # The register's pages are keyset pages in order of registration, of all cases or of
    # one court's cases at one stage (the stage as the pages compute it).
    for name, columns in (
        ("registry_position", sql.SQL("registry_position")),
        ("court_stage_position", sql.SQL("court, ({}), registry_position").format(STAGE)),
    ):
        conn.execute(
            sql.SQL("create index if not exists {} on {} ({})").format(sql.Identifier(f"{NAME}_{name}"), table, columns)
        )


def _registered(e: dict[str, Any]) -> dict[str, Any]:
    d = e["data"]
    if d["procedure"] is None:
        return {}  # a case file or extradition materials: part of a case, not one
    return {
        "registration_number": d["registration_number"],
        "kind": d["kind"],
        "court": d["court"],
        "received_at": d["received_at"],
        "filer_name": d["filer"]["name"],
        "lower_court_case_ref": d["lower_court_case_ref"],
        "confidentiality": d["confidentiality"],
        "admissible": d["admissibility"]["admissible"],
        "to_be_checked": filing_term_unchecked(d["admissibility"]),
        "registry_position": e["logposition"],
    } | ({} if d["admissibility"]["admissible"] else {"disposed_at": d["registered_at"]})


def _distributed(e: dict[str, Any]) -> dict[str, Any]:
    d = e["data"]
    return {
        "judge_rapporteur": d["panel"][0],
        "panel": d["panel"],
        "protocol": d["protocol"],
        "assignment_position": e["logposition"],
    }


def _reassigned(e: dict[str, Any]) -> dict[str, Any]:
    d = e["data"]
    entry = {k: d[k] for k in ("seat", "replaced_judge", "new_judge", "reason", "protocol")}
    return {
        "judge_rapporteur": d["panel"][0],
        "panel": d["panel"],
        "reassignments": Accumulate([entry], "coalesce({col}, '[]'::jsonb) || {value}", operator.add),
        "assignment_position": e["logposition"],
    }


def _stage(stage: str, **extra) -> Any:
    return lambda e: {"stage": stage, "proceedings_position": e["logposition"]} | {k: f(e) for k, f in extra.items()}


UPDATES = {
    "kz.sotflow.registry.item-registered.v1": _registered,
    # A person checked the filing term (an item that opens no case has no such term).
    "kz.sotflow.registry.filing-term-confirmed.v1": lambda e: {"to_be_checked": False},
    "kz.sotflow.assignment.case-distributed.v1": _distributed,
    "kz.sotflow.assignment.case-reassigned.v1": _reassigned,
    "kz.sotflow.assignment.load-released.v1": lambda e: {
        "load_released": True,
        "assignment_position": e["logposition"],
    },
    "kz.sotflow.proceedings.case-accepted.v1": _stage("accepted"),
    "kz.sotflow.proceedings.item-returned.v1": _stage("returned", disposed_at=lambda e: e["time"]),
    "kz.sotflow.proceedings.case-file-requested.v1": _stage("case_file_requested"),
    "kz.sotflow.proceedings.case-file-received.v1": _stage("case_file_received"),
    "kz.sotflow.proceedings.hearing-scheduled.v1": _stage(
        "hearing_scheduled", next_hearing_at=lambda e: e["data"]["scheduled_for"]
    ),
    "kz.sotflow.proceedings.hearing-postponed.v1": _stage("hearing_postponed", next_hearing_at=lambda e: None),
    "kz.sotflow.proceedings.hearing-held.v1": _stage(
        "heard",
        next_hearing_at=lambda e: None,
        hearings_held=lambda e: Accumulate(1, "{col} + {value}", operator.add),
    ),
    "kz.sotflow.proceedings.ruling-entered.v1": _stage("ruled", outcomes=lambda e: e["data"]["outcomes"]),
    "kz.sotflow.proceedings.judicial-act-entered.v1": _stage(
        "act_entered",
        act_entered_at=lambda e: e["time"],
        hours_to_enter_act=lambda e: e["data"]["hours_after_hearing"],
        disposed_at=lambda e: e["time"],
    ),
    "kz.sotflow.proceedings.act-published.v1": _stage("published", published=lambda e: True),
    "kz.sotflow.proceedings.complaint-withdrawn.v1": _stage("withdrawn", disposed_at=lambda e: e["time"]),
    "kz.sotflow.proceedings.joined-into.v1": _stage(
        "joined", joined_into=lambda e: e["data"]["main_case_id"], disposed_at=lambda e: e["time"]
    ),
    "kz.sotflow.proceedings.execution-suspended.v1": lambda e: {
        "suspended_until": e["data"]["until"],
        "proceedings_position": e["logposition"],
    },
}


def _values(envelope: dict[str, Any]) -> dict[str, Any] | None:
    update = UPDATES.get(envelope["type"])
    if update is None:
        return None
    try:
        return update(envelope) or None
    except (KeyError, TypeError, IndexError) as exc:
        raise UndecodableMessageError(f"{envelope['type']} without the expected data: {exc!r}") from None


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    for _, reason in apply_many(cur, schema, [envelope]):
        raise UndecodableMessageError(reason)


def apply_many(cur: Cursor, schema: str, envelopes: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """A batch's events folded into one upsert per case (later columns replace earlier ones,
    accumulating columns add up, exactly as the upserts one by one would have left the row),
    the cases of one set of columns written by one statement. Where a case's set and
    addition of one column do not fold, its later events go in a later round of statements."""
    rounds: list[dict[str, dict[str, Any]]] = [{}]
    round_of: dict[str, int] = {}
    rejected = []
    for n, envelope in enumerate(envelopes):
        try:
            values = _values(envelope)
        except UndecodableMessageError as exc:
            rejected.append((n, str(exc)))
            continue
        if not values:
            continue
        case_id = envelope["subject"]
        at = round_of.setdefault(case_id, 0)
        folded = rounds[at].setdefault(case_id, {})
        if any(isinstance(v, Accumulate) != isinstance(folded.get(k, v), Accumulate) for k, v in values.items()):
            at = round_of[case_id] = at + 1  # a set and an addition do not fold: write the earlier first
            if at == len(rounds):
                rounds.append({})
            folded = rounds[at].setdefault(case_id, {})
        for name, value in values.items():
            earlier = folded.get(name)
            folded[name] = earlier.then(value) if isinstance(earlier, Accumulate) else value
    for cases in rounds:
        shapes: dict[tuple[tuple[str, str | None], ...], list[dict[str, Any]]] = {}
        for case_id, values in cases.items():
            shape = tuple(sorted((n, v.update if isinstance(v, Accumulate) else None) for n, v in values.items()))
            row = {n: v.value if isinstance(v, Accumulate) else v for n, v in values.items()}
            shapes.setdefault(shape, []).append(row | {"case_id": case_id})
        for shape, rows in shapes.items():
            cur.execute(_upsert_sql(schema, shape), (rows_json(rows),))
    return rejected


class Accumulate:
    """A column that adds to what the row holds (a count, a list) instead of replacing it."""

    def __init__(self, value: Any, update: str, combine: Callable[[Any, Any], Any] | None = None) -> None:
        self.value = value
        self.update = update  # SQL with {col} (the row's column) and {value} (the batch's)
        self.combine = combine  # two additions as one

    def then(self, later: Accumulate) -> Accumulate:
        return Accumulate(self.combine(self.value, later.value), self.update, self.combine)


# The SQL type of each column an event writes (a batch goes in as one JSON document).
TYPES = {
    "case_id": "uuid", "registration_number": "text", "kind": "text", "court": "text",
    "received_at": "timestamptz", "filer_name": "text", "lower_court_case_ref": "text", "confidentiality": "text",
    "admissible": "boolean", "to_be_checked": "boolean", "registry_position": "bigint",
    "judge_rapporteur": "text", "panel": "jsonb", "protocol": "jsonb", "reassignments": "jsonb",
    "load_released": "boolean", "assignment_position": "bigint", "stage": "text",
    "next_hearing_at": "timestamptz", "hearings_held": "integer", "outcomes": "jsonb",
    "act_entered_at": "timestamptz", "hours_to_enter_act": "double precision", "published": "boolean",
    "suspended_until": "date", "joined_into": "uuid", "disposed_at": "timestamptz",
    "proceedings_position": "bigint",
}  # fmt: skip


@lru_cache(maxsize=2048)
def _upsert_sql(schema: str, shape: tuple[tuple[str, str | None], ...]) -> str:
    """The upsert of a batch's cases with one set of columns (each with its accumulating
    update, if any): insert the case with these columns, or set just these on it."""
    names = ("case_id", *(n for n, _ in shape))
    updated = [
        sql.SQL("{} = {}").format(
            sql.Identifier(n),
            sql.SQL(update).format(
                col=sql.SQL("{}.{}").format(sql.Identifier(NAME), sql.Identifier(n)),
                value=sql.SQL("excluded.{}").format(sql.Identifier(n)),
            )
            if update
            else sql.SQL("excluded.{}").format(sql.Identifier(n)),
        )
        for n, update in shape
    ]
    return (
        sql.SQL(
            "insert into {table} as {alias} ({cols}) select {cols} from {rows} "
            "on conflict (case_id) do update set {updates}"
        )
        .format(
            table=sql.Identifier(schema, NAME),
            alias=sql.Identifier(NAME),
            cols=sql.SQL(", ").join(map(sql.Identifier, names)),
            rows=recordset(tuple((n, TYPES[n]) for n in names)),
            updates=sql.SQL(", ").join(updated),
        )
        .as_string()
    )


# A page leaves out the draw's protocol, the reassignments and the outcomes (the card has
# them): decoding those documents for every row cost more than the query.
PAGE_COLUMNS = sql.SQL(", ").join(
    map(
        sql.Identifier,
        (
            "case_id", "registration_number", "kind", "court", "received_at", "filer_name", "lower_court_case_ref",
            "confidentiality", "registry_position", "judge_rapporteur", "panel", "load_released", "next_hearing_at",
            "hearings_held", "act_entered_at", "hours_to_enter_act", "published", "suspended_until", "joined_into",
            "to_be_checked",
        ),
    )
)  # fmt: skip


def page(
    conn: Connection,
    schema: str,
    *,
    after: int | None,
    limit: int,
    levels: list[str],
    court: str | None = None,
    stage: str | None = None,
    kind: str | None = None,
    judge: str | None = None,
    reverse: bool = False,
) -> list[dict[str, Any]]:
    """Registered cases in order of registration, or (`reverse`) the latest first (keyset on
    the registry position); optionally of one court, stage, kind, or judge on the panel."""
    keys = Keyset("registry_position", descending=reverse)
    clauses = [sql.SQL("confidentiality = any(%(levels)s)")]
    if after is not None:
        clauses.append(keys.after("%(after)s"))
    for column, value in (("court", court), ("kind", kind)):
        if value is not None:
            clauses.append(sql.SQL("{} = {}").format(sql.Identifier(column), sql.Placeholder(column)))
    if stage is not None:
        clauses.append(sql.SQL("{} = %(stage)s").format(STAGE))
    if judge is not None:
        clauses.append(sql.SQL("panel ? %(judge)s"))  # a judge's own cases: on the panel, as rapporteur or not
    select = sql.SQL("select {}, {} as current_stage, {} from {}").format(
        PAGE_COLUMNS, STAGE, _next_deadline(schema), sql.Identifier(schema, NAME)
    )
    return keys.page(
        conn,
        select,
        clauses,
        {
            "after": after,
            "limit": limit,
            "levels": levels,
            "court": court,
            "stage": stage,
            "kind": kind,
            "judge": judge,
        },  # fmt: skip
    )


def entry(conn: Connection, schema: str, case_id: object) -> dict[str, Any] | None:
    return conn.execute(
        sql.SQL(
            "select *, {} as current_stage, {} from {} where case_id = %s and registry_position is not null"
        ).format(STAGE, _next_deadline(schema), sql.Identifier(schema, NAME)),
        (case_id,),
    ).fetchone()


def by_number(conn: Connection, schema: str, number: str, *, levels: list[str], court: str | None = None):
    """The registered cases of that registration number (one per court that uses it), of
    the confidentiality levels given, in order of registration."""
    return conn.execute(
        sql.SQL(
            "select *, {} as current_stage from {} where registration_number = %(number)s "
            "and registry_position is not null and confidentiality = any(%(levels)s) "
            "and (%(court)s::text is null or court = %(court)s) order by registry_position"
        ).format(STAGE, sql.Identifier(schema, NAME)),
        {"number": number, "levels": levels, "court": court},
    ).fetchall()


def _next_deadline(schema: str) -> sql.Composed:
    """The case's open deadline due soonest, as a json column `next_deadline` (null when it
    has none): read from the deadline register when asked, so it is never out of step."""
    return sql.SQL(
        "(select json_build_object('deadline_id', d.deadline_id, 'rule_id', d.rule_id, 'clause', d.clause, "
        "'status', d.status, 'due_at', d.due_at, 'met_at', d.met_at, 'extensions', d.extensions) "
        "from {} d where d.subject = {}.case_id::text and d.status = 'open' "
        "order by d.due_at, d.deadline_id limit 1) as next_deadline"
    ).format(sql.Identifier(schema, "deadline_register"), sql.Identifier(NAME))
