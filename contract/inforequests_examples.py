"""One fixed example per domain event of the information-requests context."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from uuid import UUID

from domain.actor import Actor, Role
from domain.inforequests.request import Channel, InformationRequest, Requester, RequesterKind, Subject
from domain.international.signing import SECRETARIAT_LINE, Capacity, SigningAuthority


def _inforequests_events() -> dict[type, object]:
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    registrar, head = Actor("u-registrar", Role.REGISTRAR), Actor("u-head", Role.HEAD)
    analyst = Actor("u-analyst", Role.ANALYST)
    request = InformationRequest.register(
        UUID("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"),
        requester=Requester("Presidential Administration", RequesterKind.PRESIDENTIAL_ADMINISTRATION,
                            "No. 12-34/567 of 27 Feb 2026"),
        subject=Subject.STATISTICS, channel=Channel.ESEDO,
        summary="Cassation statistics on crimes of minor gravity for 2025", received_at=now, registered_at=now,
        due_at=datetime(2026, 3, 23, 18, 59, 59, tzinfo=UTC), actor=registrar,
    )  # fmt: skip
    request.assign(assignee="u-analyst", assignee_name="Analyst Zhaksylykova D.", reason="statistics",
                   actor=head)  # fmt: skip
    request.extend_term(until=date(2026, 4, 10), limit=date(2026, 5, 2), reason="the figures for Q1 are awaited",
                        actor=head)  # fmt: skip
    request.draft_answer(document_ref="dms://answers/2026/77", actor=analyst)
    authority = SigningAuthority("u-head", Capacity.SECRETARIAT_HEAD, datetime(2026, 1, 1, tzinfo=UTC), None,
                                 "order No. 5 of 3 Jan 2026", SECRETARIAT_LINE)  # fmt: skip
    request.sign_off(authority=authority, signed_at=now, actor=head)
    request.send_answer(sent_at=now, channel=Channel.ESEDO, actor=registrar)
    return {type(e): dataclasses.replace(e, timestamp=now) for e in request.collect_events()}


INFOREQUESTS_EXAMPLES = {cls: (lambda e=e: e) for cls, e in _inforequests_events().items()}
