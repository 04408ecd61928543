"""Errors of the assignment context: each names the rule that refused the command."""


class AssignmentError(Exception):
    field: str | None = None


class UnknownJudgeError(AssignmentError):
    field = "judge_id"

    def __init__(self, judge_id: str) -> None:
        super().__init__(f"no judge {judge_id} on this court's roster")


class JudgeAlreadyEnrolledError(AssignmentError):
    field = "judge_id"

    def __init__(self, judge_id: str) -> None:
        super().__init__(f"judge {judge_id} is already on the roster")


class BackdatedAbsenceError(AssignmentError):
    field = "start"

    def __init__(self) -> None:
        super().__init__("an absence must be recorded before it starts, so that it cannot change a past draw")


class AbsenceEndsBeforeItStartsError(AssignmentError):
    field = "end"

    def __init__(self) -> None:
        super().__init__("an absence cannot end before it starts")


class SettingsNotAnnouncedAheadError(AssignmentError):
    field = "effective_from"

    def __init__(self) -> None:
        super().__init__(
            "changed distribution settings take effect no earlier than the day after their adoption "
            "(the first settings may apply from the day they are adopted, but not before)"
        )


class SettingsVersionError(AssignmentError):
    field = "version"

    def __init__(self, expected: int) -> None:
        super().__init__(f"the next settings version is {expected}")


class NoSettingsInForceError(AssignmentError):
    def __init__(self) -> None:
        super().__init__("no distribution settings are in force for this court yet")


class PoolTooSmallError(AssignmentError):
    def __init__(self, pool: int, needed: int) -> None:
        super().__init__(f"only {pool} judges can sit; the procedure needs {needed}")
        self.pool = pool
        self.needed = needed


class AlreadyDistributedError(AssignmentError):
    def __init__(self, case_id: str) -> None:
        super().__init__(f"case {case_id} has already been distributed")


class NotDistributedError(AssignmentError):
    def __init__(self, case_id: str) -> None:
        super().__init__(f"case {case_id} has not been distributed")


class AlreadyRecusedError(AssignmentError):
    field = "judge_id"

    def __init__(self, judge_id: str, case_id: str) -> None:
        super().__init__(f"judge {judge_id} is already recused from case {case_id}")


class NoSuchSeatError(AssignmentError):
    field = "seat"

    def __init__(self, seat: int, panel_size: int) -> None:
        super().__init__(f"the panel has seats 0 to {panel_size - 1}, not {seat}")
