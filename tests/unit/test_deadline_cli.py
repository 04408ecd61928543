"""`sotflow deadline compute|rules` and `sotflow calendar working-days`, with the
calendar built into the release (no services needed)."""

from typer.testing import CliRunner

from entrypoints.cli.main import app

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_compute_prints_the_due_instant_with_its_offset_and_the_rule_version():
    code, out = run("deadline", "compute", "--rule", "cassation.return-inadmissible",
                    "--start", "2025-10-22T16:00:00+05:00", "--builtin-calendar")  # fmt: skip
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == "due: 2025-10-28T23:59:59+05:00"
    assert lines[1] == "due (UTC): 2025-10-28T18:59:59+00:00"
    assert lines[2].startswith("rule: cassation.return-inadmissible v1 (set upk-2025")
    assert "clause: УПК 489" in lines


def test_compute_as_of_chooses_the_version_in_force_on_that_date():
    code, out = run("deadline", "compute", "--rule", "cassation.filing-to-worsen", "--start", "2024-02-29",
                    "--as-of", "2025-08-01", "--builtin-calendar")  # fmt: skip
    assert code == 0, out
    assert out.splitlines()[0] == "due: 2025-02-28T23:59:59+05:00"
    code, out = run("deadline", "compute", "--rule", "legacy.hearing", "--start", "2025-08-01T10:00",
                    "--builtin-calendar")  # fmt: skip
    assert code == 1 and "no version of rule 'legacy.hearing' is in force on 2025-08-01" in out


def test_rules_lists_every_rule_with_its_clause():
    code, out = run("deadline", "rules")
    assert code == 0
    assert "cassation.decision v1\tУПК 492\t6 months\tupk-2025 from 2025-07-01" in out
    assert "legacy.hearing v1\tУПК 492 (text until 30 June 2025)\t30 calendar days\tupk-legacy from 2015-01-01 to " \
           "2025-06-30" in out  # fmt: skip
    from domain.deadlines.rule_sets import rule_book

    assert len(out.splitlines()) == len(list(rule_book())) == 25  # one line per rule version


def test_working_days_counts_and_lists_the_days_off():
    code, out = run("calendar", "working-days", "2025-03-01", "2025-03-31", "--builtin-calendar")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == "working days: 17"
    assert "2025-03-10\tMonday\tday off moved from 2025-03-08 (International Women's Day)" in lines
    assert "2025-03-01\tSaturday\tweekend" in lines
    assert len([line for line in lines if line.startswith("2025-")]) == 14
