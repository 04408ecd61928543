"""Staff and service accounts: bearer tokens, stored only as SHA-256 hashes.

Tokens are 256-bit random secrets, so a fast hash is enough (no password
stretching is needed for secrets that cannot be guessed).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import uuid
from dataclasses import dataclass

from cachetools import TTLCache
from psycopg import sql
from psycopg_pool import ConnectionPool

from domain.actor import Actor, Role

TOKEN_PREFIX = "sft_"

# How long a token that authenticated stays trusted without asking the database again:
# a rotated or withdrawn token stops working within this time in every API process.
RECENT_SECONDS = 10.0


@dataclass(frozen=True)
class User:
    id: str
    name: str
    role: Role

    def as_actor(self, on_behalf_of: str | None = None) -> Actor:
        return Actor(user_id=self.id, role=self.role, on_behalf_of=on_behalf_of)


class DuplicateUserError(ValueError):
    pass


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class UserDirectory:
    def __init__(self, pool: ConnectionPool, schema: str) -> None:
        self._pool = pool
        self._table = sql.Identifier(schema, "users")
        self._recent: TTLCache[str, User] = TTLCache(maxsize=10_000, ttl=RECENT_SECONDS)
        self._recent_lock = threading.Lock()  # the API asks from its event loop and its thread pool

    def add(self, name: str, role: Role) -> tuple[User, str]:
        """Create a user; returns it with its token, which is shown only this once."""
        user = User(id=f"u-{uuid.uuid4().hex[:12]}", name=name, role=Role(role))
        token = new_token()
        with self._pool.connection() as conn:
            exists = conn.execute(sql.SQL("select 1 from {} where name = %s").format(self._table), (name,)).fetchone()
            if exists:
                raise DuplicateUserError(f"a user named {name!r} already exists")
            conn.execute(
                sql.SQL("insert into {} (id, name, role, token_hash) values (%s, %s, %s, %s)").format(self._table),
                (user.id, user.name, str(user.role), hash_token(token)),
            )
        return user, token

    def rotate_token(self, name: str) -> str:
        token = new_token()
        with self._pool.connection() as conn:
            updated = conn.execute(
                sql.SQL("update {} set token_hash = %s where name = %s").format(self._table),
                (hash_token(token), name),
            ).rowcount
        if not updated:
            raise LookupError(f"no user named {name!r}")
        with self._recent_lock:
            self._recent.clear()  # the old token is not known here, only its user
        return token

    def authenticate(self, token: str) -> User | None:
        if not token.startswith(TOKEN_PREFIX):
            return None
        token_hash = hash_token(token)
        with self._pool.connection() as conn:
            row = conn.execute(
                sql.SQL("select id, name, role from {} where token_hash = %s and active").format(self._table),
                (token_hash,),
            ).fetchone()
        if row is None:
            return None
        user = User(id=row["id"], name=row["name"], role=Role(row["role"]))
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
                sql.SQL("select id, name, role from {} order by created_at").format(self._table)
            ).fetchall()
        return [User(id=r["id"], name=r["name"], role=Role(r["role"])) for r in rows]
