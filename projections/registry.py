"""The list of every projection, for migrations, consumers and rebuilds."""

from types import ModuleType

from projections import (
    applications_register,
    archive_register,
    audit_trail,
    case_register,
    deadline_register,
    destruction_acts,
    foreign_requests,
    hearings_calendar,
    incoming_register,
    inforequests_register,
    international_projects,
    personnel_register,
    public_acts,
    receptions_register,
    rulings_register,
    workload,
)

ALL_PROJECTIONS: tuple[ModuleType, ...] = (
    incoming_register,
    case_register,
    hearings_calendar,
    rulings_register,
    deadline_register,
    audit_trail,
    workload,
    foreign_requests,
    applications_register,
    receptions_register,
    archive_register,
    destruction_acts,
    public_acts,
    inforequests_register,
    personnel_register,
    international_projects,
)


def by_name(name: str) -> ModuleType:
    for projection in ALL_PROJECTIONS:
        if projection.NAME == name:
            return projection
    raise KeyError(f"no projection named {name!r}; known: {', '.join(p.NAME for p in ALL_PROJECTIONS)}")
