"""Staff and service accounts: bearer tokens, stored only as SHA-256 hashes.

Tokens are 256-bit random secrets, so a fast hash is enough (no password
stretching is needed for secrets that cannot be guessed).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import uuid
from dataclasses import dataclass, replace

from cachetools import TTLCache
from psycopg import sql
from psycopg_pool import ConnectionPool

from domain.actor import Actor, Role
from projections.store import Keyset

TOKEN_PREFIX = "sft_"

# How long a token that authenticated stays trusted without asking the database again:
# a rotated or withdrawn token stops working within this time in every API process.
RECENT_SECONDS = 10.0


@dataclass(frozen=True)
class User:
    id: str
    name: str
    role: Role
    judge_court: str | None = None  # a judge's account: the judge on a court's roster it belongs to
    judge_id: str | None = None
    active: bool = True

    def as_actor(self, on_behalf_of: str | None = None) -> Actor:
        return Actor(self.id, self.role, on_behalf_of, judge_court=self.judge_court, judge_id=self.judge_id)


class DuplicateUserError(ValueError):
    pass


class JudgeLinkError(ValueError):
    pass


class UnknownUserError(LookupError):
    pass


COLUMNS = sql.SQL("id, name, role, judge_court, judge_id, active")


def _user(row) -> User:
    return User(row["id"], row["name"], Role(row["role"]), row["judge_court"], row["judge_id"], row["active"])


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class UserDirectory:
    """Accounts, and every change to one in `<schema>.user_changes`, written in the same
    transaction: who made it (`by`, the operator's login for the CLI), when and what."""

    def __init__(self, pool: ConnectionPool, schema: str) -> None:
        self._pool = pool
        self._table = sql.Identifier(schema, "users")
        self._changes = sql.Identifier(schema, "user_changes")
        self._recent: TTLCache[str, User] = TTLCache(maxsize=10_000, ttl=RECENT_SECONDS)
        self._recent_lock = threading.Lock()  # the API asks from its event loop and its thread pool

    def add(self, name: str, role: Role, judge: tuple[str, str] | None = None, *, by: str = "") -> tuple[User, str]:
        """Create a user; returns it with its token, which is shown only this once.
        `judge` is (court, judge id): the roster judge a judge's account belongs to."""
        _check_judge_link(Role(role), judge)
        court, judge_id = judge or (None, None)
        user = User(f"u-{uuid.uuid4().hex[:12]}", name, Role(role), court, judge_id)
        token = new_token()
        with self._pool.connection() as conn:
            exists = conn.execute(sql.SQL("select 1 from {} where name = %s").format(self._table), (name,)).fetchone()
            if exists:
                raise DuplicateUserError(f"a user named {name!r} already exists")
            conn.execute(
                sql.SQL(
                    "insert into {} (id, name, role, token_hash, judge_court, judge_id) values (%s, %s, %s, %s, %s, %s)"
                ).format(self._table),
                (user.id, user.name, str(user.role), hash_token(token), court, judge_id),
            )
            self._record(conn, user.id, "created", f"{user.role}{judge_note(user)}", by)
        return user, token

    def link_judge(self, name: str, judge: tuple[str, str], *, by: str = "") -> User:
        """Link a judge's account to the judge on a court's roster (a judge moved courts, or an
        account made before accounts were linked)."""
        with self._pool.connection() as conn:
            user = self._account(conn, name)
            _check_judge_link(user.role, judge)
            if (user.judge_court, user.judge_id) == judge:
                return user  # already linked so: nothing changes, nothing to record
            conn.execute(
                sql.SQL("update {} set judge_court = %s, judge_id = %s where id = %s").format(self._table),
                (*judge, user.id),
            )
            linked = replace(user, judge_court=judge[0], judge_id=judge[1])
            self._record(conn, user.id, "judge-linked", judge_note(linked).removeprefix(", "), by)
        self._forget_recent()  # accounts trusted lately would act under the old link
        return linked

    def rotate_token(self, name: str, *, by: str = "") -> str:
        """A new token for the account; the old one stops working."""
        token = new_token()
        with self._pool.connection() as conn:
            user = self._account(conn, name)
            conn.execute(
                sql.SQL("update {} set token_hash = %s where id = %s").format(self._table), (hash_token(token), user.id)
            )
            self._record(conn, user.id, "token-rotated", "", by)
        self._forget_recent()  # the old token is not known here, only its user
        return token

    def set_active(self, name: str, active: bool, *, by: str = "", reason: str = "") -> User:
        """Withdraw an account (`active` False: its token stops working) or give it back (True)."""
        with self._pool.connection() as conn:
            user = self._account(conn, name)
            conn.execute(sql.SQL("update {} set active = %s where id = %s").format(self._table), (active, user.id))
            self._record(conn, user.id, "activated" if active else "deactivated", reason, by)
        self._forget_recent()
        return replace(user, active=active)

    def history(
        self, name: str | None = None, *, after: int | None = None, limit: int | None = None, reverse: bool = False
    ) -> list[dict]:
        """Changes to the accounts (or to one), oldest first or (`reverse`) the latest first;
        a page of `limit` after the change numbered `after`, or all of them."""
        keys = Keyset("c.seq", descending=reverse)
        conditions = [sql.SQL("(%(name)s::text is null or u.name = %(name)s)")]
        if after is not None:
            conditions.append(keys.after("%(after)s"))
        select = sql.SQL(
            "select c.seq, c.at, u.id as user_id, u.name, u.role, c.change, c.detail, c.changed_by "
            "from {} c join {} u on u.id = c.user_id"
        ).format(self._changes, self._table)
        with self._pool.connection() as conn:
            return keys.page(conn, select, conditions, {"name": name, "after": after, "limit": limit})

    def authenticate(self, token: str) -> User | None:
        if not token.startswith(TOKEN_PREFIX):
            return None
        token_hash = hash_token(token)
        with self._pool.connection() as conn:
            row = conn.execute(
                sql.SQL("select {} from {} where token_hash = %s and active").format(COLUMNS, self._table),
                (token_hash,),
            ).fetchone()
        if row is None:
            return None
        user = _user(row)
        with self._recent_lock:
            self._recent[token_hash] = user
        return user

    def recently_authenticated(self, token: str) -> User | None:
        """The user this token authenticated within the last RECENT_SECONDS, without I/O; else None."""
        with self._recent_lock:
            return self._recent.get(hash_token(token))

    def list(self) -> list[User]:
        with self._pool.connection() as conn:
            rows = conn.execute(
                sql.SQL("select {} from {} order by created_at").format(COLUMNS, self._table)
            ).fetchall()
        return [_user(r) for r in rows]

    def _account(self, conn, name: str) -> User:
        row = conn.execute(
            sql.SQL("select {} from {} where name = %s for update").format(COLUMNS, self._table), (name,)
        ).fetchone()
        if row is None:
            raise UnknownUserError(f"no user named {name!r}")
        return _user(row)

    def _record(self, conn, user_id: str, change: str, detail: str, by: str) -> None:
        conn.execute(
            sql.SQL("insert into {} (user_id, change, detail, changed_by) values (%s, %s, %s, %s)").format(
                self._changes
            ),
            (user_id, change, detail, by),
        )

    def _forget_recent(self) -> None:
        with self._recent_lock:
            self._recent.clear()


def judge_note(user: User) -> str:
    return f", judge {user.judge_id} of {user.judge_court}" if user.judge_id else ""


def _check_judge_link(role: Role, judge: tuple[str, str] | None) -> None:
    if role == Role.JUDGE and judge is None:
        raise JudgeLinkError("a judge's account needs the court and judge id of its judge on the roster")
    if role != Role.JUDGE and judge is not None:
        raise JudgeLinkError(f"only a judge's account is linked to a judge, not a {role}'s")
