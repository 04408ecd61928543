"""The OpenAPI document tells integrators the truth: every error as problem+json, the roles
each operation lets in, and the header and cursor formats the routes take."""

import re
from datetime import UTC, datetime

import pytest

from api.main import create_app
from api.pagination import time_cursor
from tests.integration.test_role_matrix import POLICY

DOCUMENT = create_app().openapi()
OPERATIONS = [
    (method.upper(), path, operation)
    for path, operations in DOCUMENT["paths"].items()
    for method, operation in operations.items()
]


def test_every_error_is_problem_json_with_a_problem_schema():
    for method, path, operation in OPERATIONS:
        for status, response in operation["responses"].items():
            if status.startswith("2") or (path, status) == ("/ready", "503"):
                continue
            (media_type,) = response["content"]
            schema = response["content"][media_type]["schema"]["$ref"].rsplit("/", 1)[1]
            assert media_type == "application/problem+json", (method, path, status)
            assert schema == ("ValidationProblem" if status == "422" else "Problem"), (method, path, status)
    assert "HTTPValidationError" not in DOCUMENT["components"]["schemas"]
    assert DOCUMENT["components"]["schemas"]["FieldError"]["required"] == [
        "location", "field", "pointer", "type", "message",
    ]  # fmt: skip


def test_the_roles_and_their_answers_are_the_role_policys():
    for method, path, operation in OPERATIONS:
        allowed = POLICY[method, path]
        statuses = set(operation["responses"])
        if allowed is None:
            assert "x-roles" not in operation and not {"401", "403"} & statuses, (method, path)
        elif set(operation["x-roles"]) == set():
            assert allowed == set(POLICY["GET", "/me"]) and "401" in statuses and "403" not in statuses
        else:
            assert set(operation["x-roles"]) == {str(r) for r in allowed}, (method, path)
            assert {"401", "403"} <= statuses, (method, path)


@pytest.mark.parametrize("status", ["404", "409", "400", "413"])
def test_ids_in_the_path_commands_and_bodies_have_their_answers(status):
    for method, path, operation in OPERATIONS:
        expected = {
            "404": "{" in path,
            "409": method == "POST",
            "400": "requestBody" in operation,
            "413": "requestBody" in operation,
        }[status]
        assert (status in operation["responses"]) >= expected, (method, path, status)


def test_headers_and_cursors_say_their_format():
    cursor = time_cursor(datetime(2026, 3, 2, 9, tzinfo=UTC), "6f1c2d3e-0000-4000-8000-000000000000")
    seen = set()
    for _, path, operation in OPERATIONS:
        for parameter in operation.get("parameters", []):
            schema, name = parameter["schema"], parameter["name"].lower()
            assert "anyOf" not in schema or all(s.get("type") != "null" for s in schema["anyOf"]), (path, name)
            if name == "if-match":
                assert parameter["example"] == '"2"' and re.fullmatch(schema["pattern"], '"2"'), path
                assert re.fullmatch(schema["pattern"], 'W/"12"') and not re.fullmatch(schema["pattern"], '"x"')
            elif name == "idempotency-key":
                assert (schema["minLength"], schema["maxLength"]) == (1, 200), path
            elif name == "after" and parameter["in"] == "query":
                if schema["type"] == "string":
                    assert re.fullmatch(schema["pattern"], cursor) and not re.fullmatch(schema["pattern"], "12"), path
                else:
                    assert schema["type"] == "integer", path
            else:
                continue
            seen.add((name, schema.get("type")))
    assert seen == {("if-match", "string"), ("idempotency-key", "string"), ("after", "string"), ("after", "integer")}
