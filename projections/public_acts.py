"""The public register of published judicial acts, depersonalised (004 §15.20, 000 §7.1.2).

One row per case. The staff read the act's text as entered (`act_text`); the public reads
`public_text`: the same text depersonalised by the rules in force on the day the act was
published (domain/publication), with the version recorded beside it (`rules_version`).

The public text is computed here, not recorded as an event: it is a pure function of the
log (the act's text, the persons the case names, the day of publication) and of a rules
version that is never edited, so a rebuild or an auditor's replay gives the same text
(docs/public-information.md). The persons come from two topics: the registration's filer
(registry) and the notified parties and the ruling's defendants (proceedings). Each event
writes only its own columns, and the case's public text is then recomputed from the row
(once per batch: see apply_many), so the row comes out the same in whatever order the
topics interleave; an act is shown only once its registration (the filer's name, the
case's confidentiality) has been read.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

import orjson
from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from domain.court_time import court_date
from domain.publication.depersonalisation import Person, depersonalise
from domain.publication.rules import rules_in_force
from projections.store import Keyset

NAME = "public_acts"
# A batch reads back the rows it wrote (to compute the public text): a rebuild applies it
# first in a batch's pipeline, so that the read waits for its own statements only.
READS_BACK = True
CONTEXTS = ("registry", "proceedings")

DDL = """
create table if not exists {table} (
    case_id               uuid primary key,
    -- registry
    registration_number   text,
    court                 text,
    kind                  text,
    confidentiality       text,
    registered_persons    jsonb,
    -- proceedings
    notified_parties      jsonb not null default '[]'::jsonb,
    defendants            jsonb not null default '[]'::jsonb,
    joined_into           uuid,
    joined_cases          jsonb not null default '[]'::jsonb,
    document_ref          text,
    act_text              text,
    publishable           boolean,
    act_entered_at        timestamptz,
    published_at          timestamptz,
    portal_ref            text,
    publication_position  bigint unique,
    -- computed from the above and the rules version in force on the day of publication
    public_text           text,
    rules_version         text
)
"""

# What the public may see: published, depersonalised, its registration read, not confidential.
PUBLIC = sql.SQL(
    "a.publication_position is not null and a.public_text is not null and a.confidentiality = 'public' "
    "and a.kind not like 'extradition%%'"
)


def create_tables(conn: Connection, schema: str) -> None:
    conn.execute(sql.SQL(DDL).format(table=sql.Identifier(schema, NAME)))


def _writes(envelope: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The rows an event writes: (case, its own columns), as Python values."""
    kind = envelope["type"]
    try:
        data = envelope["data"]
        if kind == "kz.sotflow.registry.item-registered.v1":
            if data["procedure"] is None:
                return []  # a case file or extradition materials: part of a case, not one
            filer = data["filer"]
            return [(data["item_id"], {
                "registration_number": data["registration_number"], "court": data["court"], "kind": data["kind"],
                "confidentiality": data["confidentiality"],
                "registered_persons": [{"name": filer["name"], "role": filer["procedural_role"]}],
            })]  # fmt: skip
        if kind == "kz.sotflow.proceedings.parties-notified.v1":
            return [(data["case_id"], {"notified_parties": list(data["parties"])})]
        if kind == "kz.sotflow.proceedings.ruling-entered.v1":
            return [(data["case_id"], {"defendants": [o["defendant"] for o in data["outcomes"]]})]
        if kind == "kz.sotflow.proceedings.judicial-act-entered.v2":
            return [(data["case_id"], {
                "document_ref": data["document_ref"], "act_text": data["text"], "publishable": data["publishable"],
                "act_entered_at": envelope["time"],
            })]  # fmt: skip
        if kind == "kz.sotflow.proceedings.act-published.v1":
            return [(data["case_id"], {
                "published_at": envelope["time"], "portal_ref": data["portal_ref"],
                "publication_position": envelope["logposition"],
            })]  # fmt: skip
        if kind == "kz.sotflow.proceedings.complaints-joined.v1":
            return _joined(data["case_id"], data["joined_case_ids"])
        if kind == "kz.sotflow.proceedings.joined-into.v1":
            return _joined(data["main_case_id"], [data["case_id"]])
        return []
    except (KeyError, TypeError) as exc:
        raise UndecodableMessageError(f"{kind} without the expected data: {exc!r}") from None


def _joined(main: str, joined: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """Complaints joined into a main case: the main case's act names their filers too.
    Told twice (complaints-joined on the main case, joined-into on each other one)."""
    return [*((case_id, {"joined_into": main}) for case_id in joined), (main, {"joined_cases": sorted(joined)})]


# How an event's value meets the column's: replaces it, is appended to it (a list kept in
# the order of one partition), or is united with it (a set, sorted: the same whatever order
# two partitions' events arrive in).
SET = "{col} = excluded.{col}"
APPEND = "{col} = t.{col} || excluded.{col}"
UNION = (
    "{col} = (select coalesce(jsonb_agg(distinct v order by v), '[]'::jsonb) "
    "from jsonb_array_elements(t.{col} || excluded.{col}) v)"
)
MERGES = {"notified_parties": APPEND, "joined_cases": UNION}  # every other column: SET

# The SQL type of each column an event writes (the batch goes in as one JSON document).
TYPES = {
    "case_id": "uuid", "registration_number": "text", "court": "text", "kind": "text", "confidentiality": "text",
    "registered_persons": "jsonb", "notified_parties": "jsonb", "defendants": "jsonb", "joined_into": "uuid",
    "joined_cases": "jsonb", "document_ref": "text", "act_text": "text", "publishable": "boolean",
    "act_entered_at": "timestamptz", "published_at": "timestamptz", "portal_ref": "text",
    "publication_position": "bigint",
}  # fmt: skip


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    for _, reason in apply_many(cur, schema, [envelope]):
        raise UndecodableMessageError(reason)


def apply_many(cur: Cursor, schema: str, envelopes: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """A batch's events folded into one row per case (a later value replaces an earlier one,
    lists appended or united as the column's merge says), written by one statement per set
    of columns; then the public text of every case the batch touched (and of the case each
    was joined into) computed once from the rows as they now are. The text is a function of
    the row alone, so computing it once at the end leaves what computing it after every
    event would have left. Answers the envelopes it could not read (index, why)."""
    folded: dict[str, dict[str, Any]] = {}
    rejected = []
    for n, envelope in enumerate(envelopes):
        try:
            writes = _writes(envelope)
        except UndecodableMessageError as exc:
            rejected.append((n, str(exc)))
            continue
        for case_id, values in writes:
            row = folded.setdefault(case_id, {})
            for column, value in values.items():
                earlier = row.get(column)
                row[column] = value if earlier is None or column not in MERGES else earlier + value
    if not folded:
        return rejected
    shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for case_id, row in folded.items():
        if "joined_cases" in row:
            row["joined_cases"] = sorted(set(row["joined_cases"]))
        shapes.setdefault(tuple(sorted(row)), []).append({"case_id": case_id} | row)
    for shape, rows in shapes.items():
        cur.execute(_upsert_sql(schema, shape), (orjson.dumps(rows).decode(),))
    _recompute(cur, schema, list(folded))
    return rejected


@lru_cache(maxsize=256)
def _upsert_sql(schema: str, columns: tuple[str, ...]) -> str:
    """Insert the cases with these columns, or merge just these columns into them."""
    names = ("case_id", *columns)
    return (
        sql.SQL(
            "insert into {} as t ({}) select {} from json_to_recordset(%s::json) as r({}) "
            "on conflict (case_id) do update set {}"
        )
        .format(
            sql.Identifier(schema, NAME),
            sql.SQL(", ").join(map(sql.Identifier, names)),
            sql.SQL(", ").join(map(sql.Identifier, names)),
            sql.SQL(", ").join(sql.SQL(f"{{}} {TYPES[n]}").format(sql.Identifier(n)) for n in names),
            sql.SQL(", ").join(sql.SQL(MERGES.get(c, SET)).format(col=sql.Identifier(c)) for c in columns),
        )
        .as_string()
    )


def _recompute(cur: Cursor, schema: str, case_ids: list[str]) -> None:
    """The public text of these cases and of the cases they were joined into, from their
    rows and the persons of the complaints joined into them: one query, one update."""
    rows = cur.execute(_acts_sql(schema), (case_ids,)).fetchall()
    texts = []
    for row in rows:
        rules = rules_in_force(court_date(_instant(row["published_at"])))
        persons = _persons(row["persons"])
        texts.append({"case_id": str(row["case_id"]), "public_text": depersonalise(row["act_text"], persons, rules),
                      "rules_version": rules.version})  # fmt: skip
    if texts:
        cur.execute(_texts_sql(schema), (orjson.dumps(texts).decode(),))


@lru_cache(maxsize=16)
def _acts_sql(schema: str) -> str:
    # By primary key only: a rebuild sets aside the indexes that serve reads.
    return (
        sql.SQL(
            "with touched as (select distinct unnest(%s::uuid[]) as case_id), "
            "acts as (select case_id from touched union "
            "select t.joined_into from {table} t join touched using (case_id) where t.joined_into is not null) "
            "select a.case_id, a.act_text, a.published_at, "
            "(select json_agg(json_build_array(p.registered_persons, p.notified_parties, p.defendants)) "
            "from {table} p where p.case_id = a.case_id or p.case_id = any(array("
            "select jsonb_array_elements_text(a.joined_cases)::uuid))) as persons "
            "from {table} a join acts using (case_id) where a.act_text is not null and a.published_at is not null"
        )
        .format(table=sql.Identifier(schema, NAME))
        .as_string()
    )


@lru_cache(maxsize=16)
def _texts_sql(schema: str) -> str:
    return (
        sql.SQL(
            "update {} t set public_text = r.public_text, rules_version = r.rules_version "
            "from json_to_recordset(%s::json) as r(case_id uuid, public_text text, rules_version text) "
            "where t.case_id = r.case_id"
        )
        .format(sql.Identifier(schema, NAME))
        .as_string()
    )


def _persons(rows: list[list[Any]]) -> list[Person]:
    """Everyone the case names (and the complaints joined into it): the registered filers
    with their roles, the notified parties and the defendants. Sorted: the same set of
    persons is the same input to the rules whatever order it was read in."""
    persons = set()
    for registered, notified, defendants in rows:
        persons |= {Person(p["name"], p["role"]) for p in registered or ()}
        persons |= {Person(name) for name in (*notified, *defendants)}
    return sorted(persons, key=lambda p: (p.name, p.role or ""))


def _instant(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def page(
    conn: Connection,
    schema: str,
    *,
    after: int | None,
    limit: int,
    court: str | None = None,
    reverse: bool = False,
) -> list[dict[str, Any]]:
    """The published acts the public may read, in order of publication (or the latest first)."""
    keys = Keyset("a.publication_position", descending=reverse)
    clauses: list[sql.Composable] = [PUBLIC]
    if after is not None:
        clauses.append(keys.after("%(after)s"))
    if court is not None:
        clauses.append(sql.SQL("a.court = %(court)s"))
    select = sql.SQL(
        "select a.case_id, a.registration_number, a.court, a.kind, a.published_at, a.portal_ref, a.public_text, "
        "a.rules_version, a.publication_position from {} a"
    ).format(sql.Identifier(schema, NAME))
    return keys.page(conn, select, clauses, {"after": after, "court": court, "limit": limit})


def public_entry(conn: Connection, schema: str, case_id: object) -> dict[str, Any] | None:
    """One published act as the public sees it (None: not published, or not for the public)."""
    return conn.execute(
        sql.SQL(
            "select a.case_id, a.registration_number, a.court, a.kind, a.published_at, a.portal_ref, a.public_text, "
            "a.rules_version, a.publication_position from {} a where a.case_id = %s and {}"
        ).format(sql.Identifier(schema, NAME), PUBLIC),
        (case_id,),
    ).fetchone()


def entry(conn: Connection, schema: str, case_id: object) -> dict[str, Any] | None:
    """The whole row, for the staff: the text as entered beside the public one."""
    return conn.execute(
        sql.SQL("select * from {} where case_id = %s").format(sql.Identifier(schema, NAME)), (case_id,)
    ).fetchone()
