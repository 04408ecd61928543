"""Refusals of the calendar's rules."""


class CalendarError(Exception):
    field: str = ""


class TransferDaysError(CalendarError):
    field = "from_day"

    def __init__(self, detail: str) -> None:
        super().__init__(f"not a transfer of a day off: {detail}")


class OrderTakesEffectTooLateError(CalendarError):
    field = "effective_from"

    def __init__(self) -> None:
        super().__init__("an order must take effect no later than the days it changes")


class MissingSourceError(CalendarError):
    field = "source"

    def __init__(self) -> None:
        super().__init__("an order needs its source reference (the act's number and date)")
