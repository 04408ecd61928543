"""Every refusal the domain can raise is answered from one table (api/problems.py) as a
problem+json with its own status, never as a 500."""

import importlib
import inspect
import pkgutil

import domain
from api.problems import PROBLEMS, problem_kind
from domain.proceedings.errors import CommandNotAllowedNowError, PanelSizeError


def domain_errors() -> list[type[Exception]]:
    found = []
    for module in pkgutil.walk_packages(domain.__path__, "domain."):
        if module.name.endswith(".errors"):
            errors = importlib.import_module(module.name)
            found += [
                cls for _, cls in inspect.getmembers(errors, inspect.isclass)
                if issubclass(cls, Exception) and cls.__module__ == module.name
            ]  # fmt: skip
    return found


def test_every_domain_error_has_an_answer_in_the_table():
    errors = domain_errors()
    assert len(errors) > 50
    unanswered = [cls.__qualname__ for cls in errors if not any(c in PROBLEMS for c in cls.__mro__)]
    assert unanswered == []


def test_a_class_is_answered_as_its_nearest_listed_base():
    wrong_stage = problem_kind(CommandNotAllowedNowError("hold_hearing", "accepted")).body(
        CommandNotAllowedNowError("hold_hearing", "accepted"), "/cases/x/hearings/h/held"
    )
    assert (wrong_stage["status"], wrong_stage["stage"]) == (409, "accepted")
    refusal = PanelSizeError(2, 3)
    rule = problem_kind(refusal).body(refusal, "/cases/x/hearings/h/held")
    assert rule["status"] == 422 and rule["title"] == "Refused by a proceedings rule"
    assert [(e["field"], e["type"], e["pointer"]) for e in rule["errors"]] == [("panel", "PanelSizeError", "#/panel")]
