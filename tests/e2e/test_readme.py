"""The README's curl examples, run in order with curl against the system as `make run`
starts it (API, relay, consumers, distributor; the demo's courts and accounts). Each must
answer 2xx: an example that stopped working is a README that misleads a newcomer.

The README is written on one day (README_DAY); its dates move with the calendar by as
many days as have passed since, so "next week's hearing" stays next week's. Its
placeholders take the values a newcomer would have at that point: <id> and <case id> the
complaint just registered, <judge id> a judge on that case's panel, $JUDGE that panel's
judge-rapporteur, <registration number> that complaint's number, `after=...` the previous
page's next_after."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from datetime import date, timedelta
from pathlib import Path

import httpx

from sotflow.bootstrap import bootstrap
from sotflow.demo import load_demo
from tests.support import auth, free_port, judge_token, wait_for

README = Path(__file__).resolve().parents[2] / "README.md"
README_DAY = date(2026, 12, 4)
DATE = re.compile(r"\b(20\d\d-\d\d-\d\d)\b")


def readme_curls() -> list[str]:
    """Every curl command of the README's shell blocks, as one line each: lines continued by
    a backslash or by an open quote joined, comments dropped."""
    commands, pending, in_sh = [], "", False
    for line in README.read_text().splitlines():
        if line.startswith("```"):
            in_sh, pending = line.strip() == "```sh" and not in_sh, ""
            continue
        if not in_sh:
            continue
        pending = (
            f"{pending[:-1]} {line.strip()}" if pending.endswith("\\") else (f"{pending}\n{line}" if pending else line)
        )
        if pending.endswith("\\"):
            continue
        try:
            words = shlex.split(pending, comments=True)
        except ValueError:  # a quote still open: the command goes on
            continue
        if words[:1] == ["curl"]:
            commands.append(pending)
        pending = ""
    return commands


def shifted(text: str, days: int) -> str:
    return DATE.sub(lambda m: (date.fromisoformat(m.group(1)) + timedelta(days=days)).isoformat(), text)


def test_the_readmes_curl_examples_work_in_order(settings, processes):
    settings = settings.model_copy(update={"api_port": free_port(), "distributor_retry_seconds": 0.2})
    system = bootstrap(settings)
    try:
        tokens = load_demo(system)
        for command in ("serve", "relay", "consume", "distribute", "start-deadlines"):
            processes(command, settings_override=settings)
        base = f"http://127.0.0.1:{settings.api_port}"
        wait_for(lambda: _up(base), timeout=60, what="the API")
        values = {
            "$TOKEN": tokens["Demo Registrar"], "$REGISTRAR": tokens["Demo Registrar"], "$HEAD": tokens["Demo Head"],
        }  # fmt: skip
        days = (system.clock.now().date() - README_DAY).days
        previous: dict = {}
        curls = readme_curls()
        assert len(curls) >= 15, "the README's examples were found"
        for command in curls:
            command = shifted(command.replace("http://127.0.0.1:8000", base), days)
            if any(p in command for p in ("<case id>", "<item id>", "<judge id>", "$JUDGE")) and "$JUDGE" not in values:
                panel = _panel_when_distributed(base, values["$HEAD"], values["<id>"])
                values |= {"<case id>": values["<id>"], "<item id>": values["<id>"], "<judge id>": panel[-1],
                           "$JUDGE": judge_token(system, panel[0], settings.default_court)}  # fmt: skip
            args = shlex.split(_filled(command, values, previous), comments=True)
            status, body = _curl(args)
            if status == "404" and "-X" not in args:  # the registers follow the log a moment later, as a person reads
                status, body = wait_for(lambda a=args: (answer := _curl(a))[0] != "404" and answer, timeout=15,
                                        what=f"{args[-1]} to reach the register")  # fmt: skip
            assert status.startswith("2"), f"{' '.join(args)}\n-> {status} {body}"
            previous = json.loads(body) if body.strip().startswith("{") else {}
            if any(a.endswith("/complaints") for a in args):
                values["<id>"], values["<registration number>"] = previous["id"], previous["registration_number"]
    finally:
        system.close()


def _curl(args: list[str]) -> tuple[str, str]:
    answer = subprocess.run(["curl", "-sS", "-w", "\n%{http_code}", *args[1:]], capture_output=True, text=True,
                            timeout=60)  # fmt: skip
    body, _, status = answer.stdout.rpartition("\n")
    return status, body


def _filled(arg: str, values: dict[str, str], previous: dict) -> str:
    for name, value in values.items():
        arg = arg.replace(name, value)
    if "after=" in arg and "..." in arg:  # "the next_after of the previous page"
        cursor = previous.get("next_after")
        arg = re.sub(r"&after=[^&'\s]*", f"&after={cursor}" if cursor else "", arg)
    return arg


def _panel_when_distributed(base: str, head: str, case_id: str) -> list[str]:
    url = f"{base}/courts/cassation-criminal/cases/{case_id}/panel"
    answer = wait_for(lambda: (r := httpx.get(url, headers=auth(head))).status_code == 200 and r, timeout=60,
                      what="the distributor to draw the complaint's panel")  # fmt: skip
    return answer.json()["panel"]


def _up(base: str) -> bool:
    try:
        return httpx.get(f"{base}/health", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False
