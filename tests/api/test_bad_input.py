"""The API under bad input: numbers beyond 64 bits, ids that no row can have, addresses that
match no route. Each answers 400 or 404 in JSON, never a 500."""

import pytest

from awards.models import Entry
from tests.factories import EntryFactory

BEYOND_64_BITS = "99999999999999999999"
TOO_LARGE = "Giá trị phải nhỏ hơn hoặc bằng 9223372036854775807."
NOT_FOUND = {"detail": "Không tìm thấy."}


@pytest.mark.parametrize("name", ["round", "facility", "product_group", "group"])
def test_entry_filter_beyond_64_bits_answers_400(api_as, officer, entry, name):
    response = api_as(officer).get("/api/v1/entries/", {name: BEYOND_64_BITS})

    assert response.status_code == 400
    assert response.json() == {name: [TOO_LARGE]}


def test_entry_filter_below_64_bits_answers_400(api_as, officer, entry):
    response = api_as(officer).get("/api/v1/entries/", {"round": "-" + BEYOND_64_BITS})

    assert response.status_code == 400
    assert response.json() == {"round": ["Giá trị phải lớn hơn hoặc bằng -9223372036854775808."]}


def test_round_filter_year_beyond_64_bits_answers_400(api_as, officer, award_round):
    response = api_as(officer).get("/api/v1/rounds/", {"year": BEYOND_64_BITS})

    assert response.status_code == 400
    assert response.json() == {"year": [TOO_LARGE]}


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/facilities/", "province"),
        ("/api/v1/facilities/", "ward"),
        ("/api/v1/wards/", "province"),
    ],
)
def test_model_choice_filter_beyond_64_bits_answers_400(api_as, officer, url, name):
    response = api_as(officer).get(url, {name: BEYOND_64_BITS})

    assert response.status_code == 400
    assert list(response.json()) == [name]


@pytest.mark.parametrize(
    "path",
    [
        "entries/{big}/",
        "entries/{big}/history/",
        "entries/{big}/transition/",
        "entries/{big}/attachments/",
        "entries/{entry}/attachments/{big}/",
        "entries/{entry}/attachments/{big}/file/",
        "entries/{entry}/attachments/{big}/thumbnail/",
        "rounds/{big}/",
        "facilities/{big}/",
        "users/{big}/",
        "criteria-templates/{big}/",
        "entries/-1/",
        "entries/0/",
        "entries/abc/",
        "entries/a%0Ab/",
        "entries/%F1%AC%9F%91%0A/history/",
        "no-such-thing/",
    ],
)
def test_address_matching_no_row_answers_json_404(api_as, admin_user, entry, path):
    url = "/api/v1/" + path.format(big=BEYOND_64_BITS, entry=entry.pk)

    response = api_as(admin_user).get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == NOT_FOUND


def test_post_to_an_address_matching_no_route_answers_json_404(api_as, admin_user):
    response = api_as(admin_user).post(f"/api/v1/entries/{BEYOND_64_BITS}/screening/", {})

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_address_without_trailing_slash_still_redirects(api_as, admin_user):
    response = api_as(admin_user).get("/api/v1/entries")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/entries/"


def test_bulk_transition_id_beyond_64_bits_answers_400(api_as, officer, award_round):
    submitted = EntryFactory(round=award_round, state="submitted")

    response = api_as(officer).post(
        "/api/v1/entries/bulk-transition/",
        {"ids": [submitted.pk, 2**63], "to": "eligible"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"ids": {"1": [TOO_LARGE]}}
    assert Entry.objects.get().state == "submitted"


def test_bulk_transition_id_zero_answers_400(api_as, officer):
    response = api_as(officer).post(
        "/api/v1/entries/bulk-transition/", {"ids": [0], "to": "eligible"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"ids": {"0": ["Giá trị phải lớn hơn hoặc bằng 1."]}}


def test_every_api_route_with_an_id_takes_a_64_bit_id():
    from api.urls import urlpatterns

    routes = [str(pattern.pattern) for pattern in urlpatterns]
    with_ids = [route for route in routes if "pk>" in route]

    assert with_ids
    assert [route for route in with_ids if "<id:" not in route] == []


# ---- bodies the parsers cannot read --------------------------------------------------------

TEMPLATES_URL = "/api/v1/criteria-templates/"


def nested(depth: int) -> str:
    return '{"name": "x", "criteria": ' + "[" * depth + "]" * depth + "}"


@pytest.mark.parametrize(
    "url", [TEMPLATES_URL, "/api/v1/entries/bulk-transition/", "/api/v1/auth/token/"]
)
def test_deeply_nested_json_answers_400(api_as, officer, url):
    response = api_as(officer).post(url, nested(100_000), content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": "Dữ liệu JSON lồng nhau quá sâu."}


def test_invalid_json_answers_400_with_its_position(api_as, officer):
    response = api_as(officer).post(
        TEMPLATES_URL, '{"name": "x",\n "criteria": [}', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Nội dung không phải JSON hợp lệ (dòng 2, cột 15)."}


@pytest.mark.parametrize("number", ["1e400", "NaN", "-Infinity"])
def test_json_number_beyond_a_double_answers_400(api_as, applicant, award_round, number):
    response = api_as(applicant).post(
        "/api/v1/entries/", f'{{"round": {number}}}', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Dữ liệu JSON có ký tự hoặc số không đọc được."}


def test_json_in_an_unknown_charset_answers_400(api_as, officer):
    response = api_as(officer).post(
        TEMPLATES_URL, b"{}", content_type="application/json; charset=bz2_codec"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Yêu cầu dùng một bảng mã ký tự mà API không đọc được."}


def test_multipart_without_boundary_answers_400(api_as, applicant, entry):
    response = api_as(applicant).post(
        f"/api/v1/entries/{entry.pk}/attachments/",
        b"--x\r\n\r\n",
        content_type="multipart/form-data",
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Không đọc được nội dung multipart của yêu cầu."}


def test_form_with_too_many_fields_answers_400(api_as, officer, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    body = "&".join(f"f{i}=1" for i in range(6))

    response = api_as(officer).post(
        "/api/v1/users/", body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Yêu cầu có quá nhiều trường."}


# ---- bodies over the size limit ------------------------------------------------------------


def test_json_body_over_the_limit_answers_413_before_it_is_read(api_as, officer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

    response = api_as(officer).post(
        TEMPLATES_URL, '{"name": "' + "x" * 1024 + '"}', content_type="application/json"
    )

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Nội dung yêu cầu lớn hơn giới hạn 1,0\xa0KB."}


def test_json_body_at_the_limit_is_read(api_as, officer, settings):
    body = '{"name": "Phiếu", "criteria": []}'
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = len(body.encode())

    response = api_as(officer).post(TEMPLATES_URL, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"criteria": ["Bộ tiêu chí phải có ít nhất một tiêu chí."]}


def test_upload_over_the_limit_answers_413(api_as, applicant, entry, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UPLOAD_MAX_BYTES = 1000
    upload = SimpleUploadedFile("anh.jpg", b"x" * (1000 + 64 * 1024), "image/jpeg")

    response = api_as(applicant).post(
        f"/api/v1/entries/{entry.pk}/attachments/", {"kind": "photo", "file": upload}
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "Nội dung yêu cầu lớn hơn giới hạn 65,0\xa0KB."}
    assert entry.attachments.count() == 0


def test_upload_fields_over_the_limit_answer_413(api_as, applicant, entry, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

    response = api_as(applicant).post(
        f"/api/v1/entries/{entry.pk}/attachments/", {"kind": "x" * 2000}
    )

    assert response.status_code == 413
    assert response.json() == {
        "detail": "Các trường (trừ tệp) của yêu cầu lớn hơn giới hạn 1,0\xa0KB."
    }


# ---- not found -----------------------------------------------------------------------------


def test_not_found_never_names_a_model(api_as, other_applicant, entry):
    response = api_as(other_applicant).get(f"/api/v1/entries/{entry.pk}/attachments/")

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_not_found_in_english_when_asked(api_as, admin_user):
    response = api_as(admin_user).get(f"/api/v1/rounds/{2**62}/", headers={"accept-language": "en"})

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


# ---- texts the database cannot compare ---------------------------------------------------


@pytest.mark.parametrize("name", ["province", "ward"])
def test_facility_code_with_a_nul_character_answers_400(api_as, officer, facility, name):
    # Found by Schemathesis on PostgreSQL, whose text cannot hold a NUL: DataError, a 500.
    response = api_as(officer).patch(
        f"/api/v1/facilities/{facility.pk}/", {name: "86\x00"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {name: ["Không được dùng ký tự null."]}


def test_entry_round_with_a_nul_character_answers_400(api_as, applicant, facility, award_round):
    response = api_as(applicant).post(
        "/api/v1/entries/", {"round": "1\x00", "facility": facility.pk}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["round"] == ["Không được dùng ký tự null."]
