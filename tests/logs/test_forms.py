"""Adding and editing entries: units, limits at their edges, one-per-day rules."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.conftest import HTMX
from tests.factories import CheckInFactory, WeightFactory
from tracker.models import (
    BloodPressure,
    CheckIn,
    DietCheck,
    Exercise,
    Meal,
    Measurement,
    Medication,
    WeightEntry,
)


def today():
    return timezone.localdate().isoformat()


def post(client, slug, data, **extra):
    return client.post(f"/log/{slug}/add/", {"date": today(), **data}, **extra)


class TestWeight:
    def test_stores_kg_beside_the_typed_value_and_unit(self, owner, alice):
        post(owner, "weight", {"weight": "200", "unit": "lb"})
        entry = WeightEntry.objects.get(user=alice)
        assert entry.weight_kg == pytest.approx(90.718474)
        assert entry.value_typed == Decimal("200") and entry.unit_typed == "lb"

    @pytest.mark.parametrize(
        "value, unit, ok",
        [
            ("20", "kg", True),
            ("19.99", "kg", False),
            ("350", "kg", True),
            ("350.01", "kg", False),
            ("44.1", "lb", True),  # 20.0034 kg
            ("44.09", "lb", False),  # 19.9989 kg
            ("771.6", "lb", True),  # 349.99 kg
            ("771.7", "lb", False),
            ("400", "lb", True),  # a 300 kg cap must not block 400 lb (181 kg)
        ],
    )
    def test_limits_are_unit_aware_at_the_edges(self, owner, alice, value, unit, ok):
        response = post(owner, "weight", {"weight": value, "unit": unit})
        assert WeightEntry.objects.filter(user=alice).exists() is ok
        if not ok:
            expected = "20 and 350 kg" if unit == "kg" else "44.1 and 771.6 lb"
            assert f"Enter a weight between {expected}." in response.content.decode()

    def test_a_second_weight_on_the_same_day_updates_and_says_so(self, owner, alice):
        post(owner, "weight", {"weight": "90", "unit": "kg"})
        response = post(owner, "weight", {"weight": "89.4", "unit": "kg"}, follow=True)
        assert WeightEntry.objects.filter(user=alice).count() == 1
        assert WeightEntry.objects.get(user=alice).weight_kg == pytest.approx(89.4)
        assert "already had a weight" in response.content.decode()

    def test_future_dates_are_refused(self, owner, alice):
        tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
        response = owner.post("/log/weight/add/", {"date": tomorrow, "weight": 80, "unit": "kg"})
        assert "cannot be in the future" in response.content.decode()
        assert not WeightEntry.objects.exists()

    @pytest.mark.parametrize("value", ["", "abc", "1e400", "-5", "NaN"])
    def test_garbage_is_refused_without_a_500(self, owner, value):
        response = post(owner, "weight", {"weight": value, "unit": "kg"})
        assert response.status_code == 200
        assert not WeightEntry.objects.exists()

    def test_an_unknown_unit_is_refused(self, owner):
        post(owner, "weight", {"weight": "80", "unit": "stone-ish"})
        assert not WeightEntry.objects.exists()

    def test_editing_onto_another_days_weight_is_refused(self, owner, alice):
        day = timezone.localdate()
        WeightFactory(user=alice, date=day, weight_kg=80)
        other = WeightFactory(user=alice, date=day - timedelta(days=1), weight_kg=81)
        response = owner.post(
            f"/log/weight/{other.pk}/edit/", {"date": day.isoformat(), "weight": 82, "unit": "kg"}
        )
        assert "already a weight on that date" in response.content.decode()
        assert sorted(WeightEntry.objects.values_list("weight_kg", flat=True)) == [80, 81]

    def test_edit_keeps_what_was_typed(self, owner, alice):
        entry = WeightFactory(user=alice, weight_kg=90.718474, value_typed=200, unit_typed="lb")
        html = owner.get(f"/log/weight/{entry.pk}/edit/").content.decode()
        assert 'value="200' in html and '<option value="lb" selected>' in html


class TestMeasurement:
    def test_waist_in_inches_is_stored_in_cm(self, owner, alice):
        post(owner, "measurements", {"waist": "40", "unit": "in", "hips": "42"})
        entry = Measurement.objects.get(user=alice)
        assert entry.waist_cm == pytest.approx(101.6)
        assert entry.hips_cm == pytest.approx(106.68)

    @pytest.mark.parametrize(
        "waist, ok", [("40", True), ("39.9", False), ("250", True), ("250.1", False)]
    )
    def test_waist_limits_at_the_edges(self, owner, waist, ok):
        post(owner, "measurements", {"waist": waist, "unit": "cm"})
        assert Measurement.objects.exists() is ok

    def test_waist_limit_message_is_in_inches(self, owner):
        response = post(owner, "measurements", {"waist": "200", "unit": "in"})
        assert "between 15.8 and 98.4 in" in response.content.decode()


@pytest.mark.parametrize(
    "field, low, high",
    [("minutes", 1, 600), ("steps", 0, 100000)],
)
def test_exercise_limits_at_the_edges(owner, field, low, high):
    base = {"activity": "Walking", "kind": "aerobic", "intensity": "moderate", "minutes": 30}
    for value, ok in [(low, True), (low - 1, False), (high, True), (high + 1, False)]:
        Exercise.objects.all().delete()
        post(owner, "exercise", {**base, field: value})
        assert Exercise.objects.exists() is ok, (field, value)


def test_meal_with_tags_and_nutrients(owner, alice):
    post(
        owner,
        "meals",
        {
            "meal": "dinner",
            "description": "Salmon",
            "fibre_g": "8.5",
            "tags": ["fish", "vegetables"],
        },
    )
    meal = Meal.objects.get(user=alice)
    assert meal.tags == ["fish", "vegetables"] and meal.fibre_g == Decimal("8.5")


def test_meal_rejects_unknown_tags_and_absurd_fibre(owner):
    post(owner, "meals", {"meal": "lunch", "description": "x", "tags": ["cigarettes"]})
    post(owner, "meals", {"meal": "lunch", "description": "x", "fibre_g": "150.1"})
    assert not Meal.objects.exists()


@pytest.mark.parametrize(
    "field, low, high",
    [("sleep_hours", 0, 24), ("stress", 1, 5), ("energy", 1, 5), ("alcohol_drinks", 0, 40)],
)
def test_check_in_limits_at_the_edges(owner, field, low, high):
    step = 1 if field in ("stress", "energy") else Decimal("0.1")
    for value, ok in [(low, True), (low - step, False), (high, True), (high + step, False)]:
        CheckIn.objects.all().delete()
        post(owner, "checkins", {field: value})
        assert CheckIn.objects.exists() is ok, (field, value)


def test_check_in_shows_alcohol_in_grams(owner, alice):
    CheckInFactory(user=alice, date=timezone.localdate(), alcohol_drinks=2)
    assert "2 drinks (28 g)" in owner.get("/log/checkins/").content.decode()


def test_blood_pressure_limits_and_order(owner):
    base = {"time": "07:30", "systolic": 120, "diastolic": 80}
    for data, ok in [
        ({}, True),
        ({"systolic": 59}, False),
        ({"systolic": 260, "diastolic": 160}, True),
        ({"systolic": 261}, False),
        ({"diastolic": 29}, False),
        ({"systolic": 120, "diastolic": 120}, False),
        ({"pulse": 221}, False),
    ]:
        BloodPressure.objects.all().delete()
        post(owner, "blood-pressure", {**base, **data})
        assert BloodPressure.objects.exists() is ok, data


def test_medication_stop_cannot_precede_start(owner):
    response = owner.post(
        "/log/medications/add/",
        {"name": "Metformin", "start_date": "2026-05-01", "stop_date": "2026-04-01"},
    )
    assert "cannot be before the start date" in response.content.decode()
    assert not Medication.objects.exists()


def test_diet_check_is_scored_and_kept_per_week(owner, alice):
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    owner.post(
        "/log/diet-check/add/",
        {"week_start": monday.isoformat(), "vegetables": "on", "fish": "on", "nuts": "on"},
    )
    later = owner.post("/log/diet-check/add/", {"week_start": today(), "vegetables": "on"})
    check = DietCheck.objects.get(user=alice)
    assert check.week_start == monday and check.score == 1
    assert later.status_code == 302


def test_the_diet_check_has_no_alcohol_question():
    from tracker.science import diet_check

    text = " ".join(question.lower() for _, question in diet_check.QUESTIONS)
    assert "wine" not in text and "alcohol" not in text
    assert diet_check.MAX_SCORE == 13


def test_the_owner_comes_from_the_request_not_the_form(owner, alice, bob):
    post(owner, "weight", {"weight": "80", "unit": "kg", "user": bob.pk})
    assert WeightEntry.objects.get().user == alice


def test_htmx_errors_come_back_inline_in_the_card(owner):
    response = post(owner, "weight", {"weight": "5", "unit": "kg"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="card tile tile-weight is-open" id="card-')
    assert "Enter a weight between 20 and 350 kg." in html
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize("fat, ok", [("3", True), ("2.9", False), ("70", True), ("80", False)])
def test_body_fat_limits_say_percent_without_breaking(owner, fat, ok):
    response = post(owner, "measurements", {"waist": "90", "unit": "cm", "body_fat_percent": fat})
    assert response.status_code in (200, 302)
    assert Measurement.objects.exists() is ok
    if not ok:
        assert "Enter body fat between 3 and 70 %." in response.content.decode()
