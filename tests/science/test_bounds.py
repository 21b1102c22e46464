import pytest

from tracker.science.bounds import split_bound


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
