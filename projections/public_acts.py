"""The public register of published judicial acts, depersonalised (004 §15.20, 000 §7.1.2).

One row per case. The staff read the act's text as entered (`act_text`); the public reads
`public_text`: the same text depersonalised by the rules in force on the day the act was
published (domain/publication), with the version recorded beside it (`rules_version`).

The public text is computed here, not recorded as an event: it is a pure function of the
log (the act's text, the persons the case names, the day of publication) and of a rules
version that is never edited, so a rebuild or an auditor's replay gives the same text
(docs/public-information.md). The persons come from two topics: the registration's filer
(registry) and the notified parties and the ruling's defendants (proceedings). Each event
writes only its own columns and then recomputes the case's public text from the row, so
the row comes out the same in whatever order the topics interleave; an act is shown only
once its registration (the filer's name, the case's confidentiality) has been read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psycopg import Connection, Cursor, sql

from contract.envelope import UndecodableMessageError
from domain.court_time import court_date
from domain.publication.depersonalisation import Person, depersonalise
from domain.publication.rules import rules_in_force
from projections.store import Keyset, json_text

NAME = "public_acts"
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


def apply(cur: Cursor, schema: str, envelope: dict[str, Any]) -> None:
    kind = envelope["type"]
    try:
        data = envelope["data"]
        if kind == "kz.sotflow.registry.item-registered.v1":
            if data["procedure"] is None:
                return  # a case file or extradition materials: part of a case, not one
            filer = data["filer"]
            _upsert(cur, schema, data["item_id"], {
                "registration_number": data["registration_number"], "court": data["court"], "kind": data["kind"],
                "confidentiality": data["confidentiality"],
                "registered_persons": json_text([{"name": filer["name"], "role": filer["procedural_role"]}]),
            })  # fmt: skip
        elif kind == "kz.sotflow.proceedings.parties-notified.v1":
            _upsert(cur, schema, data["case_id"], {"notified_parties": json_text(data["parties"])}, merge=APPEND)
        elif kind == "kz.sotflow.proceedings.ruling-entered.v1":
            defendants = [o["defendant"] for o in data["outcomes"]]
            _upsert(cur, schema, data["case_id"], {"defendants": json_text(defendants)})
        elif kind == "kz.sotflow.proceedings.judicial-act-entered.v2":
            _upsert(cur, schema, data["case_id"], {
                "document_ref": data["document_ref"], "act_text": data["text"], "publishable": data["publishable"],
                "act_entered_at": envelope["time"],
            })  # fmt: skip
        elif kind == "kz.sotflow.proceedings.act-published.v1":
            _upsert(cur, schema, data["case_id"], {
                "published_at": envelope["time"], "portal_ref": data["portal_ref"],
                "publication_position": envelope["logposition"],
            })  # fmt: skip
        elif kind == "kz.sotflow.proceedings.complaints-joined.v1":
            _joined(cur, schema, data["case_id"], data["joined_case_ids"])
        elif kind == "kz.sotflow.proceedings.joined-into.v1":
            _joined(cur, schema, data["main_case_id"], [data["case_id"]])
    except (KeyError, TypeError) as exc:
        raise UndecodableMessageError(f"{kind} without the expected data: {exc!r}") from None


# How an event's value meets the column's: replaces it, is appended to it (a list kept in
# the order of one partition), or is united with it (a set, sorted: the same whatever order
# two partitions' events arrive in).
SET = "{col} = excluded.{col}"
APPEND = "{col} = t.{col} || excluded.{col}"
UNION = (
    "{col} = (select coalesce(jsonb_agg(distinct v order by v), '[]'::jsonb) "
    "from jsonb_array_elements(t.{col} || excluded.{col}) v)"
)


def _joined(cur: Cursor, schema: str, main: str, joined: list[str]) -> None:
    """Complaints joined into a main case: the main case's act names their filers too.
    Told twice (complaints-joined on the main case, joined-into on each other one)."""
    for case_id in joined:
        _upsert(cur, schema, case_id, {"joined_into": main})
    _upsert(cur, schema, main, {"joined_cases": json_text(sorted(joined))}, merge=UNION)


def _upsert(cur: Cursor, schema: str, case_id: str, values: dict[str, Any], *, merge: str = SET) -> None:
    """Writes an event's own columns of the case's row, then recomputes the public text of
    the case and of the case it was joined into (whose act names its persons too)."""
    table = sql.Identifier(schema, NAME)
    columns = ["case_id", *values]
    updates = [sql.SQL(merge).format(col=sql.Identifier(c)) for c in values]
    cur.execute(
        sql.SQL("insert into {} as t ({}) values ({}) on conflict (case_id) do {}").format(
            table,
            sql.SQL(", ").join(map(sql.Identifier, columns)),
            sql.SQL(", ").join(sql.Placeholder() * len(columns)),
            sql.SQL("update set ") + sql.SQL(", ").join(updates) if updates else sql.SQL("nothing"),
        ),
        (case_id, *values.values()),
    )
    main = cur.execute(sql.SQL("select joined_into from {} where case_id = %s").format(table), (case_id,)).fetchone()
    _recompute(cur, schema, case_id)
    if main["joined_into"] is not None:
        _recompute(cur, schema, main["joined_into"])


def _recompute(cur: Cursor, schema: str, case_id: object) -> None:
    table = sql.Identifier(schema, NAME)
    row = cur.execute(
        sql.SQL("select act_text, published_at from {} where case_id = %s").format(table), (case_id,)
    ).fetchone()
    if row is None or row["act_text"] is None or row["published_at"] is None:
        return
    rules = rules_in_force(court_date(_instant(row["published_at"])))
    public_text = depersonalise(row["act_text"], persons_of(cur, schema, case_id), rules)
    cur.execute(
        sql.SQL("update {} set public_text = %s, rules_version = %s where case_id = %s").format(table),
        (public_text, rules.version, case_id),
    )


def _instant(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def persons_of(conn: Connection | Cursor, schema: str, case_id: object) -> list[Person]:
    """Everyone the case names (and the complaints joined into it): the registered filers
    with their roles, the notified parties and the defendants. Sorted: the same set of
    persons is the same input to the rules whatever order it was read in."""
    # By primary key only: a rebuild sets aside the indexes that serve reads.
    rows = conn.execute(
        sql.SQL(
            "select registered_persons, notified_parties, defendants from {table} where case_id = %(case)s "
            "or case_id = any(array(select jsonb_array_elements_text(joined_cases)::uuid from {table} "
            "where case_id = %(case)s))"
        ).format(table=sql.Identifier(schema, NAME)),
        {"case": case_id},
    ).fetchall()
    persons = set()
    for row in rows:
        persons |= {Person(p["name"], p["role"]) for p in row["registered_persons"] or ()}
        persons |= {Person(name) for name in (*row["notified_parties"], *row["defendants"])}
    return sorted(persons, key=lambda p: (p.name, p.role or ""))


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
