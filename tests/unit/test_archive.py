"""The archive's rules (seed 004 §15.14), on the aggregates alone: only a disposed case is
handed over; the retention term comes from the schedule edition in force and ends on
31 December; an issued file is returned after its issue; a file held, out on issue,
permanent or within its term is never destroyed; only the head approves an act, and an
act approved destroys each of its files as an event."""

import uuid
from datetime import UTC, date, datetime

import pytest

from domain.actor import Actor, Role
from domain.archive.destruction import DestructionAct
from domain.archive.errors import (
    ActFilesRequiredError,
    ApproverNotHeadError,
    FileUnderHoldError,
    NoRetentionTermError,
    NoScheduleInForceError,
    NotDisposedError,
    PermanentFileError,
    RetentionNotEndedError,
    ReturnBeforeIssueError,
    StepNotAllowedNowError,
    UnknownHoldError,
)
from domain.archive.file import ArchiveFile, CaseStanding, Disposal, HoldGround, Issue, RecipientKind, Volumes
from domain.archive.journal import ArchiveJournal
from domain.archive.retention import editions_from, retention_for

ARCHIVIST, HEAD = Actor("u-archivist", Role.ARCHIVIST), Actor("u-head", Role.HEAD)
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def standing(kind="cassation_complaint", disposal=Disposal.PUBLISHED, disposed_on=date(2020, 5, 4)) -> CaseStanding:
    return CaseStanding(str(uuid.uuid4()), "cassation-criminal", "CC-1/2020", kind, "public", str(disposal),
                        disposal, disposed_on if disposal else None)  # fmt: skip


def archived(s: CaseStanding | None = None) -> ArchiveFile:
    s = s or standing()
    retention = retention_for(s.category(), disposed_on=s.disposed_on or NOW.date(), handed_over_on=NOW.date())
    return ArchiveFile.hand_over(
        s, archive_number="cassation-criminal-A-1/2026", sequence=1, year=2026, volumes=Volumes("02-14", 1, 10),
        handed_over_by="secretary", handed_over_at=NOW, retention=retention, actor=ARCHIVIST,
    )  # fmt: skip


def issue(f: ArchiveFile) -> None:
    f.issue_to(Issue("i-1", RecipientKind.COURT, "Almaty City Court", "letter 5", NOW, NOW), reason="request",
               actor=ARCHIVIST)  # fmt: skip


def test_only_a_disposed_case_is_handed_over():
    with pytest.raises(NotDisposedError) as refused:
        archived(standing(disposal=None))
    assert refused.value.field == "case_id"


def test_the_term_comes_from_the_edition_in_force_and_ends_on_31_december():
    decided = retention_for("cassation_complaint", disposed_on=date(2020, 5, 4), handed_over_on=date(2026, 1, 5))
    assert (decided.edition, decided.years, decided.ends_on) == ("kz-archive-2025.1", 25, date(2045, 12, 31))
    returned = archived(standing(disposal=Disposal.RETURNED)).retention
    assert (returned.category, returned.ends_on) == ("returned", date(2025, 12, 31))
    extradition = retention_for("extradition_complaint", disposed_on=date(2020, 5, 4), handed_over_on=date(2026, 1, 5))
    assert extradition.permanent and extradition.ends_on is None and not extradition.due_for_review_in(2999)


def test_a_later_edition_applies_from_its_date_and_an_earlier_handover_keeps_the_old_term():
    schedule = editions_from([
        ("e1", date(2025, 7, 1), "first", (("returned", 5, "-"),)),
        ("e2", date(2027, 1, 1), "second", (("returned", 3, "-"),)),
    ])  # fmt: skip
    before = retention_for("returned", disposed_on=date(2026, 2, 1), handed_over_on=date(2026, 12, 31),
                           editions=schedule)  # fmt: skip
    after = retention_for("returned", disposed_on=date(2026, 2, 1), handed_over_on=date(2027, 1, 1),
                          editions=schedule)  # fmt: skip
    assert (before.edition, before.ends_on, after.edition, after.ends_on) == (
        "e1", date(2031, 12, 31), "e2", date(2029, 12, 31))  # fmt: skip
    with pytest.raises(NoScheduleInForceError):
        retention_for("returned", disposed_on=date(2020, 1, 1), handed_over_on=date(2025, 6, 30), editions=schedule)
    with pytest.raises(NoRetentionTermError):
        retention_for("unknown", disposed_on=date(2020, 1, 1), handed_over_on=date(2026, 1, 1), editions=schedule)


def test_archive_numbers_follow_each_other_per_court_and_year():
    journal = ArchiveJournal(court="cassation-criminal", year=2026, actor=ARCHIVIST)
    numbers = [journal.assign_number(file_id=str(n), actor=ARCHIVIST)[1] for n in range(3)]
    assert numbers == [f"cassation-criminal-A-{n}/2026" for n in (1, 2, 3)]
    assert ArchiveJournal.create_id("cassation-criminal", 2026) != ArchiveJournal.create_id("cassation-criminal", 2027)


def test_a_file_is_issued_once_at_a_time_and_returned_after_its_issue():
    f = archived()
    issue(f)
    with pytest.raises(StepNotAllowedNowError):
        issue(f)
    with pytest.raises(ReturnBeforeIssueError):
        f.take_back(returned_at=datetime(2026, 3, 1, tzinfo=UTC), reason="back", actor=ARCHIVIST)
    f.take_back(returned_at=NOW, reason="back", actor=ARCHIVIST)
    with pytest.raises(StepNotAllowedNowError):
        f.take_back(returned_at=NOW, reason="back", actor=ARCHIVIST)


def test_a_file_held_or_out_on_issue_is_not_destroyed():
    f = archived(standing(disposal=Disposal.RETURNED))  # kept until 31 December 2025
    f.check_destructible(date(2026, 1, 1))
    issue(f)
    with pytest.raises(FileUnderHoldError, match="issued to Almaty City Court"):
        f.check_destructible(date(2026, 3, 2))
    f.take_back(returned_at=NOW, reason="back", actor=ARCHIVIST)
    f.place_hold(hold_id="h", ground=HoldGround.CASE_REOPENED, reason="new circumstances", actor=ARCHIVIST)
    with pytest.raises(FileUnderHoldError, match="case_reopened"):
        f.check_destructible(date(2026, 3, 2))
    with pytest.raises(UnknownHoldError):
        f.lift_hold(hold_id="other", reason="-", actor=ARCHIVIST)
    f.lift_hold(hold_id="h", reason="the review was refused", actor=ARCHIVIST)
    f.check_destructible(date(2026, 3, 2))


def test_a_file_within_its_term_or_kept_permanently_is_not_destroyed():
    with pytest.raises(RetentionNotEndedError):
        archived(standing(disposal=Disposal.RETURNED)).check_destructible(date(2025, 12, 31))
    with pytest.raises(PermanentFileError):
        archived(standing(kind="judge_submission")).check_destructible(date(2999, 1, 1))


def test_only_the_head_approves_and_each_file_is_destroyed_as_an_event():
    files = [archived(standing(disposal=Disposal.RETURNED)) for _ in range(2)]
    with pytest.raises(ActFilesRequiredError):
        DestructionAct.draw_up(uuid.uuid4(), court="cassation-criminal", act_number="DA-1", files=[files[0]] * 2,
                               on=NOW.date(), reason="term ended", actor=ARCHIVIST)  # fmt: skip
    act = DestructionAct.draw_up(uuid.uuid4(), court="cassation-criminal", act_number="DA-1", files=files,
                                 on=NOW.date(), reason="term ended", actor=ARCHIVIST)  # fmt: skip
    for not_head in (ARCHIVIST, Actor("u-deputy", Role.DEPUTY_HEAD)):
        with pytest.raises(ApproverNotHeadError):
            act.approve(files, on=NOW.date(), reason="approved", actor=not_head)
    files[1].place_hold(hold_id="h", ground=HoldGround.PENDING_REQUEST, reason="request", actor=HEAD)
    with pytest.raises(FileUnderHoldError):
        act.approve(files, on=NOW.date(), reason="approved", actor=HEAD)
    assert all(f.status == "archived" for f in files)
    files[1].lift_hold(hold_id="h", reason="answered", actor=HEAD)
    act.approve(files, on=NOW.date(), reason="approved", actor=HEAD)
    assert [f.status for f in files] == ["destroyed", "destroyed"]
    assert all(type(f.collect_events()[-1]).__name__ == "Destroyed" for f in files)
    with pytest.raises(StepNotAllowedNowError):
        act.approve(files, on=NOW.date(), reason="again", actor=HEAD)
