"""Who may see what: confidentiality levels cleared for each role.

Confidential items (extradition by default, minors...) are for those who work the
case and those who oversee it; state secrets for judges, the heads and auditors.
A role not cleared for an item does not learn it exists: it is absent from lists,
and a direct read answers 404.
"""

from __future__ import annotations

from uuid import UUID

from domain.actor import Role
from domain.registry.errors import ItemNotFoundError
from domain.registry.filing import Confidentiality

_ALL = (Confidentiality.PUBLIC, Confidentiality.CONFIDENTIAL, Confidentiality.SECRET)
CLEARED: dict[Role, tuple[str, ...]] = {
    Role.REGISTRAR: (Confidentiality.PUBLIC, Confidentiality.CONFIDENTIAL),
    Role.JUDGE: _ALL,
    Role.HEAD: _ALL,
    Role.DEPUTY_HEAD: _ALL,
    Role.AUDITOR: _ALL,
    Role.CONSULTANT: (Confidentiality.PUBLIC,),
    Role.INTERNATIONAL_OFFICER: (Confidentiality.PUBLIC,),
    # The archive keeps what the registry registered: cleared as the registrar is.
    Role.ARCHIVIST: (Confidentiality.PUBLIC, Confidentiality.CONFIDENTIAL),
    # The practice-analysis sector works from what is public (statistics, published practice).
    Role.ANALYST: (Confidentiality.PUBLIC,),
    Role.INTEGRATION_SERVICE: (Confidentiality.PUBLIC,),
}


def cleared_levels(role: Role) -> list[str]:
    return [str(level) for level in CLEARED.get(role, (Confidentiality.PUBLIC,))]


def may_see(role: Role, confidentiality: str | None) -> bool:
    return (confidentiality or Confidentiality.PUBLIC) in cleared_levels(role)


def may_see_case(system, role: Role, case_id: UUID | str) -> bool:
    """Whether the role may learn of a case, by the confidentiality of the item it opened
    from (read from the event store: no projection to wait for). True when no item has
    that id, so the caller answers as for any unknown case."""
    try:
        item = system.registry.get_item(UUID(str(case_id)))
    except (ValueError, ItemNotFoundError):
        return True
    return may_see(role, item.particulars.confidentiality)


def request_levels(role: Role) -> list[str]:
    """Levels of foreign requests a role sees: the international line's own officers work its
    confidential requests; others see them by their clearance."""
    levels = cleared_levels(role)
    return [*levels, str(Confidentiality.CONFIDENTIAL)] if role == Role.INTERNATIONAL_OFFICER else levels


def subject_levels(role: Role) -> list[str]:
    """What a role may see of items named by a subject (a deadline's, say), as the
    "register/level" values projections.store.level_of_subject gives."""
    return (
        [f"{register}/{level}" for register in ("case", "application", "reception") for level in cleared_levels(role)]
        + [f"request/{level}" for level in request_levels(role)]
        + ["none/public"]
    )
