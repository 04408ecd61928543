"""Accounts through `sotflow users`: a judge's account belongs to a judge on a court's
roster (checked when made or moved), a token can be replaced and an account withdrawn,
and every change is in the accounts' history with the operator who made it."""

import getpass
import subprocess
import sys

from domain.actor import Role
from tests.support import REPO_ROOT, TEST_COURT, auth, enrol, read_pages, settings_env


def sotflow(settings, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "entrypoints.cli", "users", *args],
        env=settings_env(settings), cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_a_judges_account_is_made_for_an_enrolled_judge_only(client, tokens, system, settings):
    enrol(client, tokens[Role.HEAD], judges=3)
    refused = {
        "no judge named": ("--name", "Judge A", "--role", "judge"),
        "not enrolled": ("--name", "Judge A", "--role", "judge", "--court", TEST_COURT, "--judge-id", "judge-9"),
        "no roster": ("--name", "Judge A", "--role", "judge", "--court", "nowhere", "--judge-id", "judge-1"),
        "half a link": ("--name", "Judge A", "--role", "judge", "--judge-id", "judge-1"),
        "not a judge": ("--name", "Clerk A", "--role", "registrar", "--court", TEST_COURT, "--judge-id", "judge-1"),
    }
    reasons = {
        "no judge named": "needs the court and judge id",
        "not enrolled": "no judge 'judge-9' on the roster of cassation-criminal",
        "no roster": "no roster for court 'nowhere'",
        "half a link": "give both --court and --judge-id",
        "not a judge": "only a judge's account is linked to a judge",
    }
    for case, args in refused.items():
        result = sotflow(settings, "add", *args)
        assert result.returncode == 1 and reasons[case] in result.stderr, (case, result.stderr)
    assert {u.name for u in system.users.list()}.isdisjoint({"Judge A", "Clerk A"}), "nothing was created"

    made = sotflow(
        settings, "add", "--name", "Judge A", "--role", "judge", "--court", TEST_COURT, "--judge-id", "judge-1"
    )
    assert made.returncode == 0, made.stderr
    assert "judge judge-1 of cassation-criminal" in made.stderr
    token = made.stdout.strip()
    assert client.get("/registers/cases", headers=auth(token)).status_code == 200
    assert system.users.authenticate(token).as_actor().is_judge(TEST_COURT, "judge-1")

    # The account moves to another judge of the roster (after an error, say); its token is unchanged.
    assert (
        sotflow(settings, "link-judge", "--name", "Judge A", "--court", TEST_COURT, "--judge-id", "judge-9").returncode
        == 1
    )
    moved = sotflow(settings, "link-judge", "--name", "Judge A", "--court", TEST_COURT, "--judge-id", "judge-2")
    assert moved.returncode == 0, moved.stderr
    assert system.users.authenticate(token).as_actor().is_judge(TEST_COURT, "judge-2")
    again = sotflow(settings, "link-judge", "--name", "Judge A", "--court", TEST_COURT, "--judge-id", "judge-2")
    assert again.returncode == 0, again.stderr
    changes = [(c["change"], c["detail"]) for c in system.users.history("Judge A")]
    assert changes == [
        ("created", "judge, judge judge-1 of cassation-criminal"),
        ("judge-linked", "judge judge-2 of cassation-criminal"),
    ], "linking to the judge it already has records nothing"
    listed = sotflow(settings, "list").stdout.splitlines()
    assert any(line.endswith("\tjudge\tcassation-criminal/judge-2\tactive\tJudge A") for line in listed), listed
    assert (
        sotflow(settings, "link-judge", "--name", "Nobody", "--court", TEST_COURT, "--judge-id", "judge-2").returncode
        == 1
    )


def test_a_token_is_replaced_an_account_withdrawn_and_every_change_kept(client, system, settings):
    made = sotflow(settings, "add", "--name", "Clerk B", "--role", "registrar")
    assert made.returncode == 0, made.stderr
    first = made.stdout.strip()

    rotated = sotflow(settings, "rotate-token", "--name", "Clerk B")
    assert rotated.returncode == 0, rotated.stderr
    second = rotated.stdout.strip()
    assert second.startswith("sft_") and second != first
    assert client.get("/registers/incoming", headers=auth(first)).status_code == 401, "the old token is dead"
    assert client.get("/registers/incoming", headers=auth(second)).status_code == 200

    withdrawn = sotflow(settings, "deactivate", "--name", "Clerk B", "--reason", "left the court on 21 Nov")
    assert withdrawn.returncode == 0 and "deactivated" in withdrawn.stdout, withdrawn.stderr
    system.users._forget_recent()  # as the API does within RECENT_SECONDS of a change
    refused = client.get("/registers/incoming", headers=auth(second))
    assert refused.status_code == 401 and refused.headers["content-type"] == "application/problem+json"
    assert any(line.endswith("\tdeactivated\tClerk B") for line in sotflow(settings, "list").stdout.splitlines())

    assert sotflow(settings, "activate", "--name", "Clerk B", "--reason", "came back").returncode == 0
    assert client.get("/registers/incoming", headers=auth(second)).status_code == 200
    assert sotflow(settings, "deactivate", "--name", "Nobody").returncode == 1

    history = [line.split("\t") for line in sotflow(settings, "history", "--name", "Clerk B").stdout.splitlines()]
    operator = getpass.getuser()
    assert [h[1:] for h in history] == [
        ["Clerk B", "registrar", "created", "registrar", operator],
        ["Clerk B", "registrar", "token-rotated", "", operator],
        ["Clerk B", "registrar", "deactivated", "left the court on 21 Nov", operator],
        ["Clerk B", "registrar", "activated", "came back", operator],
    ]
    system.users.add("Clerk C", Role.REGISTRAR, by="a test")
    everyone = [line.split("\t") for line in sotflow(settings, "history").stdout.splitlines()]
    assert [(h[1], h[3], h[-1]) for h in everyone][-1] == ("Clerk C", "created", "a test")
    assert {h[1] for h in everyone} == {"Clerk B", "Clerk C"}


def test_the_api_says_who_the_caller_is_and_shows_auditors_the_accounts_history(client, tokens, system):
    me = client.get("/me", headers=auth(tokens[Role.JUDGE])).json()
    assert (me["role"], me["judge_court"], me["judge_id"], me["active"]) == ("judge", TEST_COURT, "judge-0", True)
    assert me["name"] == "test judge" and "token" not in str(me).lower()

    system.users.rotate_token("test registrar", by="an operator")
    system.users.set_active("test consultant", False, by="an operator", reason="left the court")
    listed = client.get("/accounts", headers=auth(tokens[Role.AUDITOR])).json()
    assert {a["name"]: a["active"] for a in listed}["test consultant"] is False
    assert all(set(a) == {"id", "name", "role", "judge_court", "judge_id", "active"} for a in listed)

    history = read_pages(client, tokens[Role.AUDITOR], "/accounts/history", limit=3)  # and the latest first
    changes = [c for page in history for c in page["items"]]
    assert [c["seq"] for c in changes] == sorted(c["seq"] for c in changes)
    assert [c["change"] for c in changes].count("created") == len(Role)
    assert [(c["name"], c["change"], c["detail"], c["changed_by"]) for c in changes[-2:]] == [
        ("test registrar", "token-rotated", "", "an operator"),
        ("test consultant", "deactivated", "left the court", "an operator"),
    ]
    one = client.get("/accounts/history", params={"name": "test consultant"}, headers=auth(tokens[Role.HEAD])).json()
    assert [c["change"] for c in one["items"]] == ["created", "deactivated"] and one["next_after"] is None
