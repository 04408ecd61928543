"""Errors of the registry context: each one names the rule that refused the command."""


class RegistryError(Exception):
    """A registry command was refused by a domain rule."""

    field: str | None = None
    location: str = "body"


class ParticularsError(RegistryError):
    pass


class ReceiptInFutureError(ParticularsError):
    field = "received_at"

    def __init__(self) -> None:
        super().__init__("the receipt time is later than the moment of registration")


class NotAComplainantError(ParticularsError):
    field = "filer.procedural_role"

    def __init__(self, role: object) -> None:
        super().__init__(f"a cassation complaint is filed by a party of УПК 484, not by a {role}")


class UnknownCourtNamedError(ParticularsError):
    field = "court"

    def __init__(self, court: str, known: list[str]) -> None:
        super().__init__(
            f"no court {court!r} registers items here; known courts: {', '.join(known)} "
            "(and any court whose roster has been enrolled)"
        )


class ContestedActAfterReceiptError(ParticularsError):
    field = "contested_act.act_date"

    def __init__(self) -> None:
        super().__init__("the judicial act complained of is dated after the item was received")


class RelatedItemRequiredError(ParticularsError):
    field = "related_item_id"

    def __init__(self, kind: object) -> None:
        super().__init__(f"a {kind} belongs to a registered case: give that case's item id")


class RelatedItemNotFoundError(ParticularsError):
    field = "related_item_id"

    def __init__(self, item_id: object) -> None:
        super().__init__(f"no registered item with id {item_id}")


class ItemNotFoundError(RegistryError):
    def __init__(self, item_id: object) -> None:
        super().__init__(f"no incoming item with id {item_id}")
        self.item_id = item_id


class RegistrationBusyError(RegistryError):
    def __init__(self, court: str) -> None:
        super().__init__(f"the registration journal of {court} is too busy; nothing was registered, retry")


class IdempotencyKeyReusedError(RegistryError):
    field = "Idempotency-Key"
    location = "header"

    def __init__(self) -> None:
        super().__init__("this Idempotency-Key was already used for a different request")


class FilingTermNotToBeCheckedError(RegistryError):
    """The item's filing term was checked at registration, or already confirmed."""

    def __init__(self, item_id: object) -> None:
        super().__init__(f"item {item_id} has no filing term to be checked: it was checked at registration or since")
