"""The main navigation comes from one list and marks the page's own area."""

import re

import pytest

from tracker.navigation import MAIN, is_current

CURRENT = re.compile(r'<a href="([^"]+)" aria-current="page">([^<]+)</a>')


def test_every_page_name_belongs_to_at_most_one_item():
    for name in (
        "today",
        "dashboard",
        "goals",
        "labs_test",
        "learn_article",
        "report_pdf",
        "share_links",
        "data_preview",
        "history",
        "log_edit",
        "profile",
    ):
        owners = [item.label for item in MAIN if is_current(item, name)]
        assert len(owners) == 1, (name, owners)


def test_a_page_outside_the_list_marks_nothing():
    assert not any(is_current(item, None) for item in MAIN)
    assert not any(is_current(item, "shared_report") for item in MAIN)


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/today/", "Today"),
        ("/progress/goals/", "Progress"),
        ("/labs/indices/", "Labs"),
        ("/learn/", "Learn"),
        ("/share/", "Report"),
        ("/data/", "Your data"),
        ("/log/meals/", "History"),
        ("/accounts/profile/", "Profile"),
    ],
)
def test_the_area_of_the_page_is_the_current_link(client, alice, path, label):
    client.force_login(alice)
    response = client.get(path)
    assert response.status_code == 200
    nav = re.findall(r'<nav aria-label="Main">.*?</nav>', response.content.decode(), re.S)[0]
    assert [found[1] for found in CURRENT.findall(nav)] == [label]
    assert [item.label for item in MAIN] == re.findall(r"<a [^>]*>([^<]+)</a>", nav)
