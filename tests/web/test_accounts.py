import re

import pytest
from django.core import mail
from django.urls import reverse

NEW_PASSWORD = "Mot-mat-khau-moi-2026"


def test_login_page_renders(client, db):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert reverse("login") == "/accounts/login/"
    assert f'href="{reverse("password_reset")}"' in response.text


def test_login_with_valid_credentials_goes_home(client, applicant, password):
    response = client.post(reverse("login"), {"username": "applicant", "password": password})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(applicant.pk)


def test_login_follows_next(client, officer, password):
    response = client.post(
        reverse("login"),
        {"username": "officer", "password": password, "next": reverse("applicants:list")},
    )

    assert response.url == reverse("applicants:list")


def test_login_with_wrong_password_shows_form_error(client, applicant):
    response = client.post(reverse("login"), {"username": "applicant", "password": "sai"})

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"__all__"}
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_goes_to_login(client_as, applicant):
    client = client_as(applicant)

    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_logout_form_is_in_the_header(client_as, applicant):
    response = client_as(applicant).get(reverse("home"))

    assert f'<form action="{reverse("logout")}" method="post">' in response.text


def test_password_change_requires_login(client, db):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=" + reverse("password_change")


def test_password_change_sets_the_new_password(client_as, applicant, password):
    client = client_as(applicant)

    page = client.get(reverse("password_change"))
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert page.status_code == 200
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    applicant.refresh_from_db()
    assert applicant.check_password(NEW_PASSWORD) is True
    assert client.get(reverse("password_change_done")).status_code == 200


def test_password_change_wrong_old_password_is_an_error(client_as, applicant):
    response = client_as(applicant).post(
        reverse("password_change"),
        {"old_password": "sai", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"old_password"}


def test_password_reset_sends_mail_and_sets_new_password(client, applicant):
    assert client.get(reverse("password_reset")).status_code == 200

    response = client.post(reverse("password_reset"), {"email": "applicant@example.vn"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert client.get(response.url).status_code == 200
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["applicant@example.vn"]
    assert "\n" not in message.subject
    assert "applicant" in message.body
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)

    confirm = client.get(link, follow=True)
    assert confirm.status_code == 200
    assert confirm.context["validlink"] is True
    set_password_url = confirm.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert done.status_code == 302
    assert done.url == reverse("password_reset_complete")
    assert client.get(done.url).status_code == 200
    applicant.refresh_from_db()
    assert applicant.check_password(NEW_PASSWORD) is True


def test_password_reset_unknown_email_sends_nothing(client, applicant):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.vn"})

    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_reset_bad_link_says_invalid(client, applicant):
    response = client.get("/accounts/reset/MQ/bad-token/")

    assert response.status_code == 200
    assert response.context["validlink"] is False


@pytest.mark.parametrize("url_name", ["applicants:create", "password_change", "applicants:list"])
def test_private_pages_redirect_anonymous_to_login(url_name, client, db):
    url = reverse(url_name)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=" + url


@pytest.mark.parametrize(
    "url_name", ["home", "login", "register", "password_reset", "password_reset_done"]
)
def test_public_pages_open_without_login(url_name, client, db):
    assert client.get(reverse(url_name)).status_code == 200


def test_language_switch_to_english(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)

    assert response.redirect_chain == [("/", 302)]
    assert '<html lang="en">' in response.text


def test_pages_are_vietnamese_by_default(client, db):
    response = client.get(reverse("home"))

    assert '<html lang="vi">' in response.text
