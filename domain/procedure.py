"""How a case is heard: shared by the registry (which kind needs which) and assignment."""

from enum import StrEnum


class Procedure(StrEnum):
    CASSATION = "cassation"  # a panel of three (УПК 492)
    EXTRADITION = "extradition"  # one judge (УПК 592)
