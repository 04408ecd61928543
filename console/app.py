"""The console's pages. Each one calls the API's own route functions with the signed-in account:
the same role rules (the routes' own dependencies, awaited here), the same use cases, the same
read queries and confidentiality filters. What it adds is HTML, the session and the forms."""

from __future__ import annotations

import secrets
import typing
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.security import HTTPAuthorizationCredentials
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from api.consistency import WaitFor
from api.dependencies import STAFF_READERS, current_user
from api.routes import (
    archive,
    complaints,
    courts,
    distribution,
    international,
    proceedings,
    public_information,
    registers,
    views,
)
from api.schemas import IncomingItemCreate
from console import labels, session
from console.forms import Outcome, court_instant, nested, parse, refused
from domain.actor import Role
from domain.assignment.roster import AbsenceKind, Post
from domain.court_time import COURT_ZONE, court_date
from domain.international.signing import Capacity
from domain.proceedings.case import Outcome as RulingOutcome
from domain.proceedings.errors import CaseNotFoundError
from domain.proceedings.lifecycle import FINAL, TRANSITIONS
from domain.registry.errors import ItemNotFoundError
from domain.registry.filing import (
    Confidentiality,
    FilingChannel,
    ItemKind,
    JudicialActKind,
    OffenceCategory,
    ProceduralRole,
)
from sotflow.identity import User

HERE = Path(__file__).parent
PREFIX = "/console"
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(prefix=PREFIX, include_in_schema=False)

LANDING = {
    Role.REGISTRAR: "registrar",
    Role.JUDGE: "judge",
    Role.HEAD: "head",
    Role.DEPUTY_HEAD: "head",
    Role.AUDITOR: "auditor",
    Role.CONSULTANT: "consultant",
    Role.INTERNATIONAL_OFFICER: "international",
    Role.ARCHIVIST: "archive",
    Role.ANALYST: "inforequests",
    Role.PERSONNEL_OFFICER: "personnel",
}

CHOICES = {
    "kind": list(ItemKind),
    "channel": list(FilingChannel),
    "filer.procedural_role": list(ProceduralRole),
    "contested_act.kind": list(JudicialActKind),
    "offence.category": list(OffenceCategory),
    "confidentiality": list(Confidentiality),
    "outcome": list(RulingOutcome),
    "post": list(Post),
    "absence_kind": list(AbsenceKind),
}


class SignInRequired(Exception):
    """No session, an expired or forged one, or an account no longer active."""

    def __init__(self, ended: bool = True) -> None:
        super().__init__()
        self.ended = ended  # there was a session (the page then says it ended)


class CsrfRefused(Exception):
    """A POST without this session's form token: nothing is done."""


def install(app: FastAPI) -> None:
    """Mount the console (its pages and its vendored assets) on the API's app."""
    # They build on this module's helpers, so they are imported once it is.
    from console import (
        archive_pages,
        auditor_pages,
        consultant_pages,
        inforequest_pages,
        international_pages,
        personnel_pages,
        project_pages,
        register_pages,
    )

    app.include_router(router)
    # The projects' pages before the foreign requests' (their paths share /international).
    app.include_router(project_pages.router)
    app.include_router(international_pages.router)
    app.include_router(archive_pages.router)
    app.include_router(inforequest_pages.router)
    app.include_router(personnel_pages.router)
    app.include_router(consultant_pages.router)
    app.include_router(register_pages.router)
    app.include_router(auditor_pages.router)
    app.mount(f"{PREFIX}/static", StaticFiles(directory=HERE / "static"), name="console-static")

    @app.exception_handler(SignInRequired)
    async def to_sign_in(request: Request, exc: SignInRequired) -> Response:
        answer = RedirectResponse(f"{PREFIX}/sign-in" + ("?ended=1" if exc.ended else ""), status_code=303)
        answer.delete_cookie(session.COOKIE, path=PREFIX)
        return answer

    @app.exception_handler(CsrfRefused)
    async def refuse(request: Request, exc: CsrfRefused) -> Response:
        return render(request, "message.html", None, 403, message="bad_csrf")


# --- the signed-in account ----------------------------------------------------------------


class Staff(typing.NamedTuple):
    user: User
    session: session.Session
    system: Any


async def staff(request: Request) -> Staff:
    system = request.app.state.sotflow
    cookie = request.cookies.get(session.COOKIE)
    opened = session.unseal(system.settings.console_session_key, cookie)
    if opened is None:
        raise SignInRequired(ended=cookie is not None)
    try:
        # The API's own bearer check: a deactivated account or a withdrawn token is refused here too.
        user = await current_user(system, HTTPAuthorizationCredentials(scheme="Bearer", credentials=opened.token))
    except HTTPException as exc:
        raise SignInRequired() from exc
    if user.role not in STAFF_READERS:
        raise SignInRequired()
    return Staff(user, opened, system)


async def allowed(role_rule: Any, user: User) -> bool:
    """Whether the account passes a route's role rule (an `Annotated[User, Depends(require_role(...))]`)."""
    check = typing.get_args(role_rule)[1].dependency
    try:
        await check(user)
    except HTTPException:
        return False
    return True


async def staff_form(request: Request) -> tuple[Staff, dict[str, str]]:
    """The account and its form's fields; a POST without the session's CSRF token is refused."""
    who = await staff(request)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    if not session.same_csrf(who.session, form.pop("csrf", None)):
        raise CsrfRefused()
    return who, form


def call(fn, /, *args, **kwargs):
    """A route function of the API (or a read of the store), run in the thread pool as FastAPI
    runs a route: never on the event loop, where it would hold up every other page."""
    return run_in_threadpool(fn, *args, **kwargs)


# --- rendering ------------------------------------------------------------------------------


def court_time(value, with_time: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, str):  # an instant from a JSON column (a step's time)
        value = datetime.fromisoformat(value)
    if hasattr(value, "astimezone"):
        local = value.astimezone(COURT_ZONE)
        return local.strftime("%d.%m.%Y %H:%M" if with_time else "%d.%m.%Y")
    return value.strftime("%d.%m.%Y")


templates.env.filters["court_time"] = court_time


def render(request: Request, name: str, who: Staff | None, status_code: int = 200, **context: Any) -> HTMLResponse:
    lang = labels.language(request.cookies.get(labels.COOKIE))
    return templates.TemplateResponse(
        request,
        name,
        {
            "t": labels.translator(lang),
            "lang": lang,
            "languages": labels.LANGUAGES,
            "user": who.user if who else None,
            "csrf": who.session.csrf if who else "",
            "prefix": PREFIX,
            "choices": CHOICES,
            "landing": LANDING.get(who.user.role) if who else None,
            **context,
        },
        status_code=status_code,
        headers={"Cache-Control": "no-store"},
    )


def _t(request: Request):
    return labels.translator(labels.language(request.cookies.get(labels.COOKIE)))


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


# --- sign-in, sign-out, language ------------------------------------------------------------

PRE_COOKIE = "sotflow_console_pre"


@router.get("/sign-in", response_class=HTMLResponse)
async def sign_in_page(request: Request, ended: bool = False) -> Response:
    # Login CSRF: the sign-in form carries a value that must match a cookie of this browser.
    pre = secrets.token_urlsafe(24)
    answer = render(request, "sign_in.html", None, pre=pre, message="session_ended" if ended else None)
    answer.set_cookie(PRE_COOKIE, pre, httponly=True, samesite="strict", secure=_secure(request), path=PREFIX)
    return answer


@router.post("/sign-in")
async def sign_in(request: Request) -> Response:
    form = await request.form()
    system = request.app.state.sotflow
    offered, token = str(form.get("pre", "")), str(form.get("token", "")).strip()
    cookie = request.cookies.get(PRE_COOKIE, "")
    user = None
    if token and cookie and secrets.compare_digest(offered, cookie):
        try:
            user = await current_user(system, HTTPAuthorizationCredentials(scheme="Bearer", credentials=token))
        except HTTPException:
            user = None
    if user is None or user.role not in STAFF_READERS:
        pre = secrets.token_urlsafe(24)
        answer = render(request, "sign_in.html", None, 401, pre=pre, message="bad_token")
        answer.set_cookie(PRE_COOKIE, pre, httponly=True, samesite="strict", secure=_secure(request), path=PREFIX)
        return answer
    sealed, _ = session.seal(system.settings.console_session_key, token)
    answer = RedirectResponse(f"{PREFIX}/", status_code=303)
    answer.set_cookie(
        session.COOKIE, sealed, max_age=int(session.LIFETIME.total_seconds()), httponly=True, samesite="strict",
        secure=_secure(request), path=PREFIX,
    )  # fmt: skip
    answer.delete_cookie(PRE_COOKIE, path=PREFIX)
    return answer


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    await staff_form(request)
    answer = RedirectResponse(f"{PREFIX}/sign-in", status_code=303)
    answer.delete_cookie(session.COOKIE, path=PREFIX)
    return answer


@router.get("/language")
async def switch_language(request: Request, lang: str, back: str = f"{PREFIX}/") -> Response:
    target = back if back.startswith(f"{PREFIX}/") and "//" not in back else f"{PREFIX}/"
    answer = RedirectResponse(target, status_code=303)
    answer.set_cookie(
        labels.COOKIE, labels.language(lang), max_age=365 * 86400, samesite="strict", secure=_secure(request),
        path=PREFIX,
    )  # fmt: skip
    return answer


@router.get("/")
async def landing(request: Request) -> Response:
    who = await staff(request)
    page = LANDING.get(who.user.role)
    return RedirectResponse(f"{PREFIX}/{page}" if page else f"{PREFIX}/registers/incoming", status_code=303)


# --- registrar -----------------------------------------------------------------------------


async def _registrar_page(
    request: Request, who: Staff, *, values: dict[str, str] | None = None, outcome: Outcome | None = None,
    result: Any = None, wait: str | None = None, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    clock = who.system.clock
    page = await call(
        registers.list_incoming, user=who.user, system=who.system, response=Response(), limit=100, reverse=True,
        wait_for_=wait,
    )  # fmt: skip
    today = court_date(clock.now())
    items = [item for item in page.items if court_date(item.registered_at) == today]
    values = values or {"idempotency_key": str(uuid.uuid4())}
    return render(
        request, "registrar.html", who, status_code, items=items, values=values, outcome=outcome or Outcome(),
        result=result,
    )  # fmt: skip


@router.get("/registrar", response_class=HTMLResponse)
async def registrar_page(request: Request) -> Response:
    who = await staff(request)
    if not await allowed(complaints.Registrar, who.user):
        return _forbidden(request, who)
    return await _registrar_page(request, who)


@router.post("/incoming-items", response_class=HTMLResponse)
async def register_item(request: Request) -> Response:
    """The same registration as POST /incoming-items, the form's key as its Idempotency-Key:
    a double click or a refresh of this page registers once and shows the same answer."""
    who, form = await staff_form(request)
    if not await allowed(complaints.Registrar, who.user):
        return _forbidden(request, who)
    outcome = Outcome()
    key = form.get("idempotency_key") or str(uuid.uuid4())
    body = nested({k: v for k, v in form.items() if k != "idempotency_key"})
    if "received_at" in body:
        body["received_at"] = court_instant(body["received_at"])
    if "improves_position" in body:
        body["improves_position"] = body["improves_position"] == "true"
    item = parse(IncomingItemCreate, body, outcome, _t(request))
    if item is not None:
        try:
            registered, _, _ = await call(
                complaints.registration, body=item, user=who.user, system=who.system, idempotency_key=key
            )
        except Exception as exc:
            if not refused(exc, outcome, _t(request)):
                raise
        else:
            return await _registrar_page(request, who, result=registered, wait=registered.log_position.token)
    return await _registrar_page(request, who, values=form | {"idempotency_key": key}, outcome=outcome,
                                 status_code=422)  # fmt: skip


# --- registers -----------------------------------------------------------------------------


# The registers' pages (the incoming register among them): console/register_pages.py.


# --- judge ---------------------------------------------------------------------------------


@router.get("/judge", response_class=HTMLResponse)
async def judge_page(request: Request) -> Response:
    who = await staff(request)
    user = who.user
    if user.role != Role.JUDGE or not user.judge_id:
        return _forbidden(request, who)
    clock = who.system.clock
    cases = await call(
        registers.list_cases, user=user, system=who.system, clock=clock, response=Response(), limit=200,
        court=user.judge_court, judge=user.judge_id,
    )  # fmt: skip
    mine = {c.case_id for c in cases.items}
    hearings = await call(
        registers.hearings, user=user, system=who.system, clock=clock, response=Response(), days=7, limit=500,
        court=user.judge_court,
    )  # fmt: skip
    deadlines = await call(
        views.due_deadlines, user=user, system=who.system, clock=clock, response=Response(), due="week",
        judge=user.judge_id, limit=200,
    )  # fmt: skip
    return render(
        request, "judge.html", who, cases=cases.items, hearings=[h for h in hearings.items if h.case_id in mine],
        deadlines=deadlines.items,
    )  # fmt: skip


# --- the case and the judge's steps --------------------------------------------------------


class Step(typing.NamedTuple):
    route: Any  # the API's route function
    body: type  # its request body
    rule: Any  # its role rule
    versioned: bool  # whether it takes If-Match
    command: str | None  # its name in the lifecycle (domain/proceedings/lifecycle.py); None: opens the case


STEPS: dict[str, Step] = {
    # form name (the API's path under /cases/{id}): the route it calls
    "acceptance": Step(proceedings.accept, proceedings.DecisionCreate, proceedings.Decider, False, None),
    "return": Step(proceedings.return_item, proceedings.ReturnCreate, proceedings.Decider, False, None),
    "case-file-requests": Step(
        proceedings.request_case_file,
        proceedings.CaseFileRequestCreate,
        proceedings.Secretariat,
        True,
        "request_case_file",
    ),  # fmt: skip
    "case-file-receipts": Step(
        proceedings.receive_case_file,
        proceedings.CaseFileReceiptCreate,
        proceedings.Receiver,
        True,
        "receive_case_file",
    ),  # fmt: skip
    "notices": Step(
        proceedings.notify_parties, proceedings.NoticeCreate, proceedings.Secretariat, True, "notify_parties"
    ),
    "hearings": Step(
        proceedings.schedule_hearing, proceedings.HearingCreate, proceedings.Secretariat, True, "schedule_hearing"
    ),
    "held": Step(
        proceedings.hold_hearing, proceedings.HearingHeldCreate, proceedings.Secretariat, True, "hold_hearing"
    ),
    "postponement": Step(
        proceedings.postpone_hearing, proceedings.PostponementCreate, proceedings.Secretariat, True, "postpone_hearing"
    ),
    "withdrawal": Step(proceedings.withdraw, proceedings.WithdrawalCreate, proceedings.Secretariat, True, "withdraw"),
    "ruling": Step(proceedings.enter_ruling, proceedings.RulingCreate, proceedings.Judge, True, "enter_ruling"),
    "judicial-act": Step(
        proceedings.enter_judicial_act, proceedings.JudicialActCreate, proceedings.Judge, True, "enter_judicial_act"
    ),
    "publication": Step(
        proceedings.publish_act, proceedings.PublicationCreate, proceedings.Receiver, True, "publish_act"
    ),
}
# Form fields the API reads as booleans or as instants (typed in court time).
YES_NO = ("publishable", "redacted", "public")
INSTANTS = ("received_at", "scheduled_for", "held_at")


def _open_now(stage: str | None, command: str | None) -> bool:
    """Whether the case's lifecycle takes the step now (the domain's own table, not a rule of the console)."""
    if command is None:
        return stage is None
    return stage is not None and stage in TRANSITIONS[command][0]


async def _case_page(
    request: Request, who: Staff, case_id: uuid.UUID, *, wait: str | None = None, step: str | None = None,
    values: dict[str, str] | None = None, outcome: Outcome | None = None, done: bool = False, status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    reads = await call(
        _case_reads, who=who, case_id=case_id, wait=wait, with_trail=await allowed(views.Overseer, who.user)
    )
    if reads is None:
        return render(request, "message.html", who, 404, message="not_found")
    card, findings, state, trail, act = reads
    stage = state.stage if state else None
    # The forms shown: the account's role may take the step and the lifecycle takes it now; a refused
    # form stays shown (with what was typed and why it was refused) even if the case has moved on.
    steps = {
        name: await allowed(s.rule, who.user) and (_open_now(stage, s.command) or name == step)
        for name, s in STEPS.items()
    }
    keys = {name: str(uuid.uuid4()) for name in [*STEPS, "self-recusal"]}
    if step and values:
        keys[step] = values.get("idempotency_key", keys[step])
    current = next((h for h in reversed(state.hearings) if h.held_at is None), None) if state else None
    # A judge on the panel may recuse themself while the case is open (the roster checks the rest).
    panel = card.case.panel or []
    steps["self-recusal"] = (
        who.user.role == Role.JUDGE and who.user.judge_id in panel and (stage is None or stage not in FINAL)
    )
    # The hearing-held form starts with the panel the distribution assigned (a change needs a reason).
    prefill = {"held": {f"panel.{n}": judge for n, judge in enumerate(panel)}}
    return render(
        request, "case.html", who, status_code, card=card, state=state, steps=steps, keys=keys, step=step,
        trail=trail,
        values=values or {}, outcome=outcome or Outcome(), done=done, current_hearing=current, prefill=prefill,
        findings=findings, act=act,
        panel_size=max(len(panel), 1),
    )  # fmt: skip


# The card shows the case's latest events; the auditor's page pages through the whole trail.
CARD_TRAIL = 50


class CaseReads(typing.NamedTuple):
    card: Any
    findings: tuple
    state: Any  # the case in proceedings; None: not accepted or returned yet
    trail: Any  # its latest events in time order, for the roles the API's trail route serves; None: not this account's
    act: Any  # the act's text as entered, and what the public reads; None: no act, or not read yet


def _case_reads(who: Staff, case_id: uuid.UUID, wait: str | None, with_trail: bool) -> CaseReads | None:
    """What the case page shows, read by the API's routes one after another in one worker thread
    (one hop to the thread pool, not one per read). None: no such case for this account."""
    try:
        card = registers.case_card(
            case_id=case_id, user=who.user, system=who.system, clock=who.system.clock, response=Response(),
            wait_for_=wait,
        )  # fmt: skip
    except HTTPException:
        return None
    findings = _findings(who.system, case_id) if card.incoming else ()
    try:
        state = proceedings.get_proceedings(case_id=case_id, user=who.user, system=who.system, response=Response())
    except CaseNotFoundError:
        state = None
    trail = None
    if with_trail:
        # The latest events (newest first from the route), shown in time order.
        trail = views.trail(
            user=who.user, system=who.system, response=Response(), case=str(case_id), limit=CARD_TRAIL, reverse=True,
            wait_for_=wait,
        )  # fmt: skip
        trail = trail.model_copy(update={"items": trail.items[::-1]})
    act = None
    if card.case.act_entered_at is not None:
        try:
            act = public_information.staff_act(
                case_id=case_id, user=who.user, system=who.system, response=Response(), wait_for_=None
            )
        except HTTPException:
            act = None  # the public register has not read it yet
    return CaseReads(card, findings, state, trail, act)


def _findings(system: Any, case_id: uuid.UUID) -> tuple:
    """The admissibility findings, clause by clause, as the registry recorded them at registration
    (the registers keep only the answer; the card shown already passed the confidentiality check)."""
    try:
        return system.registry.get_item(case_id).admissibility.findings
    except ItemNotFoundError:
        return ()


@router.get("/cases/{case_id}", response_class=HTMLResponse)
async def case_page(request: Request, case_id: uuid.UUID, wait_for: WaitFor = None, done: bool = False):
    who = await staff(request)
    return await _case_page(request, who, case_id, wait=wait_for, done=done)


def _lists(body: dict[str, Any]) -> dict[str, Any]:
    """{"outcomes": {"0": {...}, "1": {...}}} -> {"outcomes": [{...}, {...}]}: rows of a form as a list."""
    for name, value in body.items():
        if isinstance(value, dict) and value and all(k.isdigit() for k in value):
            body[name] = [_lists(value[k]) if isinstance(value[k], dict) else value[k] for k in sorted(value, key=int)]
    return body


@router.post("/cases/{case_id}/{step}", response_class=HTMLResponse)
async def case_step(request: Request, case_id: uuid.UUID, step: str) -> Response:
    who, form = await staff_form(request)
    if step == "self-recusal":
        return await _self_recusal(request, case_id, who, form)
    if step not in STEPS:
        return render(request, "message.html", who, 404, message="not_found")
    route, model, rule, versioned, _ = STEPS[step]
    if not await allowed(rule, who.user):
        return _forbidden(request, who)
    outcome = Outcome()
    key = form.get("idempotency_key") or str(uuid.uuid4())
    fields = {k: v for k, v in form.items() if k not in ("idempotency_key", "version", "hearing")}
    body = _lists(nested(fields))
    for name in YES_NO:
        if name in body:
            body[name] = body[name] == "true"
    for name in INSTANTS:
        if name in body:
            body[name] = court_instant(body[name])
    parsed = parse(model, body, outcome, _t(request))
    if parsed is not None:
        extra = {"if_match": form.get("version") or None} if versioned else {}
        if step in ("held", "postponement"):
            extra["hearing_id"] = form.get("hearing", "")  # the hearing the form was shown for
        try:
            recorded = await call(
                route, case_id=case_id, body=parsed, user=who.user, system=who.system, response=Response(),
                idempotency_key=key, **extra,
            )  # fmt: skip
        except Exception as exc:
            if not refused(exc, outcome, _t(request)):
                raise
        else:
            return _case_after(case_id, recorded)
    if outcome.stale:
        form.pop("version", None)  # the page now shows the case as it is: a resubmission is based on that
    return await _case_page(
        request, who, case_id, step=step, values=form | {"idempotency_key": key}, outcome=outcome,
        status_code=409 if outcome.stale else 422,
    )  # fmt: skip


def _case_after(case_id: uuid.UUID, recorded) -> RedirectResponse:
    """Post/redirect/get: the case page waits until the read side shows the step."""
    query = urlencode({"wait_for": recorded.log_position.token, "done": "true"})
    return RedirectResponse(f"{PREFIX}/cases/{case_id}?{query}", status_code=303)


async def _self_recusal(request: Request, case_id: uuid.UUID, who: Staff, form: dict[str, str]) -> Response:
    """A judge's own self-recusal (УПК 87-90), the API's recusal route with the judge's own id;
    the roster refuses any other judge's (JudgeNotEntitledError) and redraws the seat."""
    if not await allowed(courts.Recuser, who.user) or not who.user.judge_id:
        return _forbidden(request, who)
    outcome = Outcome()
    body = {"judge_id": who.user.judge_id, "reason": form.get("reason", ""), "self_recusal": True}
    parsed = parse(courts.RecusalCreate, body, outcome, _t(request))
    if parsed is not None:
        try:
            recorded = await call(
                courts.recuse, court=form.get("court", ""), case_id=str(case_id), body=parsed, user=who.user,
                system=who.system,
            )  # fmt: skip
        except Exception as exc:
            if not refused(exc, outcome, _t(request)):
                raise
        else:
            return _case_after(case_id, recorded)
    return await _case_page(request, who, case_id, step="self-recusal", values=form, outcome=outcome, status_code=422)


# --- the other roles' landing pages (read-only this round) -------------------------------


class RosterForm(typing.NamedTuple):
    route: Any  # the API's route function (api/routes/courts.py)
    body: type
    rule: Any
    path: tuple[str, ...]  # fields of the form that are the route's path parameters
    courted: bool = True  # whether the route is a court's (takes `court`)


ROSTER: dict[str, RosterForm] = {
    "judges": RosterForm(courts.enrol_judge, courts.JudgeCreate, courts.RosterKeeper, ()),
    "absences": RosterForm(courts.record_absence, courts.AbsenceCreate, courts.RosterKeeper, ("judge_id",)),
    "recusals": RosterForm(courts.recuse, courts.RecusalCreate, courts.Recuser, ("case_id",)),
    "reassignments": RosterForm(courts.reassign, courts.ReassignmentCreate, courts.Head, ("case_id",)),
    "settings": RosterForm(courts.adopt_settings, courts.SettingsCreate, courts.Head, ()),
    # Who may sign international legal assistance documents (§13): the sign-off checks it.
    "signing-authorities": RosterForm(
        international.record_authority, international.AuthorityCreate, international.Head, (), courted=False
    ),
}


def _settings_prefill(system: Any, court: str) -> dict[str, str]:
    """The settings form starts from the settings last adopted, as the next version (the head changes
    what the new act changes); a court without settings starts blank."""
    adopted = system.assignment.roster(court).settings if system.assignment.has_roster(court) else []
    if not adopted:
        return {"version": "1"}
    last = adopted[-1]
    values = {
        "version": str(len(adopted) + 1), "source": last.source, "panel_member_share": str(last.panel_member_share),
        "min_pool_size": str(last.min_pool_size), "max_load_deviation": str(last.max_load_deviation),
        "reassign_after_absence_days": str(last.reassign_after_absence_days),
    }  # fmt: skip
    values |= {f"post_coefficients.{k}": str(v) for k, v in last.post_coefficients.items()}
    values |= {f"complexity.{k}": str(v) for k, v in last.complexity.items()}
    return values | {f"panel_sizes.{k}": str(v) for k, v in last.panel_sizes.items()}


def _head_reads(
    who: Staff, court: str, wait: str | None, acts: bool
) -> tuple[Any, Any, Any, dict[str, str], list[Any] | None]:
    """The head's page's reads, by the API's routes, in one worker thread (one hop, and the
    roster's settings read off the event loop); `acts`: the destruction acts awaiting approval too."""
    clock = who.system.clock
    waiting = distribution.list_waiting(user=who.user, system=who.system, court=court, limit=100)
    load = views.judges_workload(court=court, user=who.user, system=who.system, response=Response(), wait_for_=wait)
    overdue = views.due_deadlines(
        user=who.user, system=who.system, clock=clock, response=Response(), due="overdue", limit=500,
    )  # fmt: skip
    awaiting = None
    if acts:
        awaiting = archive.list_acts(
            user=who.user, system=who.system, response=Response(), wait_for_=wait, court=court, status_="drawn_up",
            after=None, limit=100, reverse=True,
        ).items  # fmt: skip
    return waiting, load, overdue, _settings_prefill(who.system, court), awaiting


class Signing(typing.NamedTuple):
    accounts: list[User]  # the active accounts (the page offers those the sign-off route admits)
    records: list[Any]  # the §13 register: who may sign, from when, until when, by which order


def _signing(system: Any) -> Signing:
    accounts = [u for u in system.users.list() if u.active]
    return Signing(accounts, list(system.international.signing_register().records))


async def _head_page(
    request: Request, who: Staff, court: str, *, wait: str | None = None, form: str | None = None,
    values: dict[str, str] | None = None, outcome: Outcome | None = None, done: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:  # fmt: skip
    acts = await allowed(archive.ActsReader, who.user)
    waiting, load, overdue, prefill, awaiting = await call(_head_reads, who=who, court=court, wait=wait, acts=acts)
    forms = {name: await allowed(f.rule, who.user) for name, f in ROSTER.items()}
    signing = None
    if forms["signing-authorities"]:
        read = await call(_signing, who.system)
        # The accounts offered: those the sign-off route's own role rule admits.
        signing = read._replace(accounts=[u for u in read.accounts if await allowed(international.Signer, u)])
    return render(
        request, "head.html", who, status_code, waiting=waiting.items, load=load, court=court,
        overdue=[d for d in overdue.items if d.court in (court, None)], forms=forms, form=form, values=values or {},
        outcome=outcome or Outcome(), done=done, prefill={"settings": prefill}, signing=signing,
        capacities=list(Capacity), acts=awaiting,
    )  # fmt: skip


@router.get("/head", response_class=HTMLResponse)
async def head_page(
    request: Request, court: Annotated[str | None, Query(max_length=64)] = None, wait_for: WaitFor = None,
    done: Annotated[str | None, Query(max_length=32)] = None,
) -> Response:  # fmt: skip
    who = await staff(request)
    if not await allowed(distribution.WaitingReader, who.user) or who.user.role == Role.AUDITOR:
        return _forbidden(request, who)
    return await _head_page(
        request, who, court or who.system.settings.default_court, wait=wait_for, done=done if done in ROSTER else None
    )


@router.post("/head/{name}", response_class=HTMLResponse)
async def roster_form(request: Request, name: str) -> Response:
    """The roster's commands, as the API's /courts/{court}/... routes take them."""
    who, form = await staff_form(request)
    if name not in ROSTER:
        return render(request, "message.html", who, 404, message="not_found")
    route, model, rule, path, courted = ROSTER[name]
    if not await allowed(rule, who.user) or not await allowed(distribution.WaitingReader, who.user):
        return _forbidden(request, who)
    court = form.get("court") or who.system.settings.default_court
    outcome = Outcome()
    t = _t(request)
    for field in path:
        if not form.get(field):
            outcome.add(field, t("error.missing"))
    fields = {k: v for k, v in form.items() if k not in (*path, "court")}
    body = _lists(nested(fields))
    if "self_recusal" in body:
        body["self_recusal"] = body["self_recusal"] == "true"
    for instant in ("valid_from", "valid_to"):  # typed in court time
        if instant in body:
            body[instant] = court_instant(body[instant])
    parsed = parse(model, body, outcome, t)
    if parsed is not None and not outcome.errors:
        try:
            where = {"court": court} if courted else {}
            recorded = await call(
                route, body=parsed, user=who.user, system=who.system, **where, **{f: form[f] for f in path}
            )
        except Exception as exc:
            if not refused(exc, outcome, _t(request)):
                raise
        else:
            # Post/redirect/get: a refresh sends nothing again; the page waits for the read side.
            position = getattr(recorded, "log_position", recorded)  # a roster's answer, or the position itself
            query = urlencode({"court": court, "wait_for": position.token, "done": name})
            return RedirectResponse(f"{PREFIX}/head?{query}", status_code=303)
    return await _head_page(request, who, court, form=name, values=form, outcome=outcome, status_code=422)


# --- statistics ------------------------------------------------------------------------------

Month = typing.NamedTuple("Month", [("first", date), ("last", date), ("figures", Any)])


def _months(start: date, end: date) -> list[tuple[date, date]]:
    """The calendar months from start's to end's, each cut to the period."""
    months, first = [], start.replace(day=1)
    while first <= end:
        following = (first + timedelta(days=32)).replace(day=1)
        months.append((max(first, start), min(following - timedelta(days=1), end)))
        first = following
    return months


async def _statistics_reader(request: Request) -> Staff | HTMLResponse:
    who = await staff(request)
    if who.user.role not in (Role.HEAD, Role.DEPUTY_HEAD):
        return _forbidden(request, who)
    return who


@router.get("/statistics", response_class=HTMLResponse)
async def statistics_page(
    request: Request, start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None, court: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:  # fmt: skip
    """The API's statistics (the CEPEJ figures) for the period and for each of its months, as bars."""
    who = await _statistics_reader(request)
    if isinstance(who, HTMLResponse):
        return who
    today = court_date(who.system.clock.now())
    end = end or today
    start = start or (end.replace(day=1) - timedelta(days=330)).replace(day=1)  # twelve months to date
    court = court or who.system.settings.default_court
    outcome = Outcome()
    try:
        whole = await call(
            views.statistics,
            user=who.user,
            system=who.system,
            clock=who.system.clock,
            start=start,
            end=end,
            court=court,
        )
        months = [
            Month(first, last, await call(
                views.statistics, user=who.user, system=who.system, clock=who.system.clock, start=first, end=last,
                court=court,
            ))
            for first, last in _months(start, end)[-36:]  # at most three years of bars
        ]  # fmt: skip
    except Exception as exc:  # a period the API refuses: its own words
        if not refused(exc, outcome, _t(request)):
            raise
        whole, months = None, []
    query = urlencode({"from": start.isoformat(), "to": end.isoformat(), "court": court})
    return render(
        request, "statistics.html", who, 422 if outcome.errors else 200, whole=whole, months=months, start=start,
        end=end, court=court, query=query, outcome=outcome,
        top=max([max(m.figures.incoming, m.figures.resolved) for m in months] + [1]),
    )  # fmt: skip


@router.get("/statistics/export")
async def statistics_export(
    request: Request, start: Annotated[date, Query(alias="from")], end: Annotated[date, Query(alias="to")],
    format_: Annotated[typing.Literal["csv", "xlsx"], Query(alias="format")],
    court: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:  # fmt: skip
    """The API's own CSV/.xlsx export, for the session's account (a link cannot carry a bearer token)."""
    who = await _statistics_reader(request)
    if isinstance(who, HTMLResponse):
        return who
    return await call(
        views.statistics,
        user=who.user,
        system=who.system,
        clock=who.system.clock,
        start=start,
        end=end,
        court=court,
        format_=format_,
    )


def _forbidden(request: Request, who: Staff) -> HTMLResponse:
    return render(request, "message.html", who, 403, message="not_allowed")
