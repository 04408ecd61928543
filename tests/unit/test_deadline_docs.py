"""docs/deadlines.md lists every rule with the clause the code gives it."""

from pathlib import Path

from domain.deadlines.rule_sets import rule_book

DOC = Path(__file__).resolve().parents[2] / "docs" / "deadlines.md"


def test_every_rule_is_in_the_docs_table_with_its_clause():
    rows = {line.split("|")[1].strip(" `"): line for line in DOC.read_text("utf-8").splitlines()
            if line.startswith("| `")}  # fmt: skip
    for rule in rule_book():
        assert rule.rule_id in rows, f"{rule.rule_id} is missing from docs/deadlines.md"
        clause = rows[rule.rule_id].split("|")[2].strip()
        assert clause == rule.clause or rule.clause.startswith(clause.split(" (")[0]), (rule.rule_id, clause)
