"""Depersonalising a judicial act: the same text, the rules and the persons known from the
case always give the same public text (pure: no clock, no I/O), so the public register
can be rebuilt, and an auditor can recompute any act's public text from the log.

In order: identity numbers; addresses; the names known from the case (its registration,
the notices to the parties, the ruling's defendants) in their declined forms and with
their initials; then names the case never registered, recognised by their form (after
a word such as "свидетель", with initials, with a patronymic), unless an official's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from domain.publication.iin import is_valid_iin
from domain.publication.rules import LOWER, UPPER, DepersonalisationRules


@dataclass(frozen=True)
class Person:
    """A person the case names: `role` is the procedural role registered for them, None when
    the case's events name them without one (a notified party, a defendant): always replaced."""

    name: str
    role: str | None = None


INITIALS = rf"(?-i:[{UPPER}]\.\s?(?:[{UPPER}]\.)?)"


def depersonalise(text: str, persons: Iterable[Person], rules: DepersonalisationRules) -> str:
    text = _iins(text, rules)
    text = _addresses(text, rules)
    stems = _name_stems(persons, rules)
    if stems:
        text = re.sub(_known_names_pattern(stems, rules), rules.name_placeholder, text, flags=re.IGNORECASE)
    text = _after_role_words(text, rules)
    for pattern in _name_patterns(rules):
        text = pattern.sub(lambda m: _unless_official(m, rules), text)
    return _collapsed(text, rules.name_placeholder)


def _iins(text: str, rules: DepersonalisationRules) -> str:
    def replace(match: re.Match) -> str:
        if rules.iin_needs_valid_check_digit and not is_valid_iin(match.group()):
            return match.group()
        return rules.iin_placeholder

    return re.sub(rules.iin_pattern, replace, text)


def _addresses(text: str, rules: DepersonalisationRules) -> str:
    for pattern in _address_patterns(rules):
        text = pattern.sub(rules.address_placeholder, text)
    placeholder = re.escape(rules.address_placeholder)
    return re.sub(rf"{placeholder}(?:[\s,]*{placeholder})+", rules.address_placeholder, text)


@lru_cache(maxsize=8)
def _address_patterns(rules: DepersonalisationRules) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p.format(upper=UPPER, lower=LOWER)) for p in rules.address_patterns)


@lru_cache(maxsize=8)
def _name_patterns(rules: DepersonalisationRules) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p.format(upper=UPPER, lower=LOWER)) for p in rules.name_patterns)


def _name_stems(persons: Iterable[Person], rules: DepersonalisationRules) -> list[tuple[str, int]]:
    """(stem, how many letters a declined form may add) for every word of every name replaced."""
    stems: set[tuple[str, int]] = set()
    longest_patronymic = max((len(e) for e in rules.patronymic_endings), default=0)
    for person in persons:
        if person.role is not None and person.role not in rules.replaced_roles:
            continue
        for word in re.findall(r"[\w'-]+", person.name.lower()):
            word = word.replace("ё", "е")
            if len(word) < rules.min_name_letters or word in rules.not_name_words or word.isdigit():
                continue
            stems.add((word, rules.max_ending_letters))
            stem = next(
                (word[: -len(e)] for e in rules.stem_endings if word.endswith(e)
                 and len(word) - len(e) >= rules.min_name_letters),
                None,
            )  # fmt: skip
            if stem:
                stems.add((stem, rules.max_ending_letters))
            if len(word) >= 4 and word[-2] in rules.fleeting_vowels and word[-1] not in "аеёиоуыэюяәіұүө":
                stems.add((word[:-2] + word[-1], rules.max_ending_letters))
            for ending in rules.patronymic_endings:
                root = word[: -len(ending)]
                if word.endswith(ending) and len(root) >= rules.min_name_letters:
                    stems.add((root, rules.max_ending_letters + longest_patronymic))
    # Longest first: the alternation then takes a whole name's word before a shorter stem of it.
    return sorted(stems, key=lambda s: (-len(s[0]), s))


def _letters(stem: str, rules: DepersonalisationRules) -> str:
    out = []
    for letter in stem:
        same = next((group for group in rules.letter_equivalents if letter in group), None)
        out.append(f"[{same}]" if same else re.escape(letter))
    return "".join(out)


def _known_names_pattern(stems: list[tuple[str, int]], rules: DepersonalisationRules) -> str:
    forms = "|".join(rf"{_letters(stem, rules)}\w{{0,{extra}}}" for stem, extra in stems)
    return rf"(?:{INITIALS}\s?)?(?<!\w)(?:{forms})(?!\w)(?:\s?{INITIALS})?"


def _after_role_words(text: str, rules: DepersonalisationRules) -> str:
    # A word of the name may already be a placeholder (a known name's word beside an unknown one).
    word = rf"(?:[{UPPER}][{LOWER}'-]+|[{UPPER}]\.|{re.escape(rules.name_placeholder)})"
    roles = "|".join(re.escape(stem) for stem in rules.person_role_stems)
    pattern = rf"(?P<role>(?i:(?<!\w)(?:{roles})\w*))(?P<sep>[\s:,]+)(?P<name>{word}(?:\s?{word}){{0,2}})"
    return re.sub(pattern, lambda m: f"{m['role']}{m['sep']}{rules.name_placeholder}", text)


def _unless_official(match: re.Match, rules: DepersonalisationRules) -> str:
    """A name just after "судья", "прокурор"... is an official's: public, kept. Initials just
    after a kept surname are that official's too ("Судья Ахметов Б.К. Үкім...": not "Б.К. Үкім")."""
    preceding = match.string[max(0, match.start() - 40) : match.start()]
    before = re.findall(r"\w+", preceding)
    if before and before[-1].lower().startswith(rules.official_stems):
        return match.group()
    if re.match(rf"[{UPPER}]\.", match.group()) and re.search(rf"(?<!\w)[{UPPER}][{LOWER}]+\s$", preceding):
        return match.group()
    return rules.name_placeholder


def _collapsed(text: str, placeholder: str) -> str:
    """One placeholder for a name's words replaced one by one (Иванов Пётр Сергеевич)."""
    mark = re.escape(placeholder)
    return re.sub(rf"{mark}(?:\s+{mark})+", placeholder, text)
