import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

TOKEN_URL = "/api/v1/auth/token/"
ME_URL = "/api/v1/me/"


def test_token_with_good_credentials_returns_the_accounts_token(api_client, applicant, password):
    response = api_client.post(
        TOKEN_URL, {"username": "applicant", "password": password}, format="json"
    )

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=applicant).key}


def test_token_twice_returns_the_same_token(api_client, applicant, password):
    body = {"username": "applicant", "password": password}

    first = api_client.post(TOKEN_URL, body, format="json").json()["token"]
    second = api_client.post(TOKEN_URL, body, format="json").json()["token"]

    assert first == second


def test_token_with_wrong_password_is_rejected(api_client, applicant):
    response = api_client.post(
        TOKEN_URL, {"username": "applicant", "password": "wrong"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.data) == ["non_field_errors"]
    assert response.data["non_field_errors"][0].code == "authorization"
    assert Token.objects.count() == 0


def test_token_without_password_is_a_field_error(api_client, applicant):
    response = api_client.post(TOKEN_URL, {"username": "applicant"}, format="json")

    assert response.status_code == 400
    assert list(response.data) == ["password"]
    assert response.data["password"][0].code == "required"


def test_token_of_inactive_account_is_refused(api_client, applicant, password):
    applicant.is_active = False
    applicant.save()

    response = api_client.post(
        TOKEN_URL, {"username": "applicant", "password": password}, format="json"
    )

    assert response.status_code == 400
    assert response.data["non_field_errors"][0].code == "authorization"


def test_request_with_token_header_is_authenticated(api_client, officer, password):
    token = api_client.post(
        TOKEN_URL, {"username": "officer", "password": password}, format="json"
    ).json()["token"]

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api_client.get(ME_URL)

    assert response.status_code == 200
    assert response.json()["username"] == "officer"
    assert response.json()["role"] == "officer"


def test_request_with_unknown_token_is_401(api_client, officer):
    api_client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")

    response = api_client.get(ME_URL)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_me_anonymous_is_401(api_client):
    response = api_client.get(ME_URL)

    assert response.status_code == 401


def test_me_applicant_lists_their_facilities(api_as, applicant, facility, other_facility):
    response = api_as(applicant).get(ME_URL)

    assert response.status_code == 200
    assert response.json() == {
        "id": applicant.pk,
        "username": "applicant",
        "full_name": applicant.full_name,
        "email": "applicant@example.vn",
        "role": "applicant",
        "facilities": [{"id": facility.pk, "name": facility.name}],
        "unread_notifications": 0,
    }


@pytest.mark.parametrize(
    ("persona", "role"),
    [
        ("applicant", "applicant"),
        ("other_applicant", "applicant"),
        ("judge", "judge"),
        ("officer", "officer"),
        ("manager", "manager"),
        ("admin", "admin"),
    ],
)
def test_me_answers_each_role(api_as, personas, persona, role):
    user = personas[persona]

    response = api_as(user).get(ME_URL)

    assert response.status_code == 200
    assert response.json() == {
        "id": user.pk,
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "role": role,
        "facilities": [],
        "unread_notifications": 0,
    }


def test_me_user_without_role_has_null_role(api_as, django_user_model):
    user = django_user_model.objects.create_user(username="norole", password="x")

    response = api_as(user).get(ME_URL)

    assert response.status_code == 200
    assert response.json()["role"] is None


def test_me_superuser_is_admin(api_as, django_user_model):
    user = django_user_model.objects.create_superuser(username="root", password="x")

    response = api_as(user).get(ME_URL)

    assert response.json()["role"] == "admin"


def test_token_with_a_session_cookie_needs_no_csrf_token(applicant, password):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(applicant)

    response = browser.post(
        TOKEN_URL, {"username": "applicant", "password": password}, format="json"
    )

    assert response.status_code == 200


@pytest.mark.django_db
def test_token_endpoint_throttles_password_guessing(api_client, applicant):
    statuses = [
        api_client.post(
            "/api/v1/auth/token/", {"username": "applicant", "password": f"sai-{n}"}, format="json"
        ).status_code
        for n in range(11)
    ]
    assert statuses == [400] * 10 + [429]
