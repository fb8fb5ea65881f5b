"""What the OpenAPI schema says each operation answers (api.schema.AutoSchema): its errors
with their bodies, the content types of file downloads, the limits the server enforces, the
values of `decision`, and only the encodings a nested body can use."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PDF_BYTES, png_bytes

MAX_ID = 2**63 - 1
BODY = ["400", "401", "403", "413"]

# Every operation and the status codes it documents, success first.
# A round's official list: the file, or a background job (202); 400 on a filter it cannot read.
LIST_ANSWERS = ["200", "202", "400", "401", "403", "404"]

EXPECTED = {
    ("POST", "/api/v1/auth/token/"): ["200", "400", "413", "429"],
    ("GET", "/api/v1/certificates/"): ["200", "400", "401", "404"],
    ("GET", "/api/v1/certificates/{id}/"): ["200", "400", "401", "404"],
    ("GET", "/api/v1/criteria-templates/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/criteria-templates/"): ["201", *BODY],
    ("GET", "/api/v1/criteria-templates/{id}/"): ["200", "400", "401", "403", "404"],
    ("PUT", "/api/v1/criteria-templates/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("PATCH", "/api/v1/criteria-templates/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("GET", "/api/v1/entries/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/entries/"): ["201", *BODY],
    ("POST", "/api/v1/entries/bulk-transition/"): ["200", *BODY],
    ("GET", "/api/v1/entries/{entry_pk}/attachments/"): ["200", "400", "401", "404"],
    ("POST", "/api/v1/entries/{entry_pk}/attachments/"): ["201", "400", "401", "403", "404", "413"],
    ("DELETE", "/api/v1/entries/{entry_pk}/attachments/{id}/"): ["204", "400", "401", "403", "404"],
    ("GET", "/api/v1/entries/{entry_pk}/attachments/{id}/file/"): ["200", "400", "401", "404"],
    ("GET", "/api/v1/entries/{entry_pk}/attachments/{id}/thumbnail/"): ["200", "400", "401", "404"],
    ("GET", "/api/v1/entries/{id}/"): ["200", "400", "401", "403", "404"],
    ("PUT", "/api/v1/entries/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("PATCH", "/api/v1/entries/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("GET", "/api/v1/entries/{id}/history/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/entries/{id}/screening/"): ["200", "400", "401", "403", "404", "409", "413"],
    ("POST", "/api/v1/entries/{id}/transition/"): ["200", "400", "401", "403", "404", "409", "413"],
    ("GET", "/api/v1/facilities/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/facilities/"): ["201", *BODY],
    ("GET", "/api/v1/facilities/{id}/"): ["200", "400", "401", "403", "404"],
    ("PUT", "/api/v1/facilities/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("PATCH", "/api/v1/facilities/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("DELETE", "/api/v1/facilities/{id}/"): ["204", "400", "401", "403", "404", "409"],
    ("GET", "/api/v1/me/"): ["200", "400", "401"],
    ("GET", "/api/v1/notifications/"): ["200", "400", "401", "404"],
    ("POST", "/api/v1/notifications/read-all/"): ["200", "400", "401", "403", "413"],
    ("POST", "/api/v1/notifications/{id}/read/"): ["200", "400", "401", "403", "404", "413"],
    ("GET", "/api/v1/product-groups/"): ["200", "400", "401"],
    ("GET", "/api/v1/provinces/"): ["200", "400", "401"],
    ("GET", "/api/v1/rounds/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/rounds/"): ["201", *BODY],
    ("GET", "/api/v1/rounds/{id}/"): ["200", "400", "401", "403", "404"],
    ("PUT", "/api/v1/rounds/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("PATCH", "/api/v1/rounds/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("DELETE", "/api/v1/rounds/{id}/"): ["204", "400", "401", "403", "404", "409"],
    ("GET", "/api/v1/rounds/{id}/history/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/rounds/{id}/transition/"): ["200", "400", "401", "403", "404", "409", "413"],
    ("POST", "/api/v1/rounds/{id}/nominations/"): ["201", *BODY[:3], "404", "413"],
    ("POST", "/api/v1/rounds/{id}/recognition/"): ["200", *BODY[:3], "404", "413"],
    ("GET", "/api/v1/rounds/{id}/results/"): ["200", "400", "401", "403", "404", "409"],
    # Issue 9: the official lists and their background jobs.
    **{
        ("GET", f"/api/v1/rounds/{{id}}/exports/{name}.xlsx"): LIST_ANSWERS
        for name in ("recognized", "nominees", "entries", "scores", "score-sheets")
    },
    # Issue 10: a plan's lists.
    **{
        ("GET", f"/api/v1/plans/{{id}}/exports/{name}.xlsx"): LIST_ANSWERS
        for name in ("proposals", "equipment", "payments")
    },
    ("GET", "/api/v1/facilities/export.xlsx"): ["200", "202", "400", "401", "403"],
    ("GET", "/api/v1/export-jobs/{id}/"): ["200", "400", "401", "404"],
    ("GET", "/api/v1/export-jobs/{id}/file/"): ["200", "400", "401", "404", "409", "410"],
    ("GET", "/api/v1/users/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/users/"): ["201", *BODY],
    ("GET", "/api/v1/users/{id}/"): ["200", "400", "401", "403", "404"],
    ("GET", "/api/v1/wards/"): ["200", "400", "401"],
    # Judging (issue 8): scoring
    ("GET", "/api/v1/score-sheets/"): ["200", "400", "401", "404"],
    ("GET", "/api/v1/score-sheets/{id}/"): ["200", "400", "401", "404"],
    ("PUT", "/api/v1/score-sheets/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("PATCH", "/api/v1/score-sheets/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("GET", "/api/v1/score-sheets/{id}/history/"): ["200", "400", "401", "404"],
    ("POST", "/api/v1/score-sheets/{id}/transition/"): [
        "200",
        "400",
        "401",
        "403",
        "404",
        "409",
        "413",
    ],
    ("GET", "/api/v1/rounds/{id}/progress/"): ["200", "400", "401", "403", "404"],
    # Judging (issue 8): panels
    ("GET", "/api/v1/assignments/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/assignments/"): ["201", *BODY],
    ("GET", "/api/v1/assignments/{id}/"): ["200", "400", "401", "403", "404"],
    ("DELETE", "/api/v1/assignments/{id}/"): ["204", "400", "401", "403", "404", "409"],
    ("GET", "/api/v1/conflicts/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/conflicts/"): ["201", *BODY],
    ("GET", "/api/v1/panels/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/panels/"): ["201", *BODY],
    ("GET", "/api/v1/panels/{id}/"): ["200", "400", "401", "403", "404"],
    ("PUT", "/api/v1/panels/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("PATCH", "/api/v1/panels/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("DELETE", "/api/v1/panels/{id}/"): ["204", "400", "401", "403", "404", "409"],
    # Issue 10: extension programmes. The reference data (activities unpaginated: no 404).
    ("GET", "/api/v1/activities/"): ["200", "400", "401", "403"],
    ("POST", "/api/v1/activities/"): ["201", *BODY],
    ("GET", "/api/v1/activities/{id}/"): ["200", "400", "401", "403", "404"],
    ("PUT", "/api/v1/activities/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("PATCH", "/api/v1/activities/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("GET", "/api/v1/support-rules/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/support-rules/"): ["201", *BODY],
    ("GET", "/api/v1/support-rules/{id}/"): ["200", "400", "401", "403", "404"],
    ("PUT", "/api/v1/support-rules/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("PATCH", "/api/v1/support-rules/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("DELETE", "/api/v1/support-rules/{id}/"): ["204", "400", "401", "403", "404"],
    # Plans and proposals, moved with transition/ (409: a step someone else took first).
    ("GET", "/api/v1/plans/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/plans/"): ["201", *BODY],
    ("GET", "/api/v1/plans/{id}/"): ["200", "400", "401", "403", "404"],
    ("PUT", "/api/v1/plans/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("PATCH", "/api/v1/plans/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("GET", "/api/v1/plans/{id}/history/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/plans/{id}/transition/"): ["200", "400", "401", "403", "404", "409", "413"],
    ("GET", "/api/v1/proposals/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/proposals/"): ["201", *BODY],
    ("GET", "/api/v1/proposals/{id}/"): ["200", "400", "401", "403", "404"],
    ("PUT", "/api/v1/proposals/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("PATCH", "/api/v1/proposals/{id}/"): ["200", "400", "401", "403", "404", "413"],
    ("DELETE", "/api/v1/proposals/{id}/"): ["204", "400", "401", "403", "404"],
    ("GET", "/api/v1/proposals/{id}/history/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/proposals/{id}/transition/"): [
        "200",
        "400",
        "401",
        "403",
        "404",
        "409",
        "413",
    ],
    ("GET", "/api/v1/proposals/{id}/support-limit/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/proposals/{id}/support-limit/"): ["200", "400", "401", "403", "404", "413"],
    # A proposal's rows: read by whoever sees it (no permission class of their own: no 403 on
    # a read), written as the services decide.
    **{
        answer: codes
        for rows in ("budget-lines", "equipment")
        for answer, codes in {
            ("GET", f"/api/v1/proposals/{{proposal_pk}}/{rows}/"): ["200", "400", "401", "404"],
            ("POST", f"/api/v1/proposals/{{proposal_pk}}/{rows}/"): [
                "201",
                *BODY[:3],
                "404",
                "413",
            ],
            ("GET", f"/api/v1/proposals/{{proposal_pk}}/{rows}/{{id}}/"): [
                "200",
                "400",
                "401",
                "404",
            ],
            ("PUT", f"/api/v1/proposals/{{proposal_pk}}/{rows}/{{id}}/"): [
                "200",
                *BODY[:3],
                "404",
                "413",
            ],
            ("PATCH", f"/api/v1/proposals/{{proposal_pk}}/{rows}/{{id}}/"): [
                "200",
                *BODY[:3],
                "404",
                "413",
            ],
            ("DELETE", f"/api/v1/proposals/{{proposal_pk}}/{rows}/{{id}}/"): [
                "204",
                "400",
                "401",
                "403",
                "404",
            ],
        }.items()
    },
    ("POST", "/api/v1/proposals/{proposal_pk}/equipment/{id}/acceptance/"): [
        "200",
        *BODY[:3],
        "404",
        "413",
    ],
    ("GET", "/api/v1/proposals/{proposal_pk}/payments/"): ["200", "400", "401", "404"],
    # A proposal's documents, as an entry's attachments (no thumbnails).
    ("GET", "/api/v1/proposals/{proposal_pk}/attachments/"): ["200", "400", "401", "404"],
    ("POST", "/api/v1/proposals/{proposal_pk}/attachments/"): [
        "201",
        "400",
        "401",
        "403",
        "404",
        "413",
    ],
    ("DELETE", "/api/v1/proposals/{proposal_pk}/attachments/{id}/"): [
        "204",
        "400",
        "401",
        "403",
        "404",
    ],
    ("GET", "/api/v1/proposals/{proposal_pk}/attachments/{id}/file/"): ["200", "400", "401", "404"],
    ("POST", "/api/v1/proposals/{proposal_pk}/payments/"): ["201", *BODY[:3], "404", "413"],
    # Appraisal councils: a facility's member is answered 404 everywhere, creating included.
    ("GET", "/api/v1/appraisals/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/appraisals/"): ["201", *BODY[:3], "404", "413"],
    ("GET", "/api/v1/appraisals/{id}/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/appraisals/{id}/conclude/"): ["200", *BODY[:3], "404", "413"],
    ("GET", "/api/v1/appraisals/{id}/opinions/"): ["200", "400", "401", "403", "404"],
    ("POST", "/api/v1/appraisals/{id}/opinions/"): ["200", *BODY[:3], "404", "413"],
}


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        response = APIClient().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def operations(schema):
    return {
        (method.upper(), path): operation
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method != "parameters"
    }


def component(schema, ref):
    return schema["components"]["schemas"][ref["$ref"].rsplit("/", 1)[1]]


def test_schema_lists_every_operation_s_answers(schema):
    assert {key: list(op["responses"]) for key, op in operations(schema).items()} == EXPECTED


def test_schema_errors_have_the_body_the_api_answers(schema):
    for (method, path), operation in operations(schema).items():
        for code, response in operation["responses"].items():
            if code < "400":
                continue
            [(media_type, content)] = response["content"].items()
            expected = "ValidationError" if code == "400" else "Error"
            assert (media_type, content["schema"]) == (
                "application/json",
                {"$ref": f"#/components/schemas/{expected}"},
            ), (method, path, code)
            assert response["description"], (method, path, code)


def test_schema_error_components(schema):
    components = schema["components"]["schemas"]

    assert components["Error"]["properties"] == {"detail": {"type": "string"}}
    assert components["Error"]["required"] == ["detail"]
    assert components["ValidationError"]["properties"]["non_field_errors"] == {
        "type": "array",
        "items": {"type": "string"},
    }
    assert components["ValidationError"]["additionalProperties"] == {
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}]
    }


def test_schema_keeps_the_descriptions_operations_give_their_errors(schema):
    bulk = operations(schema)[("POST", "/api/v1/entries/bulk-transition/")]

    assert bulk["responses"]["403"]["description"] == "Only extension officers screen entries."


def test_schema_file_downloads_name_their_content_types(schema):
    ops = operations(schema)
    file = ops[("GET", "/api/v1/entries/{entry_pk}/attachments/{id}/file/")]
    thumbnail = ops[("GET", "/api/v1/entries/{entry_pk}/attachments/{id}/thumbnail/")]

    assert list(file["responses"]["200"]["content"]) == [
        "image/jpeg",
        "image/png",
        "application/pdf",
    ]
    assert list(thumbnail["responses"]["200"]["content"]) == ["image/jpeg"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/criteria-templates/"),
        ("PUT", "/api/v1/criteria-templates/{id}/"),
        ("PATCH", "/api/v1/criteria-templates/{id}/"),
        ("POST", "/api/v1/entries/{id}/screening/"),
        ("POST", "/api/v1/entries/bulk-transition/"),
    ],
)
def test_schema_nested_bodies_are_json_only(schema, method, path):
    body = operations(schema)[(method, path)]["requestBody"]

    assert list(body["content"]) == ["application/json"]


def test_schema_flat_bodies_keep_the_form_encodings(schema):
    body = operations(schema)[("POST", "/api/v1/entries/")]["requestBody"]

    assert list(body["content"]) == [
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ]


def test_schema_decision_lists_its_values(schema):
    screening = component(
        schema,
        operations(schema)[("POST", "/api/v1/entries/{id}/screening/")]["requestBody"]["content"][
            "application/json"
        ]["schema"],
    )

    decision = screening["properties"]["decision"]["allOf"][0]
    assert component(schema, decision)["enum"] == ["eligible", "returned", "ineligible", ""]


@pytest.mark.parametrize(
    ("name", "field", "limits"),
    [
        ("RoundRequest", "year", {"minimum": 2000, "maximum": 2100}),
        ("RoundRequest", "title", {"maxLength": 300}),
        ("FacilityRequest", "founded_year", {"minimum": 1800, "maximum": 2100}),
        ("FacilityRequest", "name", {"maxLength": 255}),
        ("CriteriaTemplateInputRequest", "name", {"maxLength": 200}),
        ("CriterionInputRequest", "code", {"maxLength": 20}),
        ("CriterionInputRequest", "max_points", {"pattern": r"^-?\d{0,4}(?:\.\d{0,1})?$"}),
        ("UserCreateRequest", "username", {"maxLength": 150}),
        ("UserCreateRequest", "full_name", {"maxLength": 150}),
    ],
)
def test_schema_states_the_limits_the_server_enforces(schema, name, field, limits):
    properties = schema["components"]["schemas"][name]["properties"]

    assert {key: properties[field][key] for key in limits} == limits


def test_schema_ids_are_64_bit(schema):
    ops = operations(schema)
    [path_id] = ops[("GET", "/api/v1/entries/{id}/")]["parameters"]
    bulk = schema["components"]["schemas"]["BulkTransitionRequest"]["properties"]["ids"]
    round_filter = next(
        p for p in ops[("GET", "/api/v1/entries/")]["parameters"] if p["name"] == "round"
    )

    assert path_id["schema"] == {
        "type": "integer",
        "format": "int64",
        "minimum": 1,
        "maximum": MAX_ID,
    }
    assert (bulk["items"]["minimum"], bulk["items"]["maximum"]) == (1, MAX_ID)
    assert (round_filter["schema"]["minimum"], round_filter["schema"]["maximum"]) == (
        -(2**63),
        MAX_ID,
    )


def test_schema_checklist_is_optional_in_an_entry(schema):
    components = schema["components"]["schemas"]

    for name in ("EntryList", "Entry"):
        assert "screening_checks" not in components[name]["required"]
        assert "state" in components[name]["required"]


# ---- what the schema says, the API does --------------------------------------------------


def test_nested_body_in_a_form_encoding_is_refused(api_as, officer):
    response = api_as(officer).post(
        "/api/v1/criteria-templates/", {"name": "Phiếu", "criteria": ""}, format="multipart"
    )

    assert response.status_code == 415


def test_range_in_the_schema_is_checked_by_the_service_with_the_other_rules(api_as, officer):
    body = {
        "title": "Đợt 2026",
        "year": 1999,
        "level": "province",
        "organiser_name": "Sở Công Thương",
        "registration_opens": "2026-05-01",
        "registration_closes": "2026-04-01",
    }

    response = api_as(officer).post("/api/v1/rounds/", body, format="json")

    assert response.status_code == 400
    # One message for the year (the model's), reported with the service's date rule.
    assert response.json() == {
        "year": ["Giá trị phải lớn hơn hoặc bằng 2000."],
        "registration_closes": ["Ngày hết hạn đăng ký không được trước ngày mở đăng ký."],
    }


@pytest.mark.parametrize(
    ("accept", "upload", "content_type"),
    [
        ("image/png", ("anh.png", png_bytes(800, 600), "image/png"), "image/jpeg"),
        ("application/pdf", ("mau.pdf", PDF_BYTES, "application/pdf"), "application/pdf"),
    ],
)
def test_file_download_answers_whatever_the_client_accepts(
    api_as, applicant, entry, accept, upload, content_type
):
    kind = "photo" if upload[2].startswith("image/") else "registration_form"
    data = (
        api_as(applicant)
        .post(
            f"/api/v1/entries/{entry.pk}/attachments/",
            {"kind": kind, "file": SimpleUploadedFile(*upload)},
            format="multipart",
        )
        .json()
    )

    response = api_as(applicant).get(data["download_url"], HTTP_ACCEPT=accept)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type


def test_file_download_not_found_answers_json_whatever_the_client_accepts(api_as, applicant, entry):
    response = api_as(applicant).get(
        f"/api/v1/entries/{entry.pk}/attachments/{2**40}/file/", HTTP_ACCEPT="image/png"
    )

    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}
