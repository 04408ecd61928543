"""Which judges may hear an item: the specialisation its offence implies.

The mapping from Criminal Code articles to specialisations is the court's own
(no statute fixes it), so it is data handed in by the caller; articles not in it
go to the collegium's general criminal specialisation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from domain.registry.filing import Offence

GENERAL_CRIMINAL = "criminal"

_ARTICLE_NUMBER = re.compile(r"\d+(?:-\d+)?")


def article_number(article: str) -> str | None:
    """'188 ч.2 п.3' -> '188'; '429-1' -> '429-1'."""
    match = _ARTICLE_NUMBER.search(article)
    return match.group(0) if match else None


def implied_specialisation(offence: Offence | None, by_article: Mapping[str, str]) -> str:
    if offence is None:
        return GENERAL_CRIMINAL
    number = article_number(offence.article)
    return by_article.get(number, GENERAL_CRIMINAL) if number else GENERAL_CRIMINAL
