"""The retention schedule's editions, as data: the term each category of file is kept.

A published edition is never edited: a file records the edition and term it was handed
over under. A change (a new nomenclature of files approved by the court, a new list of
standard documents) is a new edition with the date it takes effect.

The terms are marked as the domain facts mark theirs: [U] until the court's approved
nomenclature of files confirms them. They follow the common practice of Kazakh
state archives: court files with a decision on the merits kept for long, files of
complaints returned unconsidered kept for 5 years, extradition and exceptional-review
files (state interest, precedent) kept permanently.
"""

from __future__ import annotations

from datetime import date

PERMANENT = None  # years: never destroyed

# (category, years or PERMANENT, basis)
CASSATION_2025 = (
    ("cassation_complaint", 25, "[U] criminal case file, cassation proceedings decided on the merits"),
    ("prosecutor_protest", 25, "[U] criminal case file, cassation proceedings on a protest"),
    ("judge_submission", PERMANENT, "[U] exceptional review (УПК ch. 52-1): precedent, kept permanently"),
    ("exceptional_review_application", PERMANENT, "[U] exceptional review (УПК ch. 52-1)"),
    ("extradition_complaint", PERMANENT, "[U] extradition (УПК 592): international, kept permanently"),
    ("extradition_materials", PERMANENT, "[U] extradition (УПК 592)"),
    ("legacy_petition", 25, "[U] the collegium's petitions before 1 July 2025"),
    ("case_file", 25, "[U] a criminal case file received (УПК 486(4))"),
    ("returned", 5, "[U] a complaint returned, withdrawn or joined: no decision on the merits"),
)

# (name, effective from, source, terms)
EDITIONS = (
    (
        "kz-archive-2025.1",
        date(2025, 7, 1),  # the cassation courts' first day
        "The court's nomenclature of files, after the list of standard documents with their retention terms "
        "(order of the Minister of Culture and Sports of 29 September 2017 No. 263) [U: to be confirmed]",
        CASSATION_2025,
    ),
)
