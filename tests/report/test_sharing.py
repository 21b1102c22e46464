"""Share links: life cycle, secrecy of the token, and what the link can reach."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tracker.models import ShareLink
from tracker.report import sharing


def create(client, **data):
    response = client.post("/share/", {"days": 7, "label": "Dr Rossi, liver clinic", **data})
    match = re.search(r'value="(http://testserver/shared/[^"]+/)"', response.content.decode())
    return match.group(1).replace("http://testserver", "") if match else None


def test_the_owner_creates_a_link_that_opens_anonymously(owner, anon, alice):
    path = create(owner)
    assert path is not None
    response = anon.get(path)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    link = ShareLink.objects.get(user=alice)
    assert link.open_count == 1 and link.last_opened_at is not None
    assert link.label == "Dr Rossi, liver clinic"


def test_the_token_is_random_and_stored_only_as_a_hash(owner, alice):
    path = create(owner)
    token = path.split("/")[2]
    key, secret = token.split(".")
    assert len(secret) >= 43  # 32 random bytes, base64url: 256 bits
    link = ShareLink.objects.get(user=alice)
    assert link.key == key
    assert link.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ShareLink.objects.values().get())


def test_the_link_is_listed_with_its_use(owner, anon):
    path = create(owner)
    anon.get(path)
    anon.get(path)
    html = owner.get("/share/").content.decode()
    assert "Dr Rossi, liver clinic" in html and "2 times" in html and "active" in html
    assert path not in html  # the token is shown once, at creation only


def assert_says_only_that_it_is_gone(response, heading):
    html = response.content.decode()
    assert response.status_code == 410
    assert f"<h1>{heading}</h1>" in html and "ask them for a new link" in html
    assert "Alice Example" not in html and "<article" not in html
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_revoked_link_opens_a_page_that_says_so_and_nothing_else(owner, anon, alice):
    alice.profile.display_name = "Alice Example"
    alice.profile.save()
    path = create(owner)
    link = ShareLink.objects.get(user=alice)
    owner.post(f"/share/{link.pk}/revoke/")
    assert_says_only_that_it_is_gone(anon.get(path), "This link was revoked")
    assert_says_only_that_it_is_gone(anon.get(f"{path}pdf/"), "This link was revoked")
    assert "revoked" in owner.get("/share/").content.decode()


def test_an_expired_link_opens_a_page_that_says_so(owner, anon, alice):
    path = create(owner, days=1)
    ShareLink.objects.filter(user=alice).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert_says_only_that_it_is_gone(anon.get(path), "This link has expired")


def test_a_dead_link_is_not_counted_as_a_guess(owner, anon, alice):
    path = create(owner)
    ShareLink.objects.filter(user=alice).update(revoked_at=timezone.now())
    for _ in range(sharing.GUESS_LIMIT + 1):
        assert anon.get(path).status_code == 410


def test_a_new_link_comes_with_a_copy_button_and_a_qr_code(owner):
    response = owner.post("/share/", {"days": 7, "label": "Dr Rossi"})
    html = response.content.decode()
    assert 'data-copy="new-link"' in html
    match = re.search(r'<img src="data:image/svg\+xml[^"]*" alt="QR code of the new link"', html)
    assert match is not None


def test_the_qr_code_is_an_svg_drawn_here():
    from urllib.parse import unquote

    from tracker.report.qr import qr_data_uri

    uri = qr_data_uri("http://testserver/shared/abc.def/")
    svg = unquote(uri.split(",", 1)[1])
    assert uri.startswith("data:image/svg+xml") and "<svg" in svg and "<path" in svg
    assert "href" not in svg  # nothing fetched from anywhere


def test_the_shared_page_offers_its_pdf(owner, anon):
    path = create(owner)
    html = anon.get(path).content.decode()
    assert f'href="{path}pdf/"' in html
    response = anon.get(f"{path}pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("days, ok", [(1, True), (7, True), (30, True), (2, False), (365, False)])
def test_expiry_is_1_7_or_30_days(owner, alice, days, ok):
    create(owner, days=days)
    assert ShareLink.objects.filter(user=alice).exists() is ok
    if ok:
        link = ShareLink.objects.get(user=alice)
        expected = timezone.now() + timedelta(days=days)
        assert abs((link.expires_at - expected).total_seconds()) < 60


def test_a_wrong_token_answers_404(owner, anon):
    path = create(owner)
    key = path.split("/")[2].split(".")[0]
    for bad in [f"{key}.wrong", "nokey", f"{key}.", ".secret", "x" * 300]:
        assert anon.get(f"/shared/{bad}/").status_code == 404


def test_guessing_is_rate_limited(owner, anon):
    path = create(owner)
    for _ in range(sharing.GUESS_LIMIT):
        assert anon.get("/shared/abc.def/").status_code == 404
    assert anon.get("/shared/abc.def/").status_code == 429
    assert anon.get(path).status_code == 429  # even a right token, from that address


def test_another_user_cannot_revoke_or_see_my_links(owner, other, alice):
    create(owner)
    link = ShareLink.objects.get(user=alice)
    assert other.post(f"/share/{link.pk}/revoke/").status_code == 404
    assert ShareLink.objects.get(pk=link.pk).revoked_at is None
    assert "Dr Rossi" not in other.get("/share/").content.decode()


def test_anonymous_cannot_manage_links(anon, alice):
    link, _ = sharing.create_link(alice, 7)
    assert anon.get("/share/").url.startswith("/accounts/login/")
    anon.post(f"/share/{link.pk}/revoke/")
    assert ShareLink.objects.get(pk=link.pk).revoked_at is None


def test_the_shared_page_offers_nothing_but_the_report_and_its_pdf(owner, anon):
    shared = create(owner)
    html = anon.get(shared).content.decode()
    assert "<form" not in html
    assert 'aria-label="Main"' not in html
    for path in re.findall(r'href="(/[^"]*)"', html):
        assert path.startswith("/static/") or path == f"{shared}pdf/", path


def test_the_share_link_shows_the_owners_report_not_the_viewers(owner, other, alice, bob):
    alice.profile.display_name = "Alice Example"
    alice.profile.save()
    path = create(owner)
    html = other.get(path).content.decode()
    assert "Alice Example" in html


def test_revoke_needs_post(owner, alice):
    link, _ = sharing.create_link(alice, 7)
    assert owner.get(f"/share/{link.pk}/revoke/").status_code == 405
