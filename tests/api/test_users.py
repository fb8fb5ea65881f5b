import jsonschema
import pytest
from django.contrib.auth import get_user_model

from core.activity import Action
from core.models import ActivityLog
from core.roles import role_of

User = get_user_model()

URL = "/api/v1/users/"
NEW_PASSWORD = "Kh0ng-de-doan-2026"


def new_user_body(role, username="new_user"):
    return {
        "username": username,
        "password": NEW_PASSWORD,
        "full_name": "Lê Văn Mới",
        "email": f"{username}@example.vn",
        "role": role,
    }


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 403),
        ("other_applicant", 403),
        ("judge", 403),
        ("officer", 200),
        ("manager", 403),
        ("admin", 200),
        ("anonymous", 401),
    ],
)
def test_users_list_by_role(api_as, personas, persona, expected_status):
    response = api_as(personas[persona]).get(URL)

    assert response.status_code == expected_status


def test_users_list_shows_every_account_with_its_role(api_as, personas):
    response = api_as(personas["officer"]).get(URL)

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 8
    assert [(u["username"], u["role"]) for u in data["results"]] == [
        ("admin_user", "admin"),
        ("applicant", "applicant"),
        ("chair", "judge"),
        ("judge", "judge"),
        ("manager", "manager"),
        ("officer", "officer"),
        ("other_applicant", "applicant"),
        ("other_judge", "judge"),
    ]
    assert sorted(data["results"][0]) == [
        "email",
        "full_name",
        "id",
        "is_active",
        "role",
        "username",
    ]


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 403),
        ("judge", 403),
        ("officer", 200),
        ("manager", 403),
        ("admin", 200),
        ("anonymous", 401),
    ],
)
def test_users_retrieve_by_role(api_as, personas, persona, expected_status):
    target = personas["judge"]

    response = api_as(personas[persona]).get(f"{URL}{target.pk}/")

    assert response.status_code == expected_status
    if expected_status == 200:
        assert response.json()["username"] == "judge"
        assert response.json()["role"] == "judge"


@pytest.mark.parametrize("role", ["applicant", "judge", "officer", "manager", "admin"])
def test_users_create_by_admin_any_role(api_as, admin_user, role):
    response = api_as(admin_user).post(URL, new_user_body(role), format="json")

    assert response.status_code == 201
    user = User.objects.get(username="new_user")
    assert response.json() == {
        "id": user.pk,
        "username": "new_user",
        "full_name": "Lê Văn Mới",
        "email": "new_user@example.vn",
        "role": role,
        "is_active": True,
    }
    assert role_of(User.objects.get(pk=user.pk)) == role
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.parametrize("role", ["applicant", "judge"])
def test_users_create_by_officer_judge_or_applicant(api_as, officer, role):
    response = api_as(officer).post(URL, new_user_body(role), format="json")

    assert response.status_code == 201
    assert response.json()["role"] == role
    assert role_of(User.objects.get(username="new_user")) == role


@pytest.mark.parametrize("role", ["officer", "manager", "admin"])
def test_users_create_by_officer_staff_role_is_a_role_error(api_as, officer, role):
    response = api_as(officer).post(URL, new_user_body(role), format="json")

    assert response.status_code == 400
    assert list(response.data) == ["role"]
    assert response.data["role"][0].code == "not_allowed"
    assert not User.objects.filter(username="new_user").exists()


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 403),
        ("other_applicant", 403),
        ("judge", 403),
        ("manager", 403),
        ("anonymous", 401),
    ],
)
def test_users_create_by_others_is_refused(api_as, personas, persona, expected_status):
    response = api_as(personas[persona]).post(URL, new_user_body("applicant"), format="json")

    assert response.status_code == expected_status
    assert not User.objects.filter(username="new_user").exists()


def test_users_create_without_email_answers_what_the_schema_allows(api_as, admin_user):
    # An account without an email is answered with "" and the schema must say "" is allowed:
    # Schemathesis checks every response against it.
    body = {key: value for key, value in new_user_body("judge").items() if key != "email"}
    response = api_as(admin_user).post(URL, body, format="json")
    schema = (
        api_as(admin_user)
        .get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
        .json()
    )

    assert response.status_code == 201
    assert response.json()["email"] == ""
    for component in ("User", "Me"):
        email = schema["components"]["schemas"][component]["properties"]["email"]
        jsonschema.validate("", email, format_checker=jsonschema.FormatChecker())
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate("not-an-email", email, format_checker=jsonschema.FormatChecker())


def test_users_create_response_never_contains_the_password(api_as, admin_user):
    response = api_as(admin_user).post(URL, new_user_body("judge"), format="json")

    assert response.status_code == 201
    assert "password" not in response.json()
    assert NEW_PASSWORD not in response.content.decode()


def test_users_create_writes_an_activity_log_row(api_as, admin_user):
    response = api_as(admin_user).post(URL, new_user_body("judge"), format="json")

    row = ActivityLog.objects.get(object_id=str(response.json()["id"]))
    assert row.action == Action.CREATED
    assert row.actor == admin_user
    assert row.after["role"] == "judge"


def test_users_create_weak_password_is_a_field_error(api_as, admin_user):
    body = {**new_user_body("judge"), "password": "12345678"}

    response = api_as(admin_user).post(URL, body, format="json")

    assert response.status_code == 400
    assert list(response.data) == ["password"]
    # Too common and entirely numeric.
    assert len(response.data["password"]) == 2
    assert not User.objects.filter(username="new_user").exists()


def test_users_create_duplicate_username_is_a_field_error(api_as, admin_user, judge):
    body = new_user_body("judge", username="judge")

    response = api_as(admin_user).post(URL, body, format="json")

    assert response.status_code == 400
    assert list(response.data) == ["username"]
    assert len(response.data["username"]) == 1


def test_users_create_unknown_role_is_a_field_error(api_as, admin_user):
    response = api_as(admin_user).post(URL, new_user_body("superhero"), format="json")

    assert response.status_code == 400
    assert list(response.data) == ["role"]
    assert response.data["role"][0].code == "invalid_choice"


def test_users_create_missing_fields_are_field_errors(api_as, admin_user):
    response = api_as(admin_user).post(URL, {}, format="json")

    assert response.status_code == 400
    assert sorted(response.data) == ["password", "role", "username"]
    assert {errors[0].code for errors in response.data.values()} == {"required"}


def test_users_create_bad_username_and_weak_password_reported_together(api_as, admin_user):
    body = {**new_user_body("judge"), "username": "bad name!", "password": "abc"}

    response = api_as(admin_user).post(URL, body, format="json")

    assert response.status_code == 400
    assert sorted(response.data) == ["password", "username"]
