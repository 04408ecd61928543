"""`sotflow audit distribution <case>` and the console's "re-run this case's draw": one check,
read from the log itself (the case's assignment events, and its registration on the registry's)."""

from __future__ import annotations

from typing import Any

from audit.distribution import audit_case
from sotflow.eventlog import case_history
from sotflow.settings import Settings


def audit_distribution(settings: Settings, case_id: str) -> dict[str, Any]:
    return audit_case(
        case_id,
        case_history(settings, case_id, ("assignment",)),
        {e.get("id") for e in case_history(settings, case_id, ("registry",))},
    )
