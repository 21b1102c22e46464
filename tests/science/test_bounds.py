import pytest

from tracker.science.bounds import split_bound, surely_above, surely_at_least, surely_within


@pytest.mark.parametrize(
    "text, parts",
    [
        ("<5", ("<", "5")),
        ("< 5", ("<", "5")),
        (">300", (">", "300")),
        ("<=0.5", ("≤", "0.5")),
        (">= 7", ("≥", "7")),
        ("≤0.5", ("≤", "0.5")),
        (" ≥ 12", ("≥", "12")),
        ("44", ("", "44")),
        ("<", ("", "<")),  # a sign with nothing after it is not a bound
        ("5<", ("", "5<")),
    ],
)
def test_a_bound_is_split_into_its_stored_sign_and_the_number_text(text, parts):
    assert split_bound(text) == parts


@pytest.mark.parametrize(
    "qualifier, value, limit, above, at_least",
    [
        ("", 41, 40, True, True),
        ("", 40, 40, False, True),
        (">", 40, 40, True, True),  # every value above 40
        ("≥", 40, 40, False, True),  # 40 itself is allowed
        (">", 30, 40, False, False),  # 35 and 45 are both allowed: unsettled
        ("<", 50, 40, False, False),  # 35 and 45 are both allowed
        ("<", 30, 40, False, False),  # surely below: not above
        ("≤", 40, 40, False, False),
    ],
)
def test_a_bound_settles_a_comparison_only_when_all_its_values_agree(
    qualifier, value, limit, above, at_least
):
    assert surely_above(qualifier, value, limit) is above
    assert surely_at_least(qualifier, value, limit) is at_least


def test_only_a_measured_value_lies_surely_within_a_range():
    assert surely_within("", 9.0, 8.0, 12.0)
    assert not surely_within("", 12.5, 8.0, 12.0)
    assert not surely_within("<", 10.0, 8.0, 12.0)
    assert not surely_within(">", 9.0, 8.0, 12.0)
