"""The depersonalisation rules as data: what is replaced in a judicial act before the public
sees it, one version per change, each with its effective date and source.

A published version is never edited: the public text of an act is computed with the
version in force on the day the act was published, and an auditor recomputes it from
the log with that same version (docs/public-information.md). A change is a new version
appended to RULES, in force from a later day.

The patterns are regular expressions (Python `re`); `{upper}` and `{lower}` stand for the
capital and small letters of the Kazakh, Russian and Latin alphabets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.registry.filing import ProceduralRole

UPPER = "A-ZА-ЯЁӘІҢҒҮҰҚӨҺ"
LOWER = "a-zа-яёәіңғүұқөһ"

PERSONAL_DATA_LAW = "Law No. 94-V of 21 May 2013 'On personal data and their protection', art. 1, 7"
ACCESS_LAW = "Law No. 401-V of 16 November 2015 'On access to information', art. 5"
# The Supreme Court's own rules for publishing judicial acts on its internet resource: their
# text was not found [U]; the roles below follow the reading of 004 §15.20.
COURT_RULES = "Rules of publication of judicial acts on the courts' internet resource (text not found, [U])"


@dataclass(frozen=True)
class DepersonalisationRules:
    version: str
    effective_from: date
    source: str
    # What a replaced piece becomes, by kind of personal data.
    name_placeholder: str
    iin_placeholder: str
    address_placeholder: str
    # The procedural roles of a filer whose name is replaced (officials' names stay public).
    replaced_roles: frozenset[str]
    # Words of a registered name that are not part of the name ("Sadykova G., advocate").
    not_name_words: frozenset[str]
    # A name's word shorter than this is not matched on its own (initials, particles).
    min_name_letters: int
    # Endings dropped from a name's word to get the stem its declined forms share, longest first.
    stem_endings: tuple[str, ...]
    # Letters a declined form may add to a stem (Russian case endings, Kazakh case suffixes).
    max_ending_letters: int
    # Endings of patronymics (Russian and Kazakh): the father's name before them is a stem too.
    patronymic_endings: tuple[str, ...]
    # A vowel between a name's last two consonants that declension drops (Павел, Павла).
    fleeting_vowels: str
    # Letters a name may be spelt with in either Kazakh or Russian spelling (Серікбаев, Серикбаев).
    letter_equivalents: tuple[str, ...]
    # Stems of words after which a person's name follows (witnesses, victims, defendants...).
    person_role_stems: tuple[str, ...]
    # Stems of words after which a name belongs to an official and stays (judge, prosecutor...).
    official_stems: tuple[str, ...]
    # Identity numbers: the pattern, and whether only those with a valid check digit are replaced.
    iin_pattern: str
    iin_needs_valid_check_digit: bool
    # Names not registered anywhere, recognised by their form.
    name_patterns: tuple[str, ...]
    # Street, house and flat (the city stays).
    address_patterns: tuple[str, ...]


V1 = DepersonalisationRules(
    version="kz-acts-2025.1",
    effective_from=date(2025, 7, 1),
    source=f"{PERSONAL_DATA_LAW}; {ACCESS_LAW}; {COURT_RULES}",
    name_placeholder="[ФИО]",
    iin_placeholder="[ИИН]",
    address_placeholder="[адрес]",
    replaced_roles=frozenset(
        {
            ProceduralRole.CONVICT,
            ProceduralRole.ACQUITTED,
            ProceduralRole.DEFENDER,
            ProceduralRole.VICTIM,
            ProceduralRole.VICTIM_REPRESENTATIVE,
            ProceduralRole.CIVIL_CLAIMANT,
            ProceduralRole.CIVIL_DEFENDANT,
            ProceduralRole.LEGAL_REPRESENTATIVE,
            ProceduralRole.PERSON_TO_BE_EXTRADITED,
        }
    ),
    not_name_words=frozenset(
        {
            "advocate",
            "адвокат",
            "защитник",
            "представитель",
            "өкіл",
            "қорғаушы",
            "гражданин",
            "гражданка",
            "азамат",
            "азаматша",
            "осужденный",
            "осуждённый",
            "сотталған",
        }
    ),  # fmt: skip
    min_name_letters=3,
    stem_endings=("ий", "ый", "ой", "ая", "яя", "а", "я", "ь", "й", "ы", "і"),
    max_ending_letters=5,
    patronymic_endings=("ович", "евич", "овна", "евна", "ична", "ұлы", "улы", "қызы", "кызы"),
    fleeting_vowels="еоё",
    letter_equivalents=("аә", "иі", "уұү", "кқ", "гғ", "нң", "оө", "хһ", "её"),
    person_role_stems=(
        "свидетел",
        "потерпевш",
        "осужденн",
        "осуждённ",
        "оправданн",
        "подсудим",
        "обвиняем",
        "подозреваем",
        "гражданин",
        "гражданк",
        "истц",
        "истец",
        "ответчик",
        "представител",
        "защитник",
        "адвокат",
        "куәгер",
        "жәбірленуш",
        "сотталған",
        "сотталушы",
        "айыпталушы",
        "күдікті",
        "азамат",
        "талапкер",
        "жауапкер",
        "қорғаушы",
        "өкіл",
    ),  # fmt: skip
    official_stems=(
        "судь",
        "судей",
        "председательств",
        "прокурор",
        "секретар",
        "судьяс",
        "төраға",
        "хатшы",
    ),  # fmt: skip
    iin_pattern=r"(?<!\d)\d{12}(?!\d)",
    # Every 12-digit number is replaced, valid check digit or not: a mistyped IIN still names a person.
    iin_needs_valid_check_digit=False,
    name_patterns=(
        # Surname and initials, either way round: Иванов П.С., П.С. Иванов, Серікбаев Ә.Н.
        r"(?<!\w)[{upper}][{lower}]+(?:-[{upper}][{lower}]+)?\s?[{upper}]\.\s?(?:[{upper}]\.)?",
        r"(?<!\w)[{upper}]\.\s?(?:[{upper}]\.\s?)?[{upper}][{lower}]+(?:-[{upper}][{lower}]+)?",
        # A full name with a patronymic: Петров Иван Иванович, Әлібек Нұрланұлы Серікбаев.
        r"(?<!\w)(?:[{upper}][{lower}]+\s){{0,2}}[{upper}][{lower}]*(?:ович|евич|овна|евна|ична|ұлы|улы|қызы|кызы)"
        r"[{lower}]{{0,3}}(?:\s[{upper}][{lower}]+)?(?!\w)",
    ),
    address_patterns=(
        r"(?i:(?<!\w)(?:ул|улица|пр|пр-т|проспект|пер|переулок|б-р|бульвар|мкр|микрорайон)\.?)\s+"
        r"[«\"]?[\w-]+[»\"]?(?:\s[{upper}][\w-]+)?(?:\s\d+[\w/-]*)?",
        r"(?i:(?<!\w)(?:д|дом)\.?)\s*№?\s*\d+[\w/-]*",
        r"(?i:(?<!\w)(?:кв|квартира|оф|офис)\.?)\s*№?\s*\d+[\w/-]*",
        r"(?<!\w)(?:[{upper}][\w-]*\s|\d+-?\s?){{1,2}}(?:көшесі|даңғылы|шағын\sауданы|ықшам\sауданы|тұйық\sкөшесі)"
        r"(?!\w)(?:,?\s*\d+[\w/-]*)?",
        r"(?<!\w)\d+[\w/]*\s?-?\s?(?:үй|пәтер)(?!\w)",
        r"(?<!\w)(?:үй|пәтер)\s*№?\s*\d+[\w/-]*",
    ),
)

# Every version ever in force, oldest first.
RULES: tuple[DepersonalisationRules, ...] = (V1,)


def rules_in_force(day: date) -> DepersonalisationRules:
    """The version in force on the day an act was published; the first version also for
    acts published before it (it is the oldest the system has)."""
    in_force = [rules for rules in RULES if rules.effective_from <= day]
    return in_force[-1] if in_force else RULES[0]


def rules_version(version: str) -> DepersonalisationRules:
    for rules in RULES:
        if rules.version == version:
            return rules
    raise KeyError(f"no depersonalisation rules {version!r}; known: {', '.join(r.version for r in RULES)}")
