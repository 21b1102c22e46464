"""Unit conversions (tracker/units.py): pure, no database."""

from decimal import Decimal

import pytest

from tracker.science import units

EVERY_UNIT = [(analyte, unit) for analyte, scales in units.CONVERSIONS.items() for unit in scales]


@pytest.mark.parametrize(("analyte", "unit"), EVERY_UNIT)
@pytest.mark.parametrize("canonical", [0.5, 7.0, 123.4])
def test_every_unit_round_trips_from_canonical(analyte, unit, canonical):
    shown = units.from_canonical(analyte, canonical, unit)
    assert units.to_canonical(analyte, shown, unit) == pytest.approx(canonical)


@pytest.mark.parametrize(("analyte", "unit"), EVERY_UNIT)
def test_every_unit_round_trips_from_typed_value(analyte, unit):
    canonical = units.to_canonical(analyte, 42.0, unit)
    assert units.from_canonical(analyte, canonical, unit) == pytest.approx(42.0)


@pytest.mark.parametrize("analyte", list(units.CONVERSIONS))
def test_the_canonical_unit_is_the_first_and_is_identity(analyte):
    unit = units.canonical_unit(analyte)
    assert unit == units.accepted_units(analyte)[0]
    assert units.to_canonical(analyte, 12.5, unit) == 12.5


@pytest.mark.parametrize(
    ("analyte", "value", "unit", "canonical"),
    [
        ("hba1c", 48, "mmol/mol", 6.5),  # 0.09148 × 48 + 2.152 = 6.543
        ("glucose", 5.55, "mmol/L", 100),  # 5.55 × 18.016 = 99.99
        ("glucose", 7.0, "mmol/L", 126.1),  # 7.0 × 18.016 = 126.11
        ("cholesterol", 5.17, "mmol/L", 199.9),  # 5.17 × 38.67 = 199.92
        ("triglycerides", 1.7, "mmol/L", 150.6),  # 1.7 × 88.57 = 150.57
        ("insulin", 60, "pmol/L", 10.0),  # 60 / 6.00
        ("insulin", 10, "mIU/L", 10.0),
        ("enzyme", 1, "µkat/L", 60.0),
        ("enzyme", 35, "IU/L", 35.0),
        ("platelets", 250_000, "/µL", 250.0),
        ("platelets", 250, "10³/µL", 250.0),
        ("albumin", 40, "g/L", 4.0),
        ("creatinine", 88.4, "µmol/L", 1.0),
        ("weight", 1, "lb", 0.45359237),
        ("weight", 1, "st", 6.35029318),  # 14 × 0.45359237
        ("length", 1, "in", 2.54),
    ],
)
def test_known_conversions(analyte, value, unit, canonical):
    assert units.to_canonical(analyte, value, unit) == pytest.approx(canonical, abs=0.05)


def test_hba1c_ifcc_from_ngsp_uses_the_master_equation():
    # IFCC = (NGSP − 2.152) / 0.09148: 6.5 % -> 47.53 mmol/mol
    assert units.from_canonical("hba1c", 6.5, "mmol/mol") == pytest.approx(47.53, abs=0.01)


def test_it_rejects_a_unit_the_analyte_does_not_accept():
    with pytest.raises(units.UnknownUnit, match="mmol/L"):
        units.to_canonical("enzyme", 1, "mmol/L")


def test_it_rejects_an_unknown_analyte():
    with pytest.raises(units.UnknownUnit, match="bilirubin"):
        units.canonical_unit("bilirubin")


def test_unknown_unit_is_a_value_error():
    assert issubclass(units.UnknownUnit, ValueError)


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(2.25, 1, "2.3"), (0.125, 2, "0.13"), (2.5, 0, "3"), (-1.45, 1, "-1.5"), (99.99, 1, "100.0")],
)
def test_round_to_rounds_half_up(value, decimals, expected):
    assert units.round_to(value, decimals) == Decimal(expected)


def test_format_value_groups_thousands_and_shows_a_dash_for_none():
    assert units.format_value(250_000, 0, "/µL") == "250,000 /µL"
    assert units.format_value(None) == "—"


def test_limits_in_rounds_inward_so_both_ends_are_allowed():
    # 20 mg/dL = 1.110 mmol/L -> 1.2 (1.1 would be 19.8 mg/dL); 1000 mg/dL = 55.51 -> 55.5
    low, high = units.limits_in("glucose", 20, 1000, "mmol/L", 1)
    assert (low, high) == (Decimal("1.2"), Decimal("55.5"))
    assert units.to_canonical("glucose", float(low), "mmol/L") >= 20
    assert units.to_canonical("glucose", float(high), "mmol/L") <= 1000


def test_grams_of_alcohol_uses_the_us_standard_drink():
    assert units.grams_of_alcohol(2) == 28
