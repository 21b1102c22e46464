import pytest


@pytest.fixture(autouse=True)
def _deployed_static(production_static):
    """Every report, PDF and share page test runs over collected, hashed static files."""
