"""A query parameter a route does not declare is refused (422 naming it), on every route:
a misspelt filter must not look like an empty filter that worked."""

from domain.actor import Role
from tests.support import auth, complaint_payload, stored_event_count


def refused(response, *names: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    errors = response.json()["errors"]
    assert [(e["location"], e["field"], e["type"]) for e in errors] == [("query", n, "extra_forbidden") for n in names]


def test_unknown_query_parameters_are_refused_naming_them(client, tokens, settings):
    clerk = auth(tokens[Role.REGISTRAR])
    refused(client.get("/registers/cases", params={"filer": "Abenov"}, headers=clerk), "filer")
    refused(client.get("/registers/incoming", params={"kind": "case_file", "satus": "returned"}, headers=clerk),
            "satus")  # fmt: skip
    refused(client.get("/registers/statistics", params={"form": "csv", "courts": "x"}, headers=clerk), "courts", "form")
    refused(client.get("/registers/deadlines", params={"wait-for": "1"}, headers=clerk), "wait-for")
    # A command too: refused before anything is recorded.
    refused(client.post("/complaints", params={"dry_run": "1"}, json=complaint_payload(1), headers=clerk), "dry_run")
    assert stored_event_count(settings) == 0


def test_known_parameters_and_the_docs_still_work(client, tokens):
    clerk = auth(tokens[Role.REGISTRAR])
    # Aliases (from, to, format, status) and dependencies' parameters are known.
    statistics = {"from": "2025-01-01", "to": "2025-01-31", "court": "x", "format": "csv"}
    assert client.get("/registers/statistics", params=statistics, headers=clerk).status_code == 200
    incoming = {"kind": "case_file", "status": "returned", "limit": 5, "reverse": "true"}
    assert client.get("/registers/incoming", params=incoming, headers=clerk).status_code == 200
    assert client.get("/registers/cases", params={"judge": "judge-1", "limit": 1}, headers=clerk).status_code == 200
    assert client.get("/docs", params={"anything": "1"}).status_code == 200
    assert client.get("/openapi.json", params={"anything": "1"}).status_code == 200
    assert client.get("/docs/oauth2-redirect", params={"code": "c", "state": "s"}).status_code == 200
