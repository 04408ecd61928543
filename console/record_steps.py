"""A record's card (a request's, an application's, a file's, a project's) and the steps taken on it:
what every card page's routes and step forms share. Each page keeps what is its own: its table of
steps, how its card is read, which steps the record takes now, and its template.

A step is run as the API runs its command (command_forms.submit: the step's role rule, the body,
the If-Match); once recorded, the card is shown again when the read side has it (post/redirect/get);
refused, the card is rendered again with the form as typed and why (422; 409 when the record has
moved on since the form was shown), and nothing is changed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from fastapi import Request, Response

from console.app import Staff, _forbidden, allowed, render, staff, staff_form
from console.command_forms import Command, after, form_keys, submit, submit_at
from console.forms import Outcome

# A page's card: card(request, who, wait=, done=) shows it; card(request, who, step=, values=, outcome=,
# status_code=) renders it again with a refused step's form.
Card = Callable[..., Awaitable[Response]]


async def show_card(request: Request, card: Card, rule: Any, *, wait: str | None, done: bool) -> Response:
    """The console's GET of a card, for the accounts the API's route's role rule admits: a direct call
    of the route skips its dependencies, so the rule is checked here."""
    who = await staff(request)
    if not await allowed(rule, who.user):
        return _forbidden(request, who)
    return await card(request, who, wait=wait, done=done)


async def take_step(
    request: Request, steps: Mapping[str, Command], step: str, path: str, card: Card, *,
    chosen: Mapping[str, tuple[str, ...]] | None = None, **ids: Any,
) -> Response:  # fmt: skip
    """The console's POST {path}/{step}: `ids` are the route's path parameters, `path` the card's
    own path; `chosen` names, for a step, the route's path parameters its form chooses (a trip, a
    milestone: command_forms.submit_at)."""
    who, form = await staff_form(request)
    if step not in steps:
        return render(request, "message.html", who, 404, message="not_found")
    if chosen and step in chosen:
        sent = await submit_at(request, who, form, steps[step], chosen[step], **ids)
    else:
        sent = await submit(request, who, form, steps[step], **ids)
    if sent.recorded is not None:
        return after(path, sent.recorded)
    return await card(
        request, who, step=step, values=sent.values, outcome=sent.outcome,
        status_code=409 if sent.outcome.stale else 422,
    )  # fmt: skip


async def step_forms(
    who: Staff, steps: Mapping[str, Command], offered: Mapping[str, bool], step: str | None,
    values: dict[str, str] | None, outcome: Outcome | None,
) -> dict[str, Any]:  # fmt: skip
    """What a card's step forms (_step_form.html) are rendered with. A form is shown when the role may
    take the step and the record takes it now (`offered`, the page's to say); a refused form stays
    shown, with what was typed and why, even if the record has moved on."""
    shown = {name: await allowed(c.rule, who.user) and (offered[name] or name == step) for name, c in steps.items()}
    return {
        "steps": shown, "keys": form_keys(steps, step, values), "step": step, "values": values or {},
        "outcome": outcome or Outcome(),
    }  # fmt: skip
