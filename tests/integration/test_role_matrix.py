"""The role matrix: every endpoint of the OpenAPI document, tried by every role and by
no one. The table below is the policy, written out by hand: a role not listed gets
403, a listed one gets past the door (its answer may still be 404 or 422 on the
dummy ids and empty bodies used here), no token gets 401, and a public endpoint
answers anyone. Auditors read everything and change nothing: no POST lets them in.
A new endpoint fails this test until it is added to the table."""

import uuid
from datetime import UTC, datetime

from api.main import create_app
from domain.actor import Role
from tests.support import TEST_COURT, judge_token, post

R, J, C, I, H, D, A, S = (  # noqa: E741 - one letter per role keeps the table readable
    Role.REGISTRAR, Role.JUDGE, Role.CONSULTANT, Role.INTERNATIONAL_OFFICER, Role.HEAD, Role.DEPUTY_HEAD,
    Role.AUDITOR, Role.INTEGRATION_SERVICE,
)  # fmt: skip
V, N, P = Role.ARCHIVIST, Role.ANALYST, Role.PERSONNEL_OFFICER
STAFF = {R, J, C, I, H, D, A, V, N, P}
PUBLIC = None

POLICY: dict[tuple[str, str], set[Role] | None] = {
    ("GET", "/health"): PUBLIC,
    ("GET", "/me"): set(Role),
    ("GET", "/accounts"): {A, H},
    ("GET", "/accounts/history"): {A, H},
    ("GET", "/ready"): PUBLIC,
    ("GET", "/parked-records"): {A, H, D},
    ("GET", "/public/hearings"): PUBLIC,
    ("GET", "/public/cases"): PUBLIC,
    ("GET", "/public/acts"): PUBLIC,
    ("GET", "/public/acts/{case_id}"): PUBLIC,
    ("GET", "/public/feed.json"): PUBLIC,
    ("GET", "/schemas/events"): PUBLIC,
    ("GET", "/schemas/events/{filename}"): PUBLIC,
    ("POST", "/incoming-items"): {R, S},
    ("POST", "/complaints"): {R, S},
    ("POST", "/incoming-items/{item_id}/filing-term-check"): {R, J},
    ("POST", "/cases/{case_id}/acceptance"): {J, H, D},
    ("POST", "/cases/{case_id}/return"): {J, H, D},
    ("POST", "/cases/{case_id}/joinder"): {J, H, D},
    ("POST", "/cases/{case_id}/case-file-requests"): {R, J},
    ("POST", "/cases/{case_id}/case-file-receipts"): {R, S},
    ("POST", "/cases/{case_id}/notices"): {R, J},
    ("POST", "/cases/{case_id}/hearings"): {R, J},
    ("POST", "/cases/{case_id}/hearings/{hearing_id}/postponement"): {R, J},
    ("POST", "/cases/{case_id}/hearings/{hearing_id}/held"): {R, J},
    ("POST", "/cases/{case_id}/withdrawal"): {R, J},
    ("POST", "/cases/{case_id}/suspension"): {H, S},
    ("POST", "/cases/{case_id}/ruling"): {J},
    ("POST", "/cases/{case_id}/judicial-act"): {J},
    ("POST", "/cases/{case_id}/publication"): {R, S},
    ("GET", "/cases/{case_id}/proceedings"): STAFF,
    ("GET", "/registers/incoming"): STAFF,
    ("GET", "/registers/incoming/{item_id}"): STAFF,
    ("GET", "/registers/cases"): STAFF,
    ("GET", "/registers/cases/{case_id}"): STAFF,
    ("GET", "/registers/hearings"): STAFF,
    ("GET", "/registers/rulings"): STAFF,
    ("GET", "/registers/deadlines"): STAFF,
    ("GET", "/registers/workload"): STAFF,
    ("GET", "/registers/audit-trail"): {A, H, D},
    ("GET", "/registers/statistics"): STAFF,
    ("GET", "/registers/legal-statistics"): STAFF,
    ("GET", "/registers/search"): STAFF,
    ("GET", "/registers/acts/{case_id}"): STAFF,
    ("POST", "/courts/{court}/judges"): {H, D},
    ("POST", "/courts/{court}/judges/{judge_id}/absences"): {H, D},
    ("POST", "/courts/{court}/distribution-settings"): {H},
    ("POST", "/courts/{court}/cases/{case_id}/recusals"): {J, H, D},
    ("POST", "/courts/{court}/cases/{case_id}/reassignments"): {H},
    ("GET", "/courts/{court}/cases/{case_id}/panel"): STAFF,
    ("GET", "/distribution/waiting"): {H, D, A},
    ("GET", "/audit/{context}/checkpoints"): {A, S},
    ("GET", "/audit/{context}/receipts/{event_id}"): {A, S},
    ("GET", "/audit/{context}/consistency"): {A, S},
    ("GET", "/calendar/orders"): STAFF | {S},
    ("POST", "/calendar/orders"): {H, D},
    ("GET", "/calendar/working-days"): STAFF | {S},
    ("GET", "/deadline-rules"): STAFF | {S},
    ("GET", "/deadlines"): STAFF | {S},
    ("GET", "/deadlines/{deadline_id}"): STAFF | {S},
    ("POST", "/deadlines"): {R, C, J, H, D, I, S},
    ("POST", "/deadlines/{deadline_id}/extensions"): {R, J, C, I, H, D, S},
    ("POST", "/deadlines/{deadline_id}/suspensions"): {J, H, D, C, I},
    ("POST", "/deadlines/{deadline_id}/resumptions"): {J, H, D, C, I},
    ("POST", "/deadlines/{deadline_id}/met"): {R, C, J, H, D, I, S},
    ("POST", "/international/requests"): {I},
    ("POST", "/international/requests/{request_id}/registration"): {I},
    ("POST", "/international/requests/{request_id}/translation-requests"): {I},
    ("POST", "/international/requests/{request_id}/translations"): {I},
    ("POST", "/international/requests/{request_id}/study"): {I},
    ("POST", "/international/requests/{request_id}/forwarding"): {I},
    ("POST", "/international/requests/{request_id}/dispatch"): {I},
    ("POST", "/international/requests/{request_id}/originals"): {I},
    ("POST", "/international/requests/{request_id}/return"): {I},
    ("POST", "/international/requests/{request_id}/refusal"): {I},
    ("POST", "/international/requests/{request_id}/execution-reports"): {I},
    ("POST", "/international/requests/{request_id}/documents-returns"): {I},
    ("POST", "/international/requests/{request_id}/closure"): {I},
    ("POST", "/international/requests/{request_id}/sign-offs"): {D, H, I},
    ("POST", "/international/signing-authorities"): {H},
    ("GET", "/international/register"): STAFF,
    ("GET", "/international/register/{request_id}"): STAFF,
    ("GET", "/international/monitoring"): {I, D, H, A},
    ("POST", "/applications"): {R, C, I},
    ("GET", "/applications"): STAFF,
    ("GET", "/applications/{application_id}"): STAFF,
    ("POST", "/applications/{application_id}/redirection"): {R, C, I},
    ("POST", "/applications/{application_id}/assignment"): {H, D},
    ("POST", "/applications/{application_id}/drafts"): {C, I},
    ("POST", "/applications/{application_id}/approval"): {H, D},
    ("POST", "/applications/{application_id}/answer"): {R, C, I},
    ("POST", "/applications/{application_id}/extension"): {H, D},
    ("POST", "/applications/{application_id}/extension-notices"): {R, C, I},
    ("POST", "/receptions"): {R, C},
    ("GET", "/receptions"): STAFF,
    ("GET", "/receptions/{reception_id}"): STAFF,
    ("POST", "/receptions/{reception_id}/rescheduling"): {R, C},
    ("POST", "/receptions/{reception_id}/cancellation"): {R, C, H, D},
    ("POST", "/receptions/{reception_id}/reference-material"): {C},
    ("POST", "/receptions/{reception_id}/held"): {H, D},
    ("POST", "/archive/files"): {V},
    ("POST", "/archive/files/{file_id}/issues"): {V},
    ("POST", "/archive/files/{file_id}/return"): {V},
    ("POST", "/archive/files/{file_id}/holds"): {V, H, D},
    ("POST", "/archive/files/{file_id}/hold-lifts"): {V, H, D},
    ("POST", "/archive/destruction-acts"): {V},
    ("POST", "/archive/destruction-acts/{act_id}/approval"): {H},
    ("GET", "/archive/files"): STAFF,
    ("GET", "/archive/files/{file_id}"): STAFF,
    ("GET", "/archive/issued"): STAFF,
    ("GET", "/archive/destruction-review"): STAFF,
    ("GET", "/archive/destruction-acts"): {V, H, D, A},
    ("GET", "/archive/destruction-acts/{act_id}"): {V, H, D, A},
    ("POST", "/information-requests"): {R, N},
    ("POST", "/information-requests/{request_id}/assignment"): {H, D},
    ("POST", "/information-requests/{request_id}/draft"): {N},
    ("POST", "/information-requests/{request_id}/sign-off"): {H, D, N},
    ("POST", "/information-requests/{request_id}/answer"): {R, N},
    ("POST", "/information-requests/{request_id}/extension"): {H, D},
    ("GET", "/information-requests"): STAFF,
    ("GET", "/information-requests/{request_id}"): STAFF,
    ("POST", "/international/projects"): {I},
    ("POST", "/international/projects/{project_id}/milestones"): {I},
    ("POST", "/international/projects/{project_id}/milestones/{milestone_id}/reached"): {I},
    ("POST", "/international/projects/{project_id}/reports"): {I},
    ("POST", "/international/projects/{project_id}/closure"): {I},
    ("GET", "/international/projects"): {I, D, H, A},
    ("GET", "/international/projects/{project_id}"): {I, D, H, A},
    ("POST", "/personnel/staff"): {P},
    ("POST", "/personnel/staff/{staff_id}/transfers"): {P},
    ("POST", "/personnel/staff/{staff_id}/dismissal"): {P},
    ("POST", "/personnel/staff/{staff_id}/leave"): {P},
    ("POST", "/personnel/staff/{staff_id}/trips"): {P},
    ("POST", "/personnel/staff/{staff_id}/cancellations"): {P},
    ("POST", "/personnel/staff/{staff_id}/trips/{trip_id}/report"): {P, I},
    ("GET", "/personnel/staff"): STAFF,
    ("GET", "/personnel/staff/{staff_id}"): STAFF,
    ("GET", "/personnel/absences"): STAFF,
    ("GET", "/personnel/trips"): STAFF,
    ("GET", "/personnel/absent-staff-items"): {H, D},
}

PATH_VALUES = {
    "court": "cassation-criminal", "hearing_id": "h-1", "judge_id": "judge-1", "context": "registry",
    "filename": "kz.sotflow.registry.item-registered.v1.json",
}  # fmt: skip
QUERIES = {
    "/registers/workload": "?court=cassation-criminal",
    "/registers/audit-trail": "?case=x",
    "/registers/statistics": "?from=2026-01-01&to=2026-01-31",
    "/registers/search": "?q=Abenov",
    "/public/cases": "?number=CC-1-CC-1/2026",
}


def endpoints() -> list[tuple[str, str]]:
    document = create_app().openapi()
    return [(method.upper(), path) for path, operations in document["paths"].items() for method in operations]


def test_the_policy_table_names_every_endpoint_and_no_other():
    assert set(endpoints()) == set(POLICY)
    assert all(A not in roles for (method, _), roles in POLICY.items() if method == "POST" and roles), "auditors"


def test_each_role_gets_exactly_what_the_policy_says(client, tokens):
    # One deployment for all endpoints (a fresh one each would cost a minute): the requests
    # carry dummy ids and empty bodies, so they change nothing the next one could see.
    wrong = []
    for method, path in sorted(POLICY):
        wrong.extend(_check(client, tokens, method, path))
    assert not wrong, "\n".join(wrong)


def _check(client, tokens, method: str, path: str) -> list[str]:
    url = path.format(**{k: PATH_VALUES.get(k, str(uuid.uuid4())) for k in _params(path)}) + QUERIES.get(path, "")
    allowed = POLICY[(method, path)]
    body = {} if method == "POST" else None
    anonymous = client.request(method, url, json=body)
    if allowed is PUBLIC:
        return [] if anonymous.status_code not in (401, 403) else [f"anyone {method} {url}: {anonymous.status_code}"]
    wrong = [] if anonymous.status_code == 401 else [f"no token {method} {url}: {anonymous.status_code}"]
    for role, token in tokens.items():
        answer = client.request(method, url, json=body, headers={"Authorization": f"Bearer {token}"})
        if role in allowed and answer.status_code in (401, 403):
            wrong.append(f"{role} {method} {url}: {answer.status_code}, expected to pass")
        elif role not in allowed and (
            answer.status_code != 403 or answer.headers["content-type"] != "application/problem+json"
        ):
            wrong.append(f"{role} {method} {url}: {answer.status_code}, expected a 403 problem")
    return wrong


def _params(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def test_a_judge_off_the_panel_is_refused_every_case_command(client, tokens, system, distributed_case):
    """A judge's account passes the door of every case command, but acts only on its judge's
    cases: a judge of another panel is refused each with 403 not-the-judges and records nothing."""
    case_id, panel = distributed_case
    outsider = judge_token(system, next(f"judge-{n}" for n in range(6) if f"judge-{n}" not in panel))
    member, clerk, now = judge_token(system, panel[0]), tokens[R], datetime.now(UTC).isoformat()
    outcome = {"defendant": "A.", "outcome": "left_unchanged", "legal_basis": "УПК 494"}
    bodies = {
        "/cases/{case_id}/acceptance": {"reason": "admissible"},
        "/cases/{case_id}/return": {"reason": "not signed"},
        "/cases/{case_id}/joinder": {"case_ids": [str(uuid.uuid4())], "reason": "one lower-court case"},
        "/cases/{case_id}/case-file-requests": {},
        "/cases/{case_id}/notices": {"parties": ["Filer 1"]},
        "/cases/{case_id}/hearings": {"hearing_id": "h-2", "scheduled_for": now, "room": "2"},
        "/cases/{case_id}/hearings/{hearing_id}/postponement": {"reason": "the defender is ill"},
        "/cases/{case_id}/hearings/{hearing_id}/held": {"held_at": now, "panel": panel},
        "/cases/{case_id}/withdrawal": {"reason": "the convict's letter"},
        "/cases/{case_id}/ruling": {"outcomes": [outcome]},
        "/cases/{case_id}/judicial-act": {"document_ref": "dms://1", "document_sha256": "ab" * 32, "publishable": True},
    }
    judges_commands = {path for (method, path), roles in POLICY.items() if path.startswith("/cases/") and roles
                       and J in roles and method == "POST"}  # fmt: skip
    assert set(bodies) == judges_commands, "every case command a judge may give is tried here"

    def url(path: str) -> str:
        return path.format(case_id=case_id, hearing_id="h-1")

    for path in ("/cases/{case_id}/acceptance", "/cases/{case_id}/return"):
        refused = post(client, outsider, url(path), bodies[path])
        assert refused.status_code == 403 and refused.json()["type"].endswith("/not-the-judges"), refused.text
    assert post(client, member, url("/cases/{case_id}/acceptance"), bodies["/cases/{case_id}/acceptance"]).is_success
    clerk_steps = (
        ("case-file-receipts", {"received_at": now}),
        ("hearings", {"hearing_id": "h-1", "scheduled_for": now, "room": "2"}),
        ("hearings/h-1/held", {"held_at": now, "panel": panel}),
    )
    for path, body in clerk_steps:
        assert post(client, clerk, f"/cases/{case_id}/{path}", body).status_code == 200
    heard = system.proceedings.get_case(uuid.UUID(case_id)).version

    wrong = []
    act = "/cases/{case_id}/judicial-act"  # tried once the ruling is in: the stage is checked first
    for path, body in bodies.items():
        if path == act:
            continue
        refused = post(client, outsider, url(path), body)
        if refused.status_code != 403 or not refused.json()["type"].endswith("/not-the-judges"):
            wrong.append(f"outsider {path}: {refused.status_code} {refused.text}")
    assert not wrong, "\n".join(wrong)
    assert system.proceedings.get_case(uuid.UUID(case_id)).version == heard, "refusals record nothing"
    recusal = post(client, outsider, f"/courts/{TEST_COURT}/cases/{case_id}/recusals",
                   {"judge_id": panel[1], "reason": "kinship, УПК 87", "self_recusal": False})  # fmt: skip
    assert recusal.status_code == 403 and recusal.json()["type"].endswith("/not-the-judges"), recusal.text

    # The panel's own judge gets past the same check (the stage may still refuse, 409).
    for path, body in bodies.items():
        if path == act:
            refused = post(client, outsider, url(act), body)
            assert refused.status_code == 403 and refused.json()["type"].endswith("/not-the-judges"), refused.text
        answer = post(client, member, url(path), body)
        assert answer.status_code != 403, (path, answer.text)
    assert system.proceedings.get_case(uuid.UUID(case_id)).stage == "act_entered"
