import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError

from api.exceptions import exception_handler


@pytest.mark.django_db
def test_schema_endpoint_answers_openapi(api_client):
    response = api_client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    paths = response.json()["paths"]
    assert sorted(paths) == [
        "/api/v1/activities/",
        "/api/v1/activities/{id}/",
        "/api/v1/appraisals/",
        "/api/v1/appraisals/{id}/",
        "/api/v1/appraisals/{id}/conclude/",
        "/api/v1/appraisals/{id}/opinions/",
        "/api/v1/assignments/",
        "/api/v1/assignments/{id}/",
        "/api/v1/auth/token/",
        "/api/v1/certificates/",
        "/api/v1/certificates/{id}/",
        "/api/v1/conflicts/",
        "/api/v1/criteria-templates/",
        "/api/v1/criteria-templates/{id}/",
        "/api/v1/entries/",
        "/api/v1/entries/bulk-transition/",
        "/api/v1/entries/{entry_pk}/attachments/",
        "/api/v1/entries/{entry_pk}/attachments/{id}/",
        "/api/v1/entries/{entry_pk}/attachments/{id}/file/",
        "/api/v1/entries/{entry_pk}/attachments/{id}/thumbnail/",
        "/api/v1/entries/{id}/",
        "/api/v1/entries/{id}/history/",
        "/api/v1/entries/{id}/screening/",
        "/api/v1/entries/{id}/transition/",
        "/api/v1/export-jobs/{id}/",
        "/api/v1/export-jobs/{id}/file/",
        "/api/v1/facilities/",
        "/api/v1/facilities/export.xlsx",
        "/api/v1/facilities/{id}/",
        "/api/v1/me/",
        "/api/v1/notifications/",
        "/api/v1/notifications/read-all/",
        "/api/v1/notifications/{id}/read/",
        "/api/v1/panels/",
        "/api/v1/panels/{id}/",
        "/api/v1/plans/",
        "/api/v1/plans/{id}/",
        "/api/v1/plans/{id}/exports/equipment.xlsx",
        "/api/v1/plans/{id}/exports/payments.xlsx",
        "/api/v1/plans/{id}/exports/proposals.xlsx",
        "/api/v1/plans/{id}/history/",
        "/api/v1/plans/{id}/transition/",
        "/api/v1/product-groups/",
        "/api/v1/proposals/",
        "/api/v1/proposals/{id}/",
        "/api/v1/proposals/{id}/history/",
        "/api/v1/proposals/{id}/support-limit/",
        "/api/v1/proposals/{id}/transition/",
        "/api/v1/proposals/{proposal_pk}/attachments/",
        "/api/v1/proposals/{proposal_pk}/attachments/{id}/",
        "/api/v1/proposals/{proposal_pk}/attachments/{id}/file/",
        "/api/v1/proposals/{proposal_pk}/budget-lines/",
        "/api/v1/proposals/{proposal_pk}/budget-lines/{id}/",
        "/api/v1/proposals/{proposal_pk}/equipment/",
        "/api/v1/proposals/{proposal_pk}/equipment/{id}/",
        "/api/v1/proposals/{proposal_pk}/equipment/{id}/acceptance/",
        "/api/v1/proposals/{proposal_pk}/payments/",
        "/api/v1/provinces/",
        "/api/v1/rounds/",
        "/api/v1/rounds/{id}/",
        "/api/v1/rounds/{id}/exports/entries.xlsx",
        "/api/v1/rounds/{id}/exports/nominees.xlsx",
        "/api/v1/rounds/{id}/exports/recognized.xlsx",
        "/api/v1/rounds/{id}/exports/score-sheets.xlsx",
        "/api/v1/rounds/{id}/exports/scores.xlsx",
        "/api/v1/rounds/{id}/history/",
        "/api/v1/rounds/{id}/nominations/",
        "/api/v1/rounds/{id}/progress/",
        "/api/v1/rounds/{id}/recognition/",
        "/api/v1/rounds/{id}/results/",
        "/api/v1/rounds/{id}/transition/",
        "/api/v1/score-sheets/",
        "/api/v1/score-sheets/{id}/",
        "/api/v1/score-sheets/{id}/history/",
        "/api/v1/score-sheets/{id}/transition/",
        "/api/v1/support-rules/",
        "/api/v1/support-rules/{id}/",
        "/api/v1/users/",
        "/api/v1/users/{id}/",
        "/api/v1/wards/",
    ]


@pytest.mark.django_db
def test_docs_page_loads_its_script_from_a_url(api_client):
    response = api_client.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<script src="/api/v1/docs/?script="></script>' in html
    assert "<style>" not in html


@pytest.mark.django_db
def test_docs_script_is_javascript(api_client):
    response = api_client.get("/api/v1/docs/?script=")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript"
    assert 'url: "/api/v1/schema/"' in response.content.decode()


def test_exception_handler_puts_model_wide_errors_under_non_field_errors():
    error = DjangoValidationError(
        {"__all__": DjangoValidationError("both", code="pair"), "name": "bad"}
    )

    response = exception_handler(error, {})

    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["both"], "name": ["bad"]}
    assert response.data["non_field_errors"][0].code == "pair"
    assert response.data["name"][0].code == "invalid"


def test_exception_handler_answers_a_message_without_field_as_non_field_errors():
    response = exception_handler(DjangoValidationError("wrong", code="odd"), {})

    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["wrong"]}
    assert response.data["non_field_errors"][0].code == "odd"


def test_exception_handler_answers_protected_with_409():
    response = exception_handler(DjangoValidationError("in use", code="protected"), {})

    assert response.status_code == 409
    assert response.data == {"detail": "in use"}
    assert response.data["detail"].code == "protected"


def test_exception_handler_answers_permission_denied_with_403_and_its_message():
    response = exception_handler(PermissionDenied("not yours"), {})

    assert response.status_code == 403
    assert response.data == {"detail": "not yours"}


def test_exception_handler_nests_dotted_keys_at_their_positions():
    error = DjangoValidationError(
        {
            "name": "taken",
            "criteria.1.max_points": DjangoValidationError("too few", code="min_value"),
            "criteria.0.children.2.code": "repeated",
        }
    )

    response = exception_handler(error, {})

    assert response.status_code == 400
    assert response.data == {
        "name": ["taken"],
        "criteria": {1: {"max_points": ["too few"]}, 0: {"children": {2: {"code": ["repeated"]}}}},
    }
    assert response.data["criteria"][1]["max_points"][0].code == "min_value"


def test_exception_handler_keeps_a_list_s_own_messages_beside_its_positions():
    error = DjangoValidationError({"criteria": "too many", "criteria.0.code": "repeated"})

    response = exception_handler(error, {})

    assert response.data == {
        "criteria": {"non_field_errors": ["too many"], 0: {"code": ["repeated"]}}
    }
