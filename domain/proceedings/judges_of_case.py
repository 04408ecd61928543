"""Which judges act for the court on a case.

A case's judges are the panel the automatic distribution assigned to it (recusals and
reassignments included). A judge's account acts on a case (acceptance or return,
case-file requests, notices, hearings, withdrawal, joinder, ruling, act) only if its
judge sits on that panel. Until the case is distributed (its court has no roster or no
settings in force yet, or the distributor has not reached it) no judge sits on it: then
the court's chairs (collegium chair, deputy chair, court chair) act for it, since the
decision on admissibility cannot wait for the roster, and so does the head's office
(its roles are not judges' accounts). Other roles are checked by the API's role table.

The ruling and the judicial act are the judges' who sat at the hearing, substitutes
included (ProceedingsCase._check_sat): those steps are not checked against the panel.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.actor import Actor, JudgeNotEntitledError, Role

# Steps decided by the panel that sat at the hearing, not the one assigned.
SAT_STEPS = frozenset({"enter_ruling", "enter_judicial_act"})


@dataclass(frozen=True)
class JudgesOfCase:
    court: str
    panel: tuple[str, ...] | None  # None: not distributed yet
    chairs: tuple[str, ...] = ()  # the court's chairs, who act for a case not yet distributed

    def check(self, actor: Actor, step: str) -> None:
        """Refuse a judge's account whose judge is not one of the case's judges (`step`:
        the command's name, as in the lifecycle table)."""
        if actor.role != Role.JUDGE or step in SAT_STEPS:
            return
        who = f"judge {actor.judge_id} of {actor.judge_court}" if actor.judge_id else "an account linked to no judge"
        if self.panel is not None:
            if actor.is_one_of(self.court, self.panel):
                return
            raise JudgeNotEntitledError(
                f"{who} does not sit on this case (panel: {', '.join(self.panel)}); {step} is for its panel"
            )
        if actor.is_one_of(self.court, self.chairs):
            return
        chairs = ", ".join(self.chairs) or "none on the roster"
        raise JudgeNotEntitledError(
            f"this case of {self.court} is not distributed yet: until it is, {step} is for the court's chairs "
            f"({chairs}) or the head's office, not {who}"
        )
