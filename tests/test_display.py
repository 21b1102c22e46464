"""The display layer: how a stored value reads for this person."""

import datetime as dt
from types import SimpleNamespace

from tracker import display


def test_dates_read_day_month_year_without_a_leading_zero():
    assert display.day_text(dt.date(2026, 1, 3)) == "3 Jan 2026"
    assert display.day_month_text(dt.date(2026, 1, 3)) == "3 Jan"
    assert display.long_day_text(dt.date(2026, 1, 3)) == "3 January 2026"


def test_a_moment_is_shown_in_the_persons_time_zone():
    moment = dt.datetime(2026, 1, 3, 23, 30, tzinfo=dt.UTC)
    tokyo = SimpleNamespace(time_zone="Asia/Tokyo")
    assert display.moment_text(moment, tokyo) == "4 Jan 2026 08:30"
    assert display.moment_text(moment, SimpleNamespace(time_zone="Europe/London")) == (
        "3 Jan 2026 23:30"
    )


def test_an_unknown_time_zone_falls_back_to_the_active_one():
    moment = dt.datetime(2026, 1, 3, 23, 30, tzinfo=dt.UTC)
    assert display.moment_text(moment, SimpleNamespace(time_zone="Mars/Olympus")) == (
        "3 Jan 2026 23:30"
    )


def test_a_clock_time_keeps_two_digits():
    assert display.time_text(dt.time(7, 5)) == "07:05"


def test_weights_in_each_unit_to_one_decimal():
    assert display.weight_in(93.15, "kg") == "93.2 kg"  # half up, not to even
    assert display.weight_in(100, "lb") == "220.5 lb"
    assert display.weight_text(100, SimpleNamespace(weight_unit="st")) == "15.7 st"


def test_a_change_carries_its_sign_unless_it_rounds_to_zero():
    assert display.weight_in(-1.24, "kg", with_sign=True) == "−1.2 kg"
    assert display.weight_in(0.5, "lb", with_sign=True) == "+1.1 lb"
    assert display.weight_in(-0.04, "kg", with_sign=True) == "0.0 kg"
    assert display.length_in(0.05, "cm", with_sign=True) == "+0.1 cm"
    assert display.length_in(-0.049, "cm", with_sign=True) == "0.0 cm"


def test_a_weight_range_names_its_unit_once():
    assert display.weight_range_in(0.5, 1, "lb") == "1.1–2.2 lb"


def test_a_missing_length_is_blank():
    assert display.length_text(None, SimpleNamespace(length_unit="cm")) == ""
    assert display.length_text(2.54, SimpleNamespace(length_unit="in")) == "1.0 in"


def test_no_module_formats_a_date_with_glibcs_dash_flag():
    """strftime's "%-d" exists only in glibc; dates go through this layer instead. Plotly
    hover templates keep d3's own "%-d", which the browser reads."""
    from pathlib import Path

    import tracker

    found = [
        f"{path.name}:{number}"
        for path in Path(tracker.__file__).parent.rglob("*.py")
        if path.name != "display.py"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if ":%-d" in line and "hovertemplate" not in line and "%{" not in line
    ]
    assert found == []
