"""Conditions and treatments: stated in the profile, suggested by the medication log, and
counted in the checklists and the NAFLD fibrosis score."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    LabReportFactory,
    LabResultFactory,
    MedicationFactory,
    WeightFactory,
    record_of,
)
from tracker.accounts.conditions import conditions_of, current_medicine_names
from tracker.labs import scores
from tracker.models import Profile
from tracker.science.conditions import LIPID_LOWERING

FORM = {
    "time_zone": "UTC",
    "weight_unit": "kg",
    "length_unit": "cm",
    "height_unit": "cm",
    "lab_units": "mg/dL",
    "waist_population": "US",
    "bmi_cutoffs": "WHO",
}


def test_the_profile_stores_conditions_and_treatments(owner, alice):
    response = owner.post(
        "/accounts/profile/",
        {**FORM, "diagnosis": "type2", "blood_pressure_treatment": "yes", "lipid_lowering": "no"},
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=alice)
    assert (profile.diagnosis, profile.blood_pressure_treatment) == ("type2", "yes")
    assert (profile.lipid_lowering, profile.glucose_lowering) == ("no", "")


def test_an_unknown_answer_is_refused_and_changes_nothing(owner, alice):
    response = owner.post("/accounts/profile/", {**FORM, "diagnosis": "type1"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Profile.objects.get(user=alice).diagnosis == ""


def test_the_profile_shows_what_the_medicines_list_suggests(owner, alice, bob):
    today = timezone.localdate()
    MedicationFactory(user=alice, name="Atorvastatin 20 mg", start_date=today)
    MedicationFactory(user=bob, name="Ramipril", start_date=today)
    html = owner.get("/accounts/profile/").content.decode()
    assert "You take atorvastatin: counted as lipid-lowering treatment." in html
    assert "Choose Yes to confirm or No to correct it." in html
    assert "ramipril" not in html.lower()


def test_the_profile_asks_anonymous_visitors_to_log_in(anon):
    assert anon.get("/accounts/profile/").status_code == 302


def test_only_current_medicines_count(alice):
    today = date(2026, 11, 20)
    MedicationFactory(
        user=alice,
        name="simvastatin",
        start_date=date(2025, 1, 1),
        stop_date=today - timedelta(days=1),
    )
    MedicationFactory(user=alice, name="metformin", start_date=today + timedelta(days=1))
    MedicationFactory(user=alice, name="ramipril", start_date=date(2025, 1, 1), stop_date=today)
    assert current_medicine_names(alice, today) == ["ramipril"]
    found = conditions_of(alice, alice.profile, today)
    assert found.treated == {"blood_pressure"}


def test_a_statin_in_the_log_meets_both_lipid_criteria_until_corrected(alice):
    MedicationFactory(user=alice, name="rosuvastatin", start_date=date(2020, 1, 1))
    report = LabReportFactory(user=alice, date=date(2026, 11, 1), fasting=True)
    LabResultFactory(user=alice, report=report, test_key="triglycerides", value=100)
    LabResultFactory(user=alice, report=report, test_key="hdl", value=70)
    metabolic, masld = scores.checklists(record_of(alice))
    for result in (metabolic, masld):
        assert result["triglycerides"].met and result["triglycerides"].treated
        assert result["hdl"].met and result["hdl"].treated
    alice.profile.lipid_lowering = "no"
    metabolic, masld = scores.checklists(record_of(alice))
    assert metabolic["hdl"].met is False and masld["triglycerides"].met is False
    assert not conditions_of(alice, alice.profile).on(LIPID_LOWERING)


def test_stated_treatments_and_diabetes_meet_their_criteria(alice):
    alice.profile.blood_pressure_treatment = "yes"
    alice.profile.diagnosis = "prediabetes"
    metabolic, masld = scores.checklists(record_of(alice))
    assert metabolic["blood_pressure"].met and masld["blood_pressure"].met
    assert masld["glucose"].met is True
    assert metabolic["glucose"].met is None  # the metabolic syndrome counts treatment only


@pytest.fixture
def nfs_labs(alice):
    """Normal glucose: the NAFLD score's glucose term is 0 unless diabetes is stated."""
    alice.profile.date_of_birth = date(1970, 6, 15)
    alice.profile.height_cm = 165
    day = date(2026, 6, 15)
    WeightFactory(user=alice, date=day, weight_kg=81.675)  # BMI 30
    report = LabReportFactory(user=alice, date=day, fasting=True)
    values = {"ast": 30, "alt": 30, "platelets": 200, "albumin": 4.0, "glucose": 90}
    for key, value in values.items():
        LabResultFactory(user=alice, report=report, test_key=key, value=value)
    return alice


def nfs_of(user):
    return scores.latest_indices(record_of(user))["nfs"]


def test_diagnosed_diabetes_sets_the_nafld_score_glucose_term(nfs_labs):
    without = nfs_of(nfs_labs)
    nfs_labs.profile.diagnosis = "type2"
    with_diabetes = nfs_of(nfs_labs)
    assert with_diabetes.value - without.value == pytest.approx(1.13)
    assert "Diabetes or its treatment" in [i.name for i in with_diabetes.inputs]


def test_a_glucose_lowering_medicine_sets_the_nafld_score_glucose_term(nfs_labs):
    without = nfs_of(nfs_labs).value
    MedicationFactory(user=nfs_labs, name="Metformin", start_date=date(2020, 1, 1))
    assert nfs_of(nfs_labs).value - without == pytest.approx(1.13)


def test_the_scores_page_names_what_counts_from_the_profile(owner, alice):
    MedicationFactory(user=alice, name="Lipitor", start_date=date(2020, 1, 1))
    alice.profile.diagnosis = "type2"
    alice.profile.save()
    html = owner.get("/labs/indices/").content.decode()
    assert "Medicines are not counted" not in html
    assert "You take Lipitor (atorvastatin): counted as lipid-lowering treatment." in html
    assert "type 2 diabetes was diagnosed" in html
    assert "Treatment or diagnosis counted from your profile" in html
