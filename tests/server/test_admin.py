"""The admin is for the host: staff only, with users and django-axes lock-outs."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_the_admin_log_in(anon):
    response = anon.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert anon.get("/admin/login/").status_code == 200


def test_a_person_who_is_not_staff_is_refused(owner):
    response = owner.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_the_host_sees_users_and_lock_outs(client):
    host = User.objects.create_superuser("host", "host@example.org", "a-long-host-password")
    client.force_login(host)
    page = client.get("/admin/").content.decode()
    assert "/admin/auth/user/" in page
    assert "/admin/axes/accessattempt/" in page
    assert client.get("/admin/axes/accessattempt/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 200
