"""Demo data: a registrar, an auditor and a head; a court roster with settings; a
handful of registered items of several kinds (the distributor then distributes them)."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path

from contexts.assignment import UnknownCourtError
from domain.actor import Actor, Role
from domain.assignment.roster import DistributionSettings, JudgeProfile, Post
from domain.court_time import COURT_ZONE, court_date, day_start
from domain.international.errors import SignerNotAuthorisedError
from domain.international.signing import Capacity
from domain.registry.filing import (
    Confidentiality,
    ContestedAct,
    Filer,
    FilingChannel,
    ItemKind,
    ItemParticulars,
    JudicialActKind,
    ProceduralRole,
)
from sotflow.bootstrap import Sotflow
from sotflow.identity import DuplicateUserError
from sotflow.settings import Settings

DEMO_USERS = (
    ("Demo Registrar", Role.REGISTRAR),
    ("Demo Judge", Role.JUDGE),
    ("Demo Auditor", Role.AUDITOR),
    ("Demo Head", Role.HEAD),
    ("Demo Deputy Head", Role.DEPUTY_HEAD),
    ("Demo International Officer", Role.INTERNATIONAL_OFFICER),
    ("Demo Consultant", Role.CONSULTANT),
    ("Demo Archivist", Role.ARCHIVIST),
    ("Demo Personnel Officer", Role.PERSONNEL_OFFICER),
    ("Demo Analyst", Role.ANALYST),
)
# The deputy head who supervises international legal assistance signs its documents (§13).
DEMO_SIGNER = "Demo Deputy Head"

DEMO_COMPLAINTS = (
    ("Abenov A.", ProceduralRole.CONVICT, "1-2231/2024", "Almaty City Court", JudicialActKind.VERDICT),
    ("Sadykova G., advocate", ProceduralRole.DEFENDER, "1-118/2025", "Astana City Court", JudicialActKind.VERDICT),
    (
        "Prosecutor of Karaganda Region",
        ProceduralRole.PROSECUTOR,
        "1-77/2025",
        "Karaganda Regional Court",
        JudicialActKind.RULING,
    ),
    ("Nurlanov B.", ProceduralRole.VICTIM, "1-904/2024", "Shymkent City Court", JudicialActKind.VERDICT),
    (
        "Zhakupova A., advocate",
        ProceduralRole.DEFENDER,
        "1-356/2025",
        "Aktobe Regional Court",
        JudicialActKind.RESOLUTION,
    ),
)


DEMO_SUPREME_COURT_JUDGES = (
    ("sc-judge-01", "Omarova Saule", Post.COLLEGIUM_CHAIR),
    ("sc-judge-02", "Tulegenov Timur", Post.JUDGE),
    ("sc-judge-03", "Utepova Ulzhan", Post.JUDGE),
    ("sc-judge-04", "Zhakenov Yerlan", Post.JUDGE),
    ("sc-judge-05", "Sarsenova Aliya", Post.JUDGE),
)

DEMO_JUDGES = (
    ("judge-01", "Akhmetova Aigul", Post.COLLEGIUM_CHAIR),
    ("judge-02", "Baimukhanov Bauyrzhan", Post.JUDGE),
    ("judge-03", "Dzhaksybekov Daniyar", Post.JUDGE),
    ("judge-04", "Ermekova Elmira", Post.JUDGE),
    ("judge-05", "Zhunusov Zhanibek", Post.JUDGE),
    ("judge-06", "Iskakova Indira", Post.JUDGE),
    ("judge-07", "Kassymov Kairat", Post.JUDGE),
    ("judge-08", "Mukanova Madina", Post.DEPUTY_CHAIR),
    ("judge-09", "Nurpeisov Nurlan", Post.JUDGE),
)


def demo_settings(today: date) -> DistributionSettings:
    return DistributionSettings(
        version=1,
        effective_from=today,
        source="Demo settings (illustrative figures, not the plenary's)",
        post_coefficients={"judge": 1.0, "collegium_chair": 0.5, "deputy_chair": 0.75, "court_chair": 0.25},
        complexity={"cassation": 1.0, "extradition": 1.5},
        panel_member_share=0.5,
        panel_sizes={"cassation": 3, "extradition": 1},
        min_pool_size=5,
    )


def load_demo_roster(system: Sotflow, head: Actor, court: str, judges=DEMO_JUDGES) -> None:
    try:
        system.assignment.roster(court)
        return  # already there
    except UnknownCourtError:
        pass
    for judge_id, name, post in judges:
        profile = JudgeProfile(judge_id, name, "criminal", ("criminal",), post)
        system.assignment.enrol_judge(court, profile, actor=head)
    now = system.clock.now()
    system.assignment.adopt_settings(court, demo_settings(court_date(now)), actor=head, now=now)


def demo_tokens_path(settings: Settings) -> Path:
    return Path(settings.demo_tokens_file)


def _kept_tokens(settings: Settings) -> dict[str, str]:
    """The demo tokens kept for this deployment (its schema), if any."""
    try:
        kept = json.loads(demo_tokens_path(settings).read_text())
    except (OSError, ValueError):
        return {}
    tokens = kept.get(settings.db_schema) if isinstance(kept, dict) else None
    return tokens if isinstance(tokens, dict) else {}


def _keep_tokens(settings: Settings, tokens: dict[str, str]) -> None:
    """Written readable by the owner only (they are bearer tokens), then moved into place."""
    path = demo_tokens_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        kept = json.loads(path.read_text())
    except (OSError, ValueError):
        kept = {}
    kept = (kept if isinstance(kept, dict) else {}) | {settings.db_schema: tokens}
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(kept, out, indent=2, ensure_ascii=False)
    os.chmod(partial, 0o600)
    os.replace(partial, path)


def load_demo(system: Sotflow) -> dict[str, str]:
    """Creates the demo users and two courts' rosters; registers demo items once. The users'
    tokens are kept in `demo_tokens_file` and reused on the next run (a client holding one
    keeps working across restarts); a token that no longer authenticates is replaced."""
    tokens: dict[str, str] = {}
    users: dict[str, object] = {}
    kept = _kept_tokens(system.settings)
    # The demo judge is the collegium chair of the default court's demo roster.
    demo_judge = (system.settings.default_court, DEMO_JUDGES[0][0])
    for name, role in DEMO_USERS:
        judge = demo_judge if role == Role.JUDGE else None
        try:
            user, token = system.users.add(name, role, judge, by="sotflow demo")
        except DuplicateUserError:
            token = kept.get(name)
            holder = system.users.authenticate(token) if token else None
            if holder is None or holder.name != name:
                token = system.users.rotate_token(name, by="sotflow demo")
            user = (
                system.users.link_judge(name, judge, by="sotflow demo")
                if judge
                else next(u for u in system.users.list() if u.name == name)
            )
        tokens[name] = token
        users[name] = user
    _keep_tokens(system.settings, tokens)
    head = users["Demo Head"].as_actor()
    load_demo_signing_authority(system, users[DEMO_SIGNER].id, head)
    load_demo_roster(system, head, system.settings.default_court)
    load_demo_roster(system, head, system.settings.supreme_court, DEMO_SUPREME_COURT_JUDGES)
    if system.registry.recorder.max_notification_id() is None:
        registrar = users["Demo Registrar"].as_actor()
        now = system.clock.now()
        for i, (filer, role, case_ref, court, kind) in enumerate(DEMO_COMPLAINTS):
            item_kind = (
                ItemKind.PROSECUTOR_PROTEST if role == ProceduralRole.PROSECUTOR else ItemKind.CASSATION_COMPLAINT
            )
            received = (
                (now - timedelta(days=5 - i))
                .astimezone(COURT_ZONE)
                .replace(hour=10, minute=10 * i, second=0, microsecond=0)
            )
            particulars = ItemParticulars(
                kind=item_kind,
                court=system.settings.default_court,
                specialisation=system.settings.default_specialisation,
                improves_position=True,
                received_at=received,
                channel=FilingChannel.E_FILING if i % 2 else FilingChannel.PAPER,
                filer=Filer(name=filer, procedural_role=role),
                lower_court_case_ref=case_ref,
                contested_act=ContestedAct(court=court, kind=kind, act_date=date(2025, 3, 1) + timedelta(days=20 * i)),
            )
            system.registry.register_item(
                particulars, number_format=system.settings.registration_number_format, actor=registrar, now=now
            )
        for particulars in demo_other_items(system, now):
            system.registry.register_item(
                particulars, number_format=system.settings.registration_number_format, actor=registrar, now=now
            )
    return tokens


def load_demo_signing_authority(system: Sotflow, user_id: str, head: Actor) -> None:
    """The demo deputy head may sign (§13) from today on, so a sign-off works at once."""
    now = system.clock.now()
    try:
        system.international.authority_at(user_id, now)
    except SignerNotAuthorisedError:
        system.international.record_signing_authority(
            user_id=user_id, capacity=Capacity.SUPERVISING_DEPUTY_HEAD, valid_from=day_start(court_date(now)),
            valid_to=None, basis="Demo: the head's order assigning international legal assistance", actor=head,
        )  # fmt: skip


def demo_other_items(system: Sotflow, now: datetime) -> list[ItemParticulars]:
    """An extradition complaint (Supreme Court, one judge, confidential) and a worsening
    complaint filed too late, which the rules return (УПК 487)."""
    today = court_date(now)
    extradition = ItemParticulars(
        kind=ItemKind.EXTRADITION_COMPLAINT,
        court=system.settings.supreme_court,
        specialisation=system.settings.default_specialisation,
        received_at=now - timedelta(hours=3),
        channel=FilingChannel.PAPER,
        filer=Filer(name="Person K. (through the detention facility)", procedural_role=ProceduralRole.DEFENDER),
        lower_court_case_ref="PG-EXT-114/2025",
        contested_act=ContestedAct(
            court="Prosecutor General's Office",
            kind=JudicialActKind.EXTRADITION_DECISION,
            act_date=today - timedelta(days=6),
            copy_received_on=today - timedelta(days=4),
        ),
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    late = ItemParticulars(
        kind=ItemKind.CASSATION_COMPLAINT,
        court=system.settings.default_court,
        specialisation=system.settings.default_specialisation,
        received_at=now - timedelta(hours=2),
        channel=FilingChannel.E_FILING,
        filer=Filer(name="Victim's representative Omarov O.", procedural_role=ProceduralRole.VICTIM_REPRESENTATIVE),
        lower_court_case_ref="1-12/2023",
        contested_act=ContestedAct(
            court="Pavlodar Regional Court",
            kind=JudicialActKind.VERDICT,
            act_date=date(2023, 5, 2),
            entered_into_force=date(2023, 6, 5),
        ),
        improves_position=False,
    )
    return [extradition, late]
