"""The incoming register: the secretariat's journal of every registered incoming item."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from domain.registry.admissibility import FILING_TERM, Outcome
from projections.store import Keyset, recordset, rows_json, trigram_schema

NAME = "incoming_register"
CONTEXTS = ("registry",)

DDL = """
create table if not exists {table} (
    item_id               uuid primary key,
    registration_number   text unique,
    kind                  text not null,
    received_at           timestamptz not null,
    registered_at         timestamptz not null,
    channel               text not null,
    filer_name            text not null,
    filer_role            text not null,
    lower_court_case_ref  text not null,
    contested_court       text not null,
    contested_act_kind    text not null,
    contested_act_date    date not null,
    registered_by         text not null,
    registered_by_role    text not null,
    log_position          bigint not null unique,
    event_id              uuid not null unique
)
"""


def create_tables(conn: Connection, schema: str) -> None:
    table = sql.Identifier(schema, NAME)
    conn.execute(sql.SQL(DDL).format(table=table))
    # Registers created before numbering (and before every kind) began get the columns too.
    conn.execute(sql.SQL("alter table {} add column if not exists registration_number text unique").format(table))
    for column, definition in ITEM_COLUMNS.items():
        conn.execute(
            sql.SQL("alter table {} add column if not exists {} " + definition).format(table, sql.Identifier(column))
        )
    # Search (see `search`): a generated column, so the projection's writes, a rebuild and
    # registers made before search began all hold it; a trigram index serves partial words.
    conn.execute(
        sql.SQL("alter table {} add column if not exists search_text text generated always as ({}) stored").format(
            table, SEARCH_TEXT
        )
    )
    conn.execute(
        sql.SQL("create index if not exists {} on {} using gin (search_text {}.gin_trgm_ops)").format(
            sql.Identifier(f"{NAME}_search"), table, sql.Identifier(trigram_schema(conn))
        )
    )


def normalised(text: sql.Composable) -> sql.Composed:
    """Text as search compares it: lower case (Cyrillic, Kazakh letters and Latin alike: the
    database's ctype is C.UTF-8), ё as е, and the Latin schwa typed for the Kazakh ә as ә."""
    return sql.SQL("lower(translate({}, 'ЁёƏə', 'ЕеӘә'))").format(text)


# What search finds an item by: its registration number, the lower court's case number
# and the filer's name (the only party the registration names).
SEARCH_TEXT = normalised(
    sql.SQL("coalesce(registration_number, '') || ' ' || lower_court_case_ref || ' ' || filer_name")
)


# Columns filled from item-registered (and item-returned); null on entries of older logs.
ITEM_COLUMNS = {
    "court": "text",
    "specialisation": "text",
    "offence_article": "text",
    "offence_category": "text",
    "improves_position": "boolean",
    "confidentiality": "text not null default 'public'",
    "related_item_id": "uuid",
    "act_entered_into_force": "date",
    "admissible": "boolean",
    "status": "text not null default 'registered'",
    "return_ground": "text",
    # Admitted though its filing term could not be checked: until a person confirms it.
    "to_be_checked": "boolean not null default false",
    "filing_term_confirmed": "boolean",
    "filing_term_note": "text",
}


def filing_term_unchecked(admissibility: dict[str, Any]) -> bool:
    """A filing-term rule could not be checked on what was filed (domain: unchecked_filing_term)."""
    return any(
        f["outcome"] == Outcome.NOT_CHECKABLE and f["rule_id"].startswith(FILING_TERM)
        for f in admissibility.get("findings") or ()
    )


def complaint_registered_row(envelope: dict[str, Any]) -> dict[str, Any]:
    data = envelope["data"]
    return {
        "item_id": data["complaint_id"],
        "kind": "cassation_complaint",
        "received_at": data["received_at"],
        "registered_at": data["registered_at"],
        "channel": data["channel"],
        "filer_name": data["filer"]["name"],
        "filer_role": data["filer"]["procedural_role"],
        "lower_court_case_ref": data["lower_court_case_ref"],
        "contested_court": data["contested_act"]["court"],
        "contested_act_kind": data["contested_act"]["kind"],
        "contested_act_date": data["contested_act"]["act_date"],
        "registered_by": envelope["actorid"],
        "registered_by_role": envelope["actorrole"],
        "log_position": envelope["logposition"],
        "event_id": envelope["id"],
    }


def item_registered_row(envelope: dict[str, Any]) -> dict[str, Any]:
    data = envelope["data"]
    act, offence = data["contested_act"], data["offence"] or {}
    return {
        "item_id": data["item_id"],
        "kind": data["kind"],
        "received_at": data["received_at"],
        "registered_at": data["registered_at"],
        "channel": data["channel"],
        "filer_name": data["filer"]["name"],
        "filer_role": data["filer"]["procedural_role"],
        "lower_court_case_ref": data["lower_court_case_ref"],
        "contested_court": act["court"],
        "contested_act_kind": act["kind"],
        "contested_act_date": act["act_date"],
        "registered_by": envelope["actorid"],
        "registered_by_role": envelope["actorrole"],
        "log_position": envelope["logposition"],
        "event_id": envelope["id"],
        "court": data["court"],
        "specialisation": data["specialisation"],
        "offence_article": offence.get("article"),
        "offence_category": offence.get("category"),
        "improves_position": data["improves_position"],
        "confidentiality": data["confidentiality"],
        "related_item_id": data["related_item_id"],
        "act_entered_into_force": act["entered_into_force"],
        "admissible": data["admissibility"]["admissible"],
        "to_be_checked": filing_term_unchecked(data["admissibility"]),
    }


ROW_BUILDERS = {
    "kz.sotflow.registry.complaint-registered.v1": complaint_registered_row,
    "kz.sotflow.registry.item-registered.v1": item_registered_row,
}

NUMBER_ASSIGNED = "kz.sotflow.registry.registration-number-assigned.v1"
ITEM_RETURNED = "kz.sotflow.registry.item-returned.v1"
FILING_TERM_CONFIRMED = "kz.sotflow.registry.filing-term-confirmed.v1"


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    for _, reason in apply_many(cur, schema, [envelope]):
        raise UndecodableMessageError(reason)


# What happens to an entry after its registration: the event's data fields the update
# takes, the update, the condition the entry must meet, and why finding none is an error.
UPDATES = {
    # The item's registration precedes its number in the same partition; anything else
    # means the log and this register disagree, which must stop the worker.
    NUMBER_ASSIGNED: (
        ("registration_number",), "registration_number = r.registration_number", "and t.registration_number is null",
        "no unnumbered register entry {item_id} for number",
    ),
    ITEM_RETURNED: (
        ("ground",), "status = 'returned', return_ground = r.ground", "",
        "no register entry {item_id} to mark returned",
    ),
    FILING_TERM_CONFIRMED: (
        ("confirmed", "note"),
        "to_be_checked = false, filing_term_confirmed = r.confirmed, filing_term_note = r.note", "",
        "no register entry {item_id} whose filing term to confirm",
    ),
}  # fmt: skip
UPDATE_TYPES = {
    "item_id": "uuid",
    "registration_number": "text",
    "ground": "text",
    "confirmed": "boolean",
    "note": "text",
}
REGISTERED = "registered"


def apply_many(cur: Cursor, schema: str, envelopes: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """A batch's registrations in one upsert per set of columns, then its numbers, returns
    and confirmed filing terms in one update each, every one checked as the statements one
    by one would check it (a failure sends the batch back to be applied event by event,
    which names the entry). An entry's events stay in order: a second registration at
    another position, or a second update of one kind, goes in a later round."""
    rounds: list[dict[str, dict[str, dict[str, Any]]]] = [{}]
    round_of: dict[str, int] = {}
    rejected = []
    for n, envelope in enumerate(envelopes):
        kind = envelope["type"]
        if kind not in UPDATES and kind not in ROW_BUILDERS:
            continue  # not an event this register shows
        try:
            if kind in UPDATES:
                values = {name: envelope["data"][name] for name in ("item_id", *UPDATES[kind][0])}
            else:
                values = ROW_BUILDERS[kind](envelope)
        except (KeyError, TypeError, AttributeError) as exc:
            rejected.append((n, f"{kind} without the expected data: {exc!r}"))
            continue
        op = kind if kind in UPDATES else REGISTERED
        item_id = values["item_id"]
        at = round_of.setdefault(item_id, 0)
        ops = rounds[at].setdefault(item_id, {})
        earlier = ops.get(op)
        # A complaint's registration is published twice at one position (complaint-registered,
        # then item-registered): the second completes the entry the first made.
        completes = op == REGISTERED and earlier is not None and earlier["log_position"] == values["log_position"]
        if (earlier is not None and not completes) or (op == REGISTERED and len(ops) > (earlier is not None)):
            at = round_of[item_id] = at + 1
            if at == len(rounds):
                rounds.append({})
            ops = rounds[at].setdefault(item_id, {})
        ops[op] = (ops.get(op) or {}) | values
    for items in rounds:
        shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for ops in items.values():
            if REGISTERED in ops:
                shapes.setdefault(tuple(ops[REGISTERED]), []).append(ops[REGISTERED])
        # Any other repeat of an item fails loudly on the unique log position.
        for columns, rows in shapes.items():
            cur.execute(_register_sql(schema, columns), (rows_json(rows), len(rows), "an item registered again"))
        for kind, (fields, assignments, condition, missing) in UPDATES.items():
            rows = [ops[kind] for ops in items.values() if kind in ops]
            if rows:
                problem = missing.format(item_id=rows[0]["item_id"]) if len(rows) == 1 else missing.format(
                    item_id=f"among {len(rows)}"
                )  # fmt: skip
                statement = _update_sql(schema, assignments, condition, ("item_id", *fields))
                cur.execute(statement, (rows_json(rows), len(rows), problem))
    return rejected


@lru_cache(maxsize=16)
def _update_sql(schema: str, assignments: str, condition: str, fields: tuple[str, ...]) -> str:
    """An update of the entries a batch names, which fails unless each was there (and met
    the condition)."""
    types = sql.SQL(", ").join(sql.SQL(f"{{}} {UPDATE_TYPES[f]}").format(sql.Identifier(f)) for f in fields)
    statement = (
        "with changed as (update {table} t set " + assignments + " from json_to_recordset(%s::json) as r({types}) "
        "where t.item_id = r.item_id " + condition + " returning 1) "
        "select {schema}.expect_one_row(((select count(*) from changed) = %s)::int, %s)"
    )
    return (
        sql.SQL(statement)
        .format(table=sql.Identifier(schema, NAME), types=types, schema=sql.Identifier(schema))
        .as_string()
    )


@lru_cache(maxsize=64)
def _register_sql(schema: str, columns: tuple[str, ...]) -> str:
    """The registrations of a batch with these columns: each inserts its entry, or completes
    the entry made at the same position; every one must change a row."""
    types = tuple((c, REGISTER_TYPES.get(c) or ITEM_COLUMNS[c].split()[0]) for c in columns)
    return (
        sql.SQL(
            "with changed as (insert into {table} as t ({cols}) select {cols} from {rows} "
            "on conflict (item_id) do update set {updates} where t.log_position = excluded.log_position returning 1) "
            "select {schema}.expect_one_row(((select count(*) from changed) = %s)::int, %s)"
        )
        .format(
            table=sql.Identifier(schema, NAME),
            cols=sql.SQL(", ").join(map(sql.Identifier, columns)),
            rows=recordset(types),
            updates=sql.SQL(", ").join(
                sql.SQL("{} = excluded.{}").format(sql.Identifier(c), sql.Identifier(c)) for c in columns
            ),
            schema=sql.Identifier(schema),
        )
        .as_string()
    )


REGISTER_TYPES = {
    "item_id": "uuid", "kind": "text", "received_at": "timestamptz", "registered_at": "timestamptz",
    "channel": "text", "filer_name": "text", "filer_role": "text", "lower_court_case_ref": "text",
    "contested_court": "text", "contested_act_kind": "text", "contested_act_date": "date", "registered_by": "text",
    "registered_by_role": "text", "log_position": "bigint", "event_id": "uuid",
}  # fmt: skip


def page(
    conn: Connection,
    schema: str,
    *,
    after: int | None,
    limit: int,
    levels: list[str],
    kind: str | None = None,
    court: str | None = None,
    status: str | None = None,
    to_be_checked: bool | None = None,
    reverse: bool = False,
) -> list[dict[str, Any]]:
    """Entries after a log position, in log order or (`reverse`) the latest first (keyset
    pagination), of the confidentiality levels given, optionally of one kind, court or status,
    or only those whose filing term is (or is not) to be checked."""
    keys = Keyset("log_position", descending=reverse)
    clauses = [sql.SQL("confidentiality = any(%(levels)s)")]
    if after is not None:
        clauses.append(keys.after("%(after)s"))
    for column, value in (("kind", kind), ("court", court), ("status", status), ("to_be_checked", to_be_checked)):
        if value is not None:
            clauses.append(sql.SQL("{} = {}").format(sql.Identifier(column), sql.Placeholder(column)))
    return keys.page(
        conn, sql.SQL("select * from {}").format(sql.Identifier(schema, NAME)), clauses,
        {"after": after, "limit": limit, "levels": levels, "kind": kind, "court": court, "status": status,
         "to_be_checked": to_be_checked},
    )  # fmt: skip


def like_pattern(word: str) -> str:
    """`%word%` for LIKE, the word's own % _ and \\ taken literally."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search(
    conn: Connection,
    schema: str,
    words: list[str],
    *,
    after: int | None,
    limit: int,
    levels: list[str],
    reverse: bool = False,
) -> list[dict[str, Any]]:
    """Entries whose registration number, lower-court case number or filer's name hold every
    word (any case, any part of it), in log order or the latest first (keyset on the log
    position), of the confidentiality levels given; `case_id` set on entries that opened a case."""
    keys = Keyset("i.log_position", descending=reverse)
    clauses = [sql.SQL("i.confidentiality = any(%(levels)s)")]
    if after is not None:
        clauses.append(keys.after("%(after)s"))
    params: dict[str, Any] = {"after": after, "limit": limit, "levels": levels}
    for n, word in enumerate(words):
        params[f"word_{n}"] = like_pattern(word)
        clauses.append(sql.SQL("i.search_text like {}").format(normalised(sql.Placeholder(f"word_{n}"))))
    select = sql.SQL(
        "select i.*, c.case_id from {} i left join {} c on c.case_id = i.item_id and c.registry_position is not null"
    ).format(sql.Identifier(schema, NAME), sql.Identifier(schema, "case_register"))
    return keys.page(conn, select, clauses, params)


def entry(conn: Connection, schema: str, item_id: object) -> dict[str, Any] | None:
    return conn.execute(
        sql.SQL("select * from {} where item_id = %s").format(sql.Identifier(schema, NAME)), (item_id,)
    ).fetchone()
