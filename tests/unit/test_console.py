"""The console's own small parts: its session cookie, its forms' shape, its labels."""

import time
from datetime import date, timedelta

from cryptography.fernet import Fernet

from api.schemas import IncomingItemCreate
from console import labels, session
from console.app import STEPS, _lists, _months, _open_now
from console.forms import Outcome, court_instant, nested, parse, refused

KEY = Fernet.generate_key().decode()


def test_a_session_opens_with_its_key_until_it_expires():
    sealed, made = session.seal(KEY, "sft_token")
    assert session.unseal(KEY, sealed) == made
    assert "sft_token" not in sealed  # sealed, not only signed: the token cannot be read from the cookie
    later = int(time.time() + session.LIFETIME.total_seconds() + 60)
    assert session.unseal(KEY, sealed, now=later) is None
    assert session.unseal(KEY, sealed, now=int(time.time() + timedelta(hours=7).total_seconds())) == made


def test_a_forged_or_foreign_cookie_opens_no_session():
    sealed, _ = session.seal(KEY, "sft_token")
    assert session.unseal(Fernet.generate_key().decode(), sealed) is None
    assert session.unseal(KEY, sealed[:-4] + "AAAA") is None
    assert session.unseal(KEY, "not a cookie") is None
    assert session.unseal(KEY, None) is None


def test_csrf_must_be_this_sessions():
    _, one = session.seal(KEY, "t")
    _, other = session.seal(KEY, "t")
    assert session.same_csrf(one, one.csrf)
    assert not session.same_csrf(one, other.csrf)
    assert not session.same_csrf(one, None)


def test_form_fields_become_the_apis_body_and_its_errors_name_them():
    body = nested({"filer.name": "A", "filer.procedural_role": "defender", "court": "", "kind": "case_file"})
    assert body == {"filer": {"name": "A", "procedural_role": "defender"}, "kind": "case_file"}  # blank: unsaid
    outcome = Outcome()
    assert parse(IncomingItemCreate, body, outcome) is None
    assert "lower_court_case_ref" in outcome.errors and "contested_act" in outcome.errors
    assert "filer.name" not in outcome.errors


def test_rows_of_a_form_are_a_list_in_their_order():
    body = nested({"outcomes.1.defendant": "B", "outcomes.0.defendant": "A", "outcomes.10.defendant": "K"})
    assert _lists(body) == {"outcomes": [{"defendant": "A"}, {"defendant": "B"}, {"defendant": "K"}]}


def test_a_list_of_plain_values_keeps_its_order():
    body = nested({"panel.2": "judge-3", "panel.0": "judge-1", "panel.1": "judge-2", "held_at": "x"})
    assert _lists(body) == {"panel": ["judge-1", "judge-2", "judge-3"], "held_at": "x"}


def test_a_case_step_is_offered_when_the_lifecycle_takes_it():
    assert _open_now(None, STEPS["acceptance"].command)  # not in proceedings yet: acceptance or return
    assert not _open_now("accepted", STEPS["acceptance"].command)
    assert _open_now("accepted", STEPS["case-file-requests"].command)
    assert _open_now("accepted", STEPS["case-file-receipts"].command)  # a file may come unrequested
    assert not _open_now("accepted", STEPS["ruling"].command)
    assert _open_now("heard", STEPS["ruling"].command)
    assert not _open_now(None, STEPS["ruling"].command)
    assert not any(_open_now("published", step.command) for step in STEPS.values())


def test_a_period_is_cut_into_its_calendar_months():
    assert _months(date(2025, 11, 15), date(2026, 2, 3)) == [
        (date(2025, 11, 15), date(2025, 11, 30)), (date(2025, 12, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 1, 31)), (date(2026, 2, 1), date(2026, 2, 3)),
    ]  # fmt: skip
    assert _months(date(2024, 2, 1), date(2024, 2, 29)) == [(date(2024, 2, 1), date(2024, 2, 29))]
    assert _months(date(2026, 3, 1), date(2026, 2, 1)) == []


def test_a_time_typed_in_court_time_is_an_instant_with_almatys_offset():
    assert court_instant("2026-03-02T10:30") == "2026-03-02T10:30:00+05:00"
    assert court_instant("not a time") == "not a time"  # left for the API's own validation to name


def test_every_label_is_in_russian_kazakh_and_english_and_falls_back():
    for key, entry in {**labels.LABELS, **labels.ROLE_NAMES}.items():
        assert set(entry) == set(labels.LANGUAGES), key
    t = labels.translator("kk")
    assert t("sign_in") == "Кіру"
    assert t("no_such_label") == "no_such_label"
    assert labels.language("de") == labels.DEFAULT


def test_a_rule_refusal_is_said_in_the_users_language_by_its_class_then_by_its_problem_type():
    from domain.international.errors import NoCompetentCourtError, StepNotAllowedNowError
    from domain.registry.errors import RegistryError

    def said(lang, exc):
        outcome = Outcome()
        assert refused(exc, outcome, labels.translator(lang))
        return outcome.errors

    step = StepNotAllowedNowError("forward", "registered")
    assert said("ru", step) == {"": ["Этот шаг сейчас невозможен: этап — «Зарегистрировано»."]}
    assert said("en", step) == {"": [str(step)]}  # English is the API's own detail
    # A field the rule names keeps its place; a class without words: its problem type's title, then the detail.
    assert said("kk", NoCompetentCourtError("Mars", "taking_evidence", "today"))["region"][0].startswith("Бұл өңірде")
    assert said("ru", RegistryError("the act date is after 2099-12-31")) == {
        "": ["Отклонено правилом: the act date is after 2099-12-31"]
    }


def test_every_value_the_read_side_shows_has_a_label_in_each_language():
    """What the pages pass through t(...) computed from a value (a kind, a stage, a step's name),
    from the domain's and the contract's own lists: a value without words would be shown raw."""
    import typing
    from enum import StrEnum

    from api.routes.distribution import WaitingCasePublic
    from contract.catalogue import all_public_types
    from domain import actor, procedure
    from domain.applications import application, reception
    from domain.archive import destruction
    from domain.archive import file as archive_file
    from domain.assignment import roster
    from domain.deadlines import deadline, terms
    from domain.inforequests import request as inforequest
    from domain.international import jurisdiction, lifecycle, project, request, signing
    from domain.personnel import staff
    from domain.proceedings import case
    from domain.proceedings import lifecycle as case_lifecycle
    from domain.registry import admissibility, filing, incoming_item

    plain: list[type[StrEnum]] = [
        filing.ItemKind, filing.FilingChannel, filing.ProceduralRole, filing.JudicialActKind, filing.OffenceCategory,
        filing.Confidentiality, incoming_item.ItemStatus, actor.Role, procedure.Procedure, roster.Post,
        roster.AbsenceKind, case.Outcome, case_lifecycle.Stage, request.RequestKind, request.Treaty,
        request.RequestedAction, jurisdiction.Matter, jurisdiction.Instance, lifecycle.Stage, signing.Capacity,
        application.ApplicantKind, application.Channel, application.Subject, application.Stage, reception.ChairPost,
        reception.SignUp, inforequest.RequesterKind, inforequest.Subject, inforequest.Channel, inforequest.Stage,
        reception.SignUp, staff.StaffCategory, staff.LeaveKind, staff.AbsenceKind,
        project.ProjectStatus, project.ProjectReportKind, archive_file.RecipientKind, archive_file.HoldGround,
        archive_file.FileStatus, archive_file.Disposal, destruction.ActStatus,
    ]  # fmt: skip
    keys = {str(v) for e in plain for v in e}
    keys |= {"scheduled", "postponed", "held"}  # a hearing's status (projections/hearings_calendar.py)
    keys |= {f"finding.{v}" for v in admissibility.Outcome}
    keys |= {f"deadline.{v}" for v in deadline.Status}
    keys |= {f"unit.{v}" for v in terms.Unit}
    keys |= {f"reception.{v}" for v in reception.ReceptionStatus}
    keys |= {f"exclusion.{r}" for r in ("inactive", "other_specialisation", "absent", "recused", "already_on_panel")}
    keys |= {f"waiting.{r}" for r in typing.get_args(WaitingCasePublic.model_fields["reason_code"].annotation)}
    # A foreign request's steps: every event of its own (the signing register's and the projects' are not).
    international = {p.name for p in all_public_types() if p.context == "international"}
    keys |= {f"step.{name}" for name in international if not name.startswith(("signing-", "project-"))}
    # A reception's steps (projections/receptions_register.py names them by their event).
    keys |= {f"step.{p.name}" for p in all_public_types() if p.name.startswith("reception-")}
    # Every event of the audit trail, by its public name.
    keys |= {f"event.{p.name}" for p in all_public_types()}
    words = {**labels.LABELS, **labels.ROLE_NAMES}
    missing = sorted(k for k in keys if set(words.get(k, {})) != set(labels.LANGUAGES))
    assert not missing, missing
