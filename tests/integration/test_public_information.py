"""Public case information (000 §7.1.2, 004 §15.20), through the API with the real log and
projections: a case's status by its number, the register of published acts with the parties'
names, IINs and addresses replaced (the staff still read the act as entered), the media's
feed, and nothing of a confidential case."""

import hashlib
import threading
from datetime import UTC, datetime, timedelta

from consumers.distributor import Distributor
from domain.actor import Role
from domain.publication.iin import check_digit
from domain.publication.rules import V1
from tests.integration.test_registers_api import project_all
from tests.support import TEST_COURT, auth, complaint_payload, judge_token, page_ids, post, read_pages, relay_all

FILER = "Иванов Пётр Сергеевич"
DEFENDANT = "Әлібек Нұрланұлы Серікбаев"
IIN = "85010130012" + str(check_digit("85010130012"))
ACT = f"""ПОСТАНОВЛЕНИЕ по жалобе осуждённого Иванова Петра Сергеевича (ИИН {IIN}), г. Алматы, ул. Абая,
д. 10, кв. 5. Иванов П.С. просил отменить приговор; Иванову П.С. отказано. Сотталған Серікбаевтың
шағымы; Серікбаев Ә.Н. Потерпевший Нурланов Ерлан. Приговор в отношении Серікбаев Әлібек оставить без изменения."""
GONE = ["Иванов", "Петр", "Пётр", "Сергеевич", "П.С.", "Серікбаев", "Әлібек", "Ә.Н.", "Нурланов", "Ерлан", IIN,
        "Абая", "кв. 5"]  # fmt: skip


def _through_to_publication(client, system, tokens, case_id: str, panel: list[str], text: str | None) -> None:
    judge, clerk, now = judge_token(system, panel[0]), tokens[Role.REGISTRAR], datetime.now(UTC)
    outcome = {"defendant": DEFENDANT, "outcome": "left_unchanged", "legal_basis": "УПК 494(1)(1)"}
    act = {"document_ref": "dms://acts/1", "document_sha256": hashlib.sha256(b"act").hexdigest(), "publishable": True}
    for token, step, body in (
        (judge, "acceptance", {"reason": "admissible"}),
        (clerk, "case-file-receipts", {"received_at": now.isoformat()}),
        (clerk, "notices", {"parties": [FILER, DEFENDANT]}),
        (clerk, "hearings", {"hearing_id": "h-1", "scheduled_for": now.isoformat(), "room": "Hall 3"}),
        (clerk, "hearings/h-1/held", {"held_at": now.isoformat(), "panel": panel}),
        (judge, "ruling", {"outcomes": [outcome]}),
        (judge, "judicial-act", act | ({"text": text} if text else {})),
        (clerk, "publication", {"portal_ref": "https://office.sud.kz/1", "redacted": True}),
    ):
        answer = post(client, token, f"/cases/{case_id}/{step}", body)
        assert answer.status_code in (200, 201), (step, answer.text)


def _distributed(client, system, settings, tokens, n: int, **changes) -> tuple[str, list[str]]:
    body = complaint_payload(n) | changes
    case_id = client.post("/incoming-items" if "kind" in changes else "/complaints", json=body,
                          headers=auth(tokens[Role.REGISTRAR])).json()["id"]  # fmt: skip
    relay_all(system, settings)
    Distributor(system, retry_seconds=0.1).run(threading.Event(), catch_up=True)
    return case_id, list(system.assignment.panel_of(TEST_COURT, case_id).panel)


def test_a_published_act_reaches_the_public_depersonalised_and_the_staff_as_entered(
    client, tokens, system, settings, distributed_case
):
    first, panel = distributed_case
    second, second_panel = _distributed(
        client, system, settings, tokens, 2, filer={"name": FILER, "procedural_role": "convict"}
    )
    _through_to_publication(client, system, tokens, second, second_panel, ACT)
    _through_to_publication(client, system, tokens, first, panel, f"Жалоба Filer 1 (ИИН {IIN}).")
    project_all(system, settings)
    clerk = tokens[Role.REGISTRAR]

    public = client.get(f"/public/acts/{second}")  # no token
    assert public.status_code == 200, public.text
    text = public.json()["text"]
    assert [g for g in GONE if g.lower().replace("ё", "е") in text.lower().replace("ё", "е")] == [], text
    assert "Приговор в отношении [ФИО] оставить без изменения." in text and "г. Алматы" in text, text
    assert public.json()["rules_version"] == V1.version

    staff = client.get(f"/registers/acts/{second}", headers=auth(clerk))
    assert staff.status_code == 200 and staff.json()["text"] == ACT, staff.text
    assert staff.json()["public_text"] == text and staff.json()["rules_version"] == V1.version
    assert client.get(f"/registers/acts/{second}").status_code == 401

    pages = read_pages(client, clerk, "/public/acts")
    assert page_ids(pages, "case_id") == [[second], [first]], "in order of publication, a page at a time"
    assert pages[0]["next_after"] == pages[0]["items"][0]["log_position"]
    assert "Filer 1" not in pages[1]["items"][0]["text"] and IIN not in pages[1]["items"][0]["text"]
    assert client.get("/public/acts", params={"court": "another-court"}).json() == {"items": [], "next_after": None}

    number = client.get(f"/registers/cases/{second}", headers=auth(clerk)).json()["case"]["registration_number"]
    status = client.get("/public/cases", params={"number": number})
    assert status.status_code == 200, status.text
    (case,) = status.json()["items"]
    assert (case["registration_number"], case["court"], case["stage"], case["act_published"]) == (
        number, TEST_COURT, "published", True,
    )  # fmt: skip
    assert [(h["status"], h["room"]) for h in case["hearings"]] == [("held", "Hall 3")]
    assert case["outcomes"] == [{"outcome": "left_unchanged", "legal_basis": "УПК 494(1)(1)"}]
    assert not any(name in status.text for name in ("Иванов", "Серікбаев", "Filer")), "no party is named"

    feed = client.get("/public/feed.json")
    assert feed.status_code == 200 and feed.headers["content-type"] == "application/feed+json"
    body = feed.json()
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    acts = [i for i in body["items"] if i["tags"] == ["judicial-act"]]
    assert [a["id"] for a in acts] == [f"act:{first}", f"act:{second}"], "the latest first"
    assert all(IIN not in a["content_text"] and "Иванов" not in a["content_text"] for a in acts)
    assert acts[1]["url"].endswith(f"/public/acts/{second}")


def test_a_confidential_case_is_absent_everywhere_public_and_bad_input_is_refused(
    client, tokens, system, settings, distributed_case
):
    case_id, panel = distributed_case
    confidential, its_panel = _distributed(
        client, system, settings, tokens, 3, confidentiality="confidential",
        filer={"name": FILER, "procedural_role": "convict"},
    )  # fmt: skip
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    clerk = tokens[Role.REGISTRAR]
    for case, judges in ((confidential, its_panel), (case_id, panel)):
        judge = judge_token(system, judges[0])
        assert post(client, judge, f"/cases/{case}/acceptance", {"reason": "admissible"}).is_success
        assert post(client, clerk, f"/cases/{case}/case-file-receipts",
                    {"received_at": datetime.now(UTC).isoformat()}).is_success  # fmt: skip
        assert post(client, clerk, f"/cases/{case}/hearings",
                    {"hearing_id": "h-1", "scheduled_for": tomorrow, "room": "Hall 1"}).is_success  # fmt: skip
    project_all(system, settings)

    def number(case: str) -> str:
        return client.get(f"/registers/cases/{case}", headers=auth(clerk)).json()["case"]["registration_number"]

    hidden, unknown = (
        client.get("/public/cases", params={"number": n}) for n in (number(confidential), "no-such-number")
    )
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.json() | {"instance": None} == unknown.json() | {"instance": None}, "indistinguishable"
    shown = client.get("/public/cases", params={"number": number(case_id)}).json()["items"]
    assert [(c["stage"], c["outcomes"], [h["status"] for h in c["hearings"]]) for c in shown] == [
        ("hearing_scheduled", None, ["scheduled"])
    ]
    feed = client.get("/public/feed.json", params={"days": 3}).json()
    hearings = [i["_sotflow"]["registration_number"] for i in feed["items"] if i["tags"] == ["hearing"]]
    assert number(case_id) in hearings and number(confidential) not in hearings

    for params, field in (({}, "number"), ({"number": ""}, "number"), ({"number": "x" * 65}, "number")):
        refused = client.get("/public/cases", params=params)
        assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
        assert field in refused.text, refused.text
    for params in ({"days": 0}, {"acts": 101}, {"days": "x"}):
        assert client.get("/public/feed.json", params=params).status_code == 422
    assert client.get("/public/acts", params={"after": "-1"}).status_code == 422
    assert client.get(f"/public/acts/{confidential}").status_code == 404
