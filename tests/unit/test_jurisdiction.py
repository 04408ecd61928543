"""The jurisdiction table (data/courts.csv): every region's court, and forwarding picks
the court in force on the day for the competence and matter, and says why."""

from __future__ import annotations

from datetime import date

import pytest

from domain.international.errors import NoCompetentCourtError, UnknownCourtError
from domain.international.jurisdiction import (
    COURTS,
    Competence,
    CourtEntry,
    Instance,
    Matter,
    check_court_competent,
    competent_court,
    parse_courts,
    regions,
)

SERVICE, EVIDENCE, RECOGNITION = Competence.SERVICE_OF_DOCUMENTS, Competence.TAKING_EVIDENCE, Competence.RECOGNITION
TODAY = date(2026, 1, 15)
REGIONS = {
    "Abai region", "Akmola region", "Aktobe region", "Almaty region", "Atyrau region", "East Kazakhstan region",
    "Jambyl region", "Jetisu region", "Karaganda region", "Kostanay region", "Kyzylorda region", "Mangystau region",
    "North Kazakhstan region", "Pavlodar region", "Turkistan region", "Ulytau region", "West Kazakhstan region",
}  # fmt: skip
CITIES = {"Astana", "Almaty", "Shymkent"}


def test_the_17_regions_and_3_cities_each_have_their_court_for_every_competence_and_matter():
    assert set(regions(on=TODAY)) == REGIONS | CITIES | {"Republic of Kazakhstan"}
    for region in REGIONS | CITIES:
        courts = {
            competent_court(region, competence, TODAY, matter=matter).court
            for competence, matter in [(SERVICE, Matter.CIVIL), (EVIDENCE, Matter.CRIMINAL),
                                       (SERVICE, Matter.ADMINISTRATIVE), (RECOGNITION, Matter.CIVIL)]
        }  # fmt: skip
        assert len(courts) == 1, (region, courts)
    assert competent_court("Shymkent", SERVICE, TODAY).court == "shymkent-city"


def test_a_court_answers_only_from_its_effective_date_and_the_old_one_until_its_end():
    # Shymkent became a city of republican significance and South Kazakhstan region
    # Turkistan region on 19 June 2018.
    assert competent_court("South Kazakhstan region", SERVICE, date(2018, 6, 18)).court == "south-kazakhstan-regional"
    with pytest.raises(NoCompetentCourtError):
        competent_court("South Kazakhstan region", SERVICE, date(2018, 6, 19))
    with pytest.raises(NoCompetentCourtError):
        competent_court("Turkistan region", SERVICE, date(2018, 6, 18))
    after = competent_court("Turkistan region", SERVICE, date(2018, 6, 19))
    assert after.court == "turkistan-regional" and "in force from 2018-06-19" in after.why
    # The regions formed on 8 June 2022.
    for region in ("Abai region", "Jetisu region", "Ulytau region"):
        with pytest.raises(NoCompetentCourtError):
            competent_court(region, RECOGNITION, date(2022, 6, 7))
        assert competent_court(region, RECOGNITION, date(2022, 6, 8)).court.endswith("-regional")


def test_administrative_matters_only_from_the_appk_and_recognition_only_in_civil_matters():
    with pytest.raises(NoCompetentCourtError):
        competent_court("Almaty", SERVICE, date(2021, 6, 30), matter=Matter.ADMINISTRATIVE)
    choice = competent_court("Almaty", SERVICE, date(2021, 7, 1), matter=Matter.ADMINISTRATIVE)
    assert choice.court == "almaty-city" and "administrative matters" in choice.why and "АППК" in choice.why
    with pytest.raises(NoCompetentCourtError):
        competent_court("Almaty", RECOGNITION, TODAY, matter=Matter.CRIMINAL)
    assert "ГПК 501" in competent_court("Almaty", RECOGNITION, TODAY).why


def test_the_cassation_court_for_criminal_cases_is_listed_from_1_july_2025_but_never_forwarded_to():
    (cassation,) = [e for e in COURTS if e.court == "cassation-criminal"]
    assert (cassation.instance, cassation.effective_from) == (Instance.CASSATION, date(2025, 7, 1))
    assert cassation.matters == {Matter.CRIMINAL} and cassation.competence == frozenset()
    with pytest.raises(UnknownCourtError):
        check_court_competent("cassation-criminal", EVIDENCE, TODAY, matter=Matter.CRIMINAL)


def test_a_named_court_is_checked_and_a_district_row_is_chosen_before_the_regional_court():
    assert "chosen by the officer" in check_court_competent("astana-city", EVIDENCE, TODAY).why
    with pytest.raises(UnknownCourtError):
        check_court_competent("almaty-city", SERVICE, date(2015, 12, 31))
    with pytest.raises(NoCompetentCourtError):
        competent_court("Atlantis", RECOGNITION, TODAY)
    district = CourtEntry("almaty-medeu-district", "Almaty", Instance.DISTRICT, frozenset({SERVICE}), date(2026, 1, 1),
                          basis="ГПК 476")  # fmt: skip
    table = (*COURTS, district)
    assert competent_court("Almaty", SERVICE, TODAY, table).court == "almaty-medeu-district"
    assert competent_court("Almaty", SERVICE, date(2025, 12, 31), table).court == "almaty-city"
    assert competent_court("Almaty", EVIDENCE, TODAY, table).court == "almaty-city"


def test_the_table_is_parsed_strictly_and_names_a_bad_row():
    header = "court,name,region,instance,competence,matters,effective_from,effective_to,basis\n"
    with pytest.raises(ValueError, match="data row 1"):
        parse_courts(header + "x,X,R,regional,service_of_documents,civil,2016-13-01,,b\n")
    with pytest.raises(ValueError, match="data row 2"):
        parse_courts(header + "# a comment\nx,X,R,regional,,civil,2016-01-01,,b\ny,Y,R,county,,civil,2016-01-01,,b\n")
    # No two rows of a court overlap for the same competence and matter.
    seen: dict[tuple, list[CourtEntry]] = {}
    for e in COURTS:
        for c in e.competence:
            for m in e.matters:
                seen.setdefault((e.region, c, m), []).append(e)
    for rows in seen.values():
        rows.sort(key=lambda e: e.effective_from)
        for a, b in zip(rows, rows[1:], strict=False):
            assert a.effective_to is not None and a.effective_to <= b.effective_from, (a, b)
