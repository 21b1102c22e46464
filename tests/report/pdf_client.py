"""Asking for the report PDF as a person does: POST for a period, then download."""

from urllib.parse import urlencode


def download_pdf(client, period: dict | None = None):
    query = f"?{urlencode(period)}" if period else ""
    asked = client.post(f"/report/pdf/{query}")
    assert asked.status_code == 302, asked
    assert asked.url.startswith("/report/pdf/"), asked.url
    return client.get(f"{asked.url}download/")
