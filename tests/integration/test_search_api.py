"""Search staff expect: items and cases by registration number, lower-court case number or
the filer's name (Russian and Kazakh, any case, any part), paged like every register, of
what the role may see; served by a trigram index the projection keeps."""

import threading

from consumers.projection_worker import ProjectionWorker
from domain.actor import Role
from projections import case_register, incoming_register
from tests.support import auth, complaint_payload, read_pages, relay_all

FILERS = {
    "kazakh": "Әбенов Ерлан Қайратұлы",
    "russian": "Ковалёв Пётр Ильич",
    "kazakh-2": "Нұрғалиева Әсел Бақытжанқызы",
    "namesake": "Әбенова Гүлнұр",
}


def register(client, token, name, n, **changes):
    body = complaint_payload(n) | {"filer": {"name": name, "procedural_role": "defender"}} | changes
    response = client.post("/complaints", json=body, headers=auth(token))
    assert response.status_code == 201, response.text
    return response.json()


def project(system, settings):
    relay_all(system, settings)
    for projection in (incoming_register, case_register):
        ProjectionWorker(projection, settings, system.pool).run(threading.Event(), catch_up=True)


def found(client, token, q, **params):
    response = client.get("/registers/search", params={"q": q} | params, headers=auth(token))
    assert response.status_code == 200, response.text
    return [item["filer_name"] for item in response.json()["items"]]


def test_search_by_name_number_and_lower_court_number(client, tokens, system, settings):
    clerk = tokens[Role.REGISTRAR]
    items = {key: register(client, clerk, name, n) for n, (key, name) in enumerate(FILERS.items(), start=11)}
    secret = register(client, clerk, "Әбенов Тайқазан", 99, confidentiality="confidential")
    project(system, settings)

    # Kazakh: any case, any part of a word, letters ә қ ұ ғ і ң.
    assert found(client, clerk, "әбенов") == [FILERS["kazakh"], FILERS["namesake"], "Әбенов Тайқазан"]
    assert found(client, clerk, "ӘБЕНОВ ерлан") == [FILERS["kazakh"]]
    assert found(client, clerk, "қайратұлы") == found(client, clerk, "ҚАЙРАТ") == [FILERS["kazakh"]]
    assert found(client, clerk, "нұрға әсел") == [FILERS["kazakh-2"]]
    assert found(client, clerk, "гүлнұр") == [FILERS["namesake"]]
    # Russian: any case, partial, ё found as е.
    assert found(client, clerk, "ковалев") == found(client, clerk, "КОВАЛЁВ п") == [FILERS["russian"]]
    assert found(client, clerk, "ильи") == [FILERS["russian"]]
    assert found(client, clerk, "Иванов") == []
    # The registration number, whole or in part, in any case; the lower court's case number.
    number = items["russian"]["registration_number"]
    assert found(client, clerk, number) == found(client, clerk, number.lower()) == [FILERS["russian"]]
    assert found(client, clerk, "1-12/2025") == [FILERS["russian"]]  # complaint_payload(12)'s lower-court number
    # LIKE's wildcards are taken literally.
    assert found(client, clerk, "%") == found(client, clerk, "_") == []
    # A hit that opened a case says so.
    hit = client.get("/registers/search", params={"q": number}, headers=auth(clerk)).json()["items"][0]
    assert hit["case_id"] == hit["item_id"] == items["russian"]["id"]

    # The confidential item: the registrar finds it, a consultant does not, and gets no short page.
    consultant = tokens[Role.CONSULTANT]
    assert found(client, consultant, "Тайқазан") == []
    page = client.get("/registers/search", params={"q": "әбенов", "limit": 2}, headers=auth(consultant)).json()
    assert [i["filer_name"] for i in page["items"]] == [FILERS["kazakh"], FILERS["namesake"]]
    assert page["next_after"] is None or found(client, consultant, "әбенов", after=page["next_after"]) == []
    assert secret["id"] not in str(client.get("/registers/search", params={"q": "ә"}, headers=auth(consultant)).json())


def test_search_pages_both_ways_and_bounds_its_query(client, tokens, system, settings):
    clerk = tokens[Role.REGISTRAR]
    for n in range(5):
        register(client, clerk, f"Сейітов Нұрлан {n}", 30 + n)
    register(client, clerk, "Other Filer", 40)
    project(system, settings)

    pages = read_pages(client, clerk, "/registers/search", {"q": "сейіт"}, limit=2)  # checks `reverse` too
    names = [item["filer_name"] for page in pages for item in page["items"]]
    assert names == [f"Сейітов Нұрлан {n}" for n in range(5)] and [len(p["items"]) for p in pages] == [2, 2, 1]

    for bad in ({"q": ""}, {"q": "   "}, {"q": "а" * 201}, {}, {"q": "x", "limit": 0}):
        response = client.get("/registers/search", params=bad, headers=auth(clerk))
        assert response.status_code == 422, (bad, response.text)
    assert client.get("/registers/search", params={"q": "x\x01"}, headers=auth(clerk)).status_code == 422
    assert client.get("/registers/search", params={"q": "x"}).status_code == 401


def test_a_trigram_index_serves_the_search(system, settings):
    schema = settings.projection_schema
    with system.pool.connection() as conn:
        definition = conn.execute(
            "select indexdef from pg_indexes where schemaname = %s and indexname = 'incoming_register_search'",
            (schema,),
        ).fetchone()["indexdef"]
        assert "USING gin (search_text" in definition and "gin_trgm_ops" in definition
        conn.execute("set local enable_seqscan = off")  # an empty table: show the index can serve
        plan = conn.execute(
            f"explain select item_id from {schema}.incoming_register where search_text like %s", ("%әбенов%",)
        ).fetchall()
        assert "incoming_register_search" in str(plan), plan
