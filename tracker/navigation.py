"""The main navigation: one list, in the order shown. An item is marked as the current
page when the request's URL name starts with one of its `names` (every page of its area)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    names: tuple[str, ...]  # URL-name prefixes of the pages this item stands for
    args: tuple[str, ...] = ()


MAIN: tuple[NavItem, ...] = (
    NavItem("Today", "today", ("today",)),
    NavItem("Progress", "dashboard", ("dashboard", "goals")),
    NavItem("Labs", "labs_flowsheet", ("labs_",)),
    NavItem("Learn", "learn", ("learn",)),
    NavItem("Report", "report", ("report", "share_")),
    NavItem("Your data", "data_index", ("data_",)),
    NavItem("History", "history", ("history", "log_"), args=("weight",)),
    NavItem("Profile", "profile", ("profile", "delete_account")),
)


def is_current(item: NavItem, url_name: str | None) -> bool:
    if not url_name:
        return False
    return any(url_name.startswith(name) for name in item.names)
