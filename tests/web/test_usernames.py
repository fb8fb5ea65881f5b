"""Usernames are stored in NFC and found in NFC on both sign-in paths (the login page and the
API's token endpoint, core.auth.NormalizedUsernameBackend), whatever form the client sends."""

import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.authtoken.models import Token

from core.roles import Role
from core.services import create_user
from tests.factories import PASSWORD

User = get_user_model()
TOKEN_URL = "/api/v1/auth/token/"
USERNAME = "lan.nguyễn"
DECOMPOSED = unicodedata.normalize("NFD", USERNAME)


@pytest.fixture
def lan(db):
    return create_user(actor=None, username=USERNAME, password=PASSWORD, role=Role.APPLICANT)


def test_decomposed_username_differs_from_the_stored_one():
    assert DECOMPOSED != USERNAME
    assert (len(DECOMPOSED), len(USERNAME)) == (12, 10)


def test_create_user_stores_a_decomposed_username_composed(db):
    user = create_user(actor=None, username=DECOMPOSED, password=PASSWORD, role=Role.APPLICANT)

    assert User.objects.get(pk=user.pk).username == USERNAME


@pytest.mark.parametrize(
    "typed",
    [USERNAME, DECOMPOSED, f"{USERNAME}\u200b", f" {DECOMPOSED} "],
    ids=["composed", "decomposed", "with a zero-width space", "decomposed with spaces"],
)
def test_login_page_signs_in_with_the_username_as_typed(client, lan, typed):
    response = client.post(reverse("login"), {"username": typed, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(lan.pk)


@pytest.mark.parametrize(
    "typed",
    [USERNAME, DECOMPOSED, f"{DECOMPOSED}\ufeff"],
    ids=["composed", "decomposed", "with a byte-order mark"],
)
def test_token_endpoint_answers_the_token_for_the_username_as_sent(api_client, lan, typed):
    response = api_client.post(TOKEN_URL, {"username": typed, "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=lan).key}


def test_token_endpoint_with_a_decomposed_username_and_wrong_password_is_refused(api_client, lan):
    response = api_client.post(
        TOKEN_URL, {"username": DECOMPOSED, "password": "sai"}, format="json"
    )

    assert response.status_code == 400
    assert response.data["non_field_errors"][0].code == "authorization"
    assert Token.objects.count() == 0


def test_token_endpoint_with_a_decomposed_username_for_another_name_is_refused(api_client, lan):
    other = unicodedata.normalize("NFD", "lan.nguyên")  # ê without the tilde: another name

    response = api_client.post(TOKEN_URL, {"username": other, "password": PASSWORD}, format="json")

    assert response.status_code == 400
    assert Token.objects.count() == 0


def test_register_page_stores_a_decomposed_username_composed(client, facility_form_data):
    data = {
        "username": DECOMPOSED,
        "full_name": unicodedata.normalize("NFD", "Nguyễn Thị Lan"),
        "account_email": "lan@example.vn",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **facility_form_data(),
    }

    response = client.post(reverse("register"), data)

    assert response.status_code == 302
    user = User.objects.get()
    assert (user.username, user.full_name) == (USERNAME, "Nguyễn Thị Lan")
    client.logout()
    token = client.post(TOKEN_URL, {"username": USERNAME, "password": PASSWORD})
    assert token.status_code == 200


def test_register_page_refuses_the_decomposed_form_of_a_taken_username(
    client, lan, facility_form_data
):
    data = {
        "username": DECOMPOSED,
        "full_name": "Nguyễn Thị Lan",
        "account_email": "lan2@example.vn",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **facility_form_data(),
    }

    response = client.post(reverse("register"), data)

    assert response.status_code == 200
    assert list(response.context["account_form"].errors) == ["username"]
    assert User.objects.count() == 1
