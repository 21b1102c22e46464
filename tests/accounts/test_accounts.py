from django.contrib.auth.models import User
from django.core import mail

from tests.conftest import PASSWORD
from tests.factories import BY_KIND
from tracker.models import Profile


def test_the_welcome_page_is_public_and_everything_else_needs_login(anon):
    assert anon.get("/").status_code == 200
    for url in ["/today/", "/accounts/profile/", "/accounts/delete/", "/log/weight/"]:
        assert anon.get(url).url.startswith("/accounts/login/")


def test_sign_up_logs_in_and_leads_to_the_profile(anon):
    response = anon.post(
        "/accounts/signup/",
        {
            "username": "carol",
            "password1": "a-very-good-pass-77",
            "password2": "a-very-good-pass-77",
        },
    )
    assert response.url == "/accounts/profile/"
    assert anon.get("/today/").status_code == 200
    assert Profile.objects.filter(user__username="carol").exists()


def test_sign_up_refuses_a_weak_password(anon):
    response = anon.post(
        "/accounts/signup/", {"username": "d", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200 and not User.objects.filter(username="d").exists()


def test_log_in_and_out(anon, alice):
    response = anon.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.url == "/today/"
    assert anon.post("/accounts/logout/").status_code == 302
    assert anon.get("/today/").status_code == 302


def test_password_change(owner, alice):
    response = owner.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "n3w-and-long-pass",
            "new_password2": "n3w-and-long-pass",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("n3w-and-long-pass")


def test_password_reset_sends_a_working_link(anon, alice):
    anon.post("/accounts/password_reset/", {"email": "alice@example.com"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line).strip()
    path = link[link.index("/accounts/reset/") :]
    form_url = anon.get(path).url
    anon.post(form_url, {"new_password1": "fresh-pass-2026!", "new_password2": "fresh-pass-2026!"})
    alice.refresh_from_db()
    assert alice.check_password("fresh-pass-2026!")


class TestProfile:
    def test_height_is_typed_in_inches_and_stored_in_cm(self, owner, alice):
        response = owner.post(
            "/accounts/profile/",
            {
                "display_name": "A",
                "sex": "female",
                "date_of_birth": "1970-01-02",
                "height": "65",
                "height_unit": "in",
                "time_zone": "Europe/Paris",
                "weight_unit": "lb",
                "length_unit": "in",
                "lab_units": "mmol/L",
                "waist_population": "Europid",
                "bmi_cutoffs": "Asian",
            },
        )
        assert response.status_code == 302
        profile = Profile.objects.get(user=alice)
        assert profile.height_cm == 165.1 and profile.time_zone == "Europe/Paris"
        assert profile.weight_unit == "lb" and profile.waist_population == "Europid"

    def test_implausible_height_is_refused_in_the_chosen_unit(self, owner, alice):
        response = owner.post(
            "/accounts/profile/",
            {
                "height": "120",
                "height_unit": "in",
                "time_zone": "UTC",
                "weight_unit": "kg",
                "length_unit": "in",
                "lab_units": "mg/dL",
                "waist_population": "US",
                "bmi_cutoffs": "WHO",
            },
        )
        assert "between 39.4 and 98.4 in" in response.content.decode()
        assert Profile.objects.get(user=alice).height_cm == 165

    def test_unknown_time_zone_is_refused(self, owner, alice):
        response = owner.post(
            "/accounts/profile/",
            {
                "time_zone": "Mars/Olympus",
                "weight_unit": "kg",
                "length_unit": "cm",
                "lab_units": "mg/dL",
                "waist_population": "US",
                "bmi_cutoffs": "WHO",
            },
        )
        assert response.status_code == 200
        assert Profile.objects.get(user=alice).time_zone == "UTC"

    def test_each_user_sees_only_their_own_profile(self, other, alice):
        alice.profile.display_name = "Alice Secret"
        alice.profile.save()
        assert "Alice Secret" not in other.get("/accounts/profile/").content.decode()


class TestDeleteAccount:
    def test_needs_the_right_password(self, owner, alice):
        owner.post("/accounts/delete/", {"password": "wrong"})
        assert User.objects.filter(pk=alice.pk).exists()

    def test_removes_every_row_of_that_user_only(self, owner, alice, bob):
        for factory in BY_KIND.values():
            factory(user=alice)
            factory(user=bob)
        response = owner.post("/accounts/delete/", {"password": PASSWORD})
        assert response.url == "/"
        assert not User.objects.filter(pk=alice.pk).exists()
        for factory in BY_KIND.values():
            model = factory._meta.model
            assert not model.objects.filter(user_id=alice.pk).exists()
            assert model.objects.filter(user=bob).count() == 1
        assert not Profile.objects.filter(user_id=alice.pk).exists()

    def test_anonymous_cannot_delete(self, anon, alice):
        anon.post("/accounts/delete/", {"password": PASSWORD})
        assert User.objects.filter(pk=alice.pk).exists()


class TestUnitSwitch:
    """Switching units never rereads the stored height in the new unit."""

    FORM = {
        "time_zone": "UTC",
        "lab_units": "mg/dL",
        "waist_population": "US",
        "bmi_cutoffs": "WHO",
    }

    def save(self, client, **data):
        return client.post("/accounts/profile/", {**self.FORM, **data})

    def test_the_height_is_shown_in_its_own_unit(self, owner, alice):
        alice.profile.height_cm, alice.profile.length_unit = 178, "in"
        alice.profile.save()
        page = owner.get("/accounts/profile/").content.decode()
        assert 'value="70.1"' in page
        assert '<option value="in" selected>' in page.split('name="height_unit"')[1]

    def test_cm_to_in_with_the_height_as_shown_keeps_178_cm(self, owner, alice):
        alice.profile.height_cm = 178
        alice.profile.save()
        response = self.save(
            owner,
            height="178.0",
            height_unit="cm",
            length_unit="in",
            weight_unit="lb",
        )
        assert response.status_code == 302
        profile = Profile.objects.get(user=alice)
        assert profile.height_cm == 178
        assert profile.length_unit == "in" and profile.weight_unit == "lb"

    def test_in_back_to_cm_after_a_save_in_inches_keeps_the_exact_height(self, owner, alice):
        alice.profile.height_cm, alice.profile.length_unit = 178, "in"
        alice.profile.save()
        # 178 cm is shown as 70.1 in; sent back unchanged it must not become 178.05 cm.
        self.save(owner, height="70.1", height_unit="in", length_unit="cm", weight_unit="kg")
        profile = Profile.objects.get(user=alice)
        assert profile.height_cm == 178 and profile.length_unit == "cm"

    def test_a_new_height_in_inches_is_converted(self, owner, alice):
        alice.profile.height_cm = 178
        alice.profile.save()
        self.save(owner, height="70", height_unit="in", length_unit="in", weight_unit="kg")
        assert Profile.objects.get(user=alice).height_cm == 177.8

    def test_the_height_limits_speak_the_heights_own_unit(self, owner, alice):
        response = self.save(
            owner, height="98.5", height_unit="in", length_unit="cm", weight_unit="kg"
        )
        assert "between 39.4 and 98.4 in" in response.content.decode()
        assert Profile.objects.get(user=alice).length_unit == "cm"
        response = self.save(
            owner, height="98.4", height_unit="in", length_unit="cm", weight_unit="kg"
        )
        assert response.status_code == 302

    def test_emptying_the_height_forgets_it(self, owner, alice):
        alice.profile.height_cm = 178
        alice.profile.save()
        self.save(owner, height="", height_unit="cm", length_unit="cm", weight_unit="kg")
        assert Profile.objects.get(user=alice).height_cm is None
