"""Errors of the registry context: each one names the rule that refused the command."""


class RegistryError(Exception):
    """A registry command was refused by a domain rule."""

    field: str | None = None
    location: str = "body"


class ComplaintError(RegistryError):
    pass


class ReceiptInFutureError(ComplaintError):
    field = "received_at"

    def __init__(self) -> None:
        super().__init__("the receipt time is later than the moment of registration")


class ContestedActAfterReceiptError(ComplaintError):
    field = "contested_act.act_date"

    def __init__(self) -> None:
        super().__init__("the judicial act complained of is dated after the complaint was received")


class ComplaintNotFoundError(RegistryError):
    def __init__(self, complaint_id: object) -> None:
        super().__init__(f"no complaint with id {complaint_id}")
        self.complaint_id = complaint_id


class RegistrationBusyError(RegistryError):
    def __init__(self, court: str) -> None:
        super().__init__(f"the registration journal of {court} is too busy; nothing was registered, retry")


class IdempotencyKeyReusedError(RegistryError):
    field = "Idempotency-Key"
    location = "header"

    def __init__(self) -> None:
        super().__init__("this Idempotency-Key was already used for a different request")
