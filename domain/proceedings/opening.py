"""Which registered items open a case, and which belong to one."""

from __future__ import annotations

from uuid import UUID

from domain.proceedings.errors import ItemCannotOpenCaseError
from domain.registry.filing import ItemKind
from domain.registry.incoming_item import IncomingItem, ItemStatus


def check_opens_a_case(item: IncomingItem) -> None:
    """An item opens a case if the registry did not return it and its kind is heard."""
    if item.status == ItemStatus.RETURNED:
        raise ItemCannotOpenCaseError(f"the registry already returned this item: {item.return_ground}")
    if item.kind.procedure is None:
        raise ItemCannotOpenCaseError(f"a {item.kind} joins an existing case; it does not open one")


def check_case_file_of(item: IncomingItem, case_id: UUID) -> None:
    """A case file received for a case is one registered as that case's file."""
    if item.kind != ItemKind.CASE_FILE or item.particulars.related_item_id != str(case_id):
        raise ItemCannotOpenCaseError(f"item {item.id} is not a case file registered for this case")
