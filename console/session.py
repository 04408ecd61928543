"""The console's session: the account's own token, sealed in an HttpOnly cookie.

The cookie is a Fernet token (`cryptography`: AES encryption with an HMAC, stamped with its
time), so the bearer token inside can be neither read nor forged, and it expires after
LIFETIME. Each request opens it and checks the account as the API's bearer check does
(api.dependencies.current_user), so a deactivated account or a rotated token loses its
session within the identity cache's few seconds. The per-session CSRF token lives in the
same sealed cookie; every form carries it and every POST is refused without it."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import timedelta

from cryptography.fernet import Fernet, InvalidToken

COOKIE = "sotflow_console"
LIFETIME = timedelta(hours=8)

# Without a configured key (SOTFLOW_CONSOLE_SESSION_KEY) each process makes its own:
# sessions then end when the process restarts, which a single-process demo can live with.
_PROCESS_KEY = Fernet.generate_key().decode()


@dataclass(frozen=True)
class Session:
    token: str
    csrf: str


def _fernet(key: str) -> Fernet:
    return Fernet((key or _PROCESS_KEY).encode())


def seal(key: str, token: str) -> tuple[str, Session]:
    session = Session(token=token, csrf=secrets.token_urlsafe(32))
    sealed = _fernet(key).encrypt(json.dumps({"t": session.token, "c": session.csrf}).encode())
    return sealed.decode(), session


def unseal(key: str, cookie: str | None, now: int | None = None) -> Session | None:
    """The session in the cookie, or None when there is none, it was tampered with or it expired
    (`now`, seconds since the epoch, for a test's "later")."""
    if not cookie:
        return None
    ttl = int(LIFETIME.total_seconds())
    try:
        fernet, sealed = _fernet(key), cookie.encode()
        opened = fernet.decrypt(sealed, ttl=ttl) if now is None else fernet.decrypt_at_time(sealed, ttl, now)
        data = json.loads(opened)
    except (InvalidToken, ValueError):
        return None
    return Session(token=data["t"], csrf=data["c"])


def same_csrf(session: Session, offered: str | None) -> bool:
    return bool(offered) and secrets.compare_digest(session.csrf, offered)
