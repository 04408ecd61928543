"""One fixed example per domain event of the archive context."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from uuid import UUID

from domain.actor import Actor, Role
from domain.archive.destruction import DestructionAct
from domain.archive.file import ArchiveFile, CaseStanding, Disposal, HoldGround, Issue, RecipientKind, Volumes
from domain.archive.journal import ArchiveJournal
from domain.archive.retention import retention_for


def _archive_events() -> dict[type, object]:
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    archivist, head = Actor("u-archivist", Role.ARCHIVIST), Actor("u-head", Role.HEAD)
    case_id = "3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b"
    standing = CaseStanding(case_id, "cassation-criminal", "cassation-criminal-CC-12/2025", "cassation_complaint",
                            "public", "returned", Disposal.RETURNED, date(2019, 11, 4))  # fmt: skip
    journal = ArchiveJournal(court="cassation-criminal", year=2026, actor=archivist)
    sequence, number = journal.assign_number(file_id=case_id, actor=archivist)
    archived = ArchiveFile.hand_over(
        standing, archive_number=number, sequence=sequence, year=2026, volumes=Volumes("02-14", 2, 311),
        handed_over_by="Secretary of the panel, Omarova A.", handed_over_at=now,
        retention=retention_for("returned", disposed_on=date(2019, 11, 4), handed_over_on=now.date()),
        actor=archivist,
    )  # fmt: skip
    archived.place_hold(hold_id="h-1", ground=HoldGround.PENDING_REQUEST, reason="request of 1 March",
                        actor=archivist)  # fmt: skip
    archived.lift_hold(hold_id="h-1", reason="the request was answered", actor=archivist)
    archived.issue_to(
        Issue("i-1", RecipientKind.JUDGE, "Judge Seitkali N.", "memo of 2 March 2026", now,
              datetime(2026, 4, 2, 18, 59, 59, tzinfo=UTC)),
        reason="study of practice", actor=archivist,
    )  # fmt: skip
    archived.take_back(returned_at=now, reason="returned complete", actor=archivist)
    act = DestructionAct.draw_up(
        UUID("8e7d6c5b-4a39-4817-9f6e-5d4c3b2a1908"), court="cassation-criminal", act_number="DA-1/2026",
        files=[archived], on=now.date(), reason="retention term ended", actor=archivist,
    )  # fmt: skip
    act.approve([archived], on=now.date(), reason="approved by the head", actor=head)
    events = [*journal.collect_events(), *archived.collect_events(), *act.collect_events()]
    return {type(e): dataclasses.replace(e, timestamp=now) for e in events}


ARCHIVE_EXAMPLES = {cls: (lambda e=e: e) for cls, e in _archive_events().items()}
