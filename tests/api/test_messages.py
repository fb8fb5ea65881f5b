"""Every message the API sends is Vietnamese by default (and with Accept-Language: vi): Django
REST framework's own, Django's, and ours. DRF's Vietnamese catalogue holds a fifth of its
messages; the ones this API can send are carried in ours (core/i18n.py). Each test triggers one
message and checks its exact text."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import EntryFactory

ME = "/api/v1/me/"
TEMPLATES = "/api/v1/criteria-templates/"
ROUNDS = "/api/v1/rounds/"
ENTRIES = "/api/v1/entries/"
BULK = "/api/v1/entries/bulk-transition/"
USERS = "/api/v1/users/"

# ---- authentication, negotiation, throttling ----------------------------------------------


def test_anonymous_request_is_told_credentials_are_missing(api_client):
    response = api_client.get(ME)

    assert response.status_code == 401
    assert response.json() == {"detail": "Thiếu thông tin xác thực."}


def test_anonymous_request_in_english_when_asked(api_client):
    response = api_client.get(ME, headers={"accept-language": "en"})

    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_anonymous_request_in_vietnamese_when_asked(api_client):
    response = api_client.get(ME, headers={"accept-language": "vi"})

    assert response.json() == {"detail": "Thiếu thông tin xác thực."}


@pytest.mark.parametrize(
    ("header", "detail"),
    [
        ("Token 0123456789abcdef0123456789abcdef01234567", "Token không hợp lệ."),
        ("Token", "Tiêu đề Authorization không hợp lệ: thiếu token."),
        ("Token a b", "Tiêu đề Authorization không hợp lệ: token không được chứa dấu cách."),
        ("Token \u00e9", "Tiêu đề Authorization không hợp lệ: token chứa ký tự không hợp lệ."),
    ],
)
def test_bad_token_header_is_refused_in_vietnamese(api_client, db, header, detail):
    response = api_client.get(ME, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response.json() == {"detail": detail}


def test_wrong_password_for_a_token(api_client, applicant):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": "applicant", "password": "sai"}, format="json"
    )

    assert response.json() == {"non_field_errors": ["Không thể đăng nhập với thông tin đã nhập."]}


def test_token_attempts_throttled(api_client, applicant):
    for n in range(10):
        api_client.post("/api/v1/auth/token/", {"username": "a", "password": n}, format="json")

    response = api_client.post(
        "/api/v1/auth/token/", {"username": "a", "password": "b"}, format="json"
    )

    assert response.status_code == 429
    assert re.fullmatch(
        r"Có quá nhiều yêu cầu\. Hãy thử lại sau \d+ giây\.", response.json()["detail"]
    )


def test_accept_header_that_cannot_be_met(api_as, officer):
    response = api_as(officer).get(ROUNDS, HTTP_ACCEPT="text/csv")

    assert response.status_code == 406
    assert response.json() == {
        "detail": "Không thể trả lời theo định dạng mà tiêu đề Accept yêu cầu."
    }


def test_unsupported_media_type(api_as, officer):
    response = api_as(officer).post(TEMPLATES, "name=x", content_type="text/plain")

    assert response.status_code == 415
    assert response.json() == {"detail": "Không hỗ trợ kiểu nội dung “text/plain” của yêu cầu."}


def test_method_not_allowed(api_as, officer):
    response = api_as(officer).delete(ME)

    assert response.status_code == 405
    assert response.json() == {"detail": "Phương thức “DELETE” không được chấp nhận."}


def test_permission_denied(api_as, judge):
    response = api_as(judge).get(USERS)

    assert response.status_code == 403
    assert response.json() == {"detail": "Bạn không được cấp quyền để thực hiện hành động này."}


def test_invalid_page(api_as, officer):
    response = api_as(officer).get(ROUNDS, {"page": 99})

    assert response.status_code == 404
    assert response.json() == {"detail": "Trang không hợp lệ."}


def test_filter_not_a_whole_number(api_as, officer):
    response = api_as(officer).get(ENTRIES, {"round": "abc"})

    assert response.status_code == 400
    assert response.json() == {"round": ["Hãy nhập một số nguyên."]}


# ---- fields -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"name": None, "criteria": []}, {"name": ["Trường này không được có giá trị null."]}),
        ({"name": {}, "criteria": []}, {"name": ["Không phải là chuỗi ký tự hợp lệ."]}),
        # A control character (NUL) is dropped from what is stored (core.text.clean_text).
        (
            {"name": "a\x00b", "criteria": []},
            {"criteria": ["Bộ tiêu chí phải có ít nhất một tiêu chí."]},
        ),
        ({"name": "", "criteria": []}, {"name": ["Trường này không được bỏ trống."]}),
        ({"criteria": []}, {"name": ["Trường này là bắt buộc."]}),
        (
            {"name": "x", "criteria": "1"},
            {"criteria": {"non_field_errors": ["Cần một danh sách, nhưng nhận được kiểu “str”."]}},
        ),
        (
            {"name": "x", "criteria": [{"code": "1", "text": "a", "max_points": "x"}]},
            {"criteria": {"0": {"max_points": ["Cần một số hợp lệ."]}}},
        ),
        (
            {"name": "x", "criteria": [{"code": "1", "text": "a", "max_points": "1" * 1001}]},
            {"criteria": {"0": {"max_points": ["Chuỗi quá dài."]}}},
        ),
        (
            {"name": "x", "criteria": ["1"]},
            {
                "criteria": {
                    "0": {
                        "non_field_errors": [
                            "Dữ liệu không hợp lệ: cần một đối tượng (từ điển), nhưng nhận "
                            "được str."
                        ]
                    }
                }
            },
        ),
    ],
)
def test_criteria_template_field_errors(api_as, officer, body, errors):
    response = api_as(officer).post(TEMPLATES, body, format="json")

    assert response.status_code == 400
    assert response.json() == errors


def test_lone_surrogate_in_a_string(api_as, officer):
    body = '{"name": "a\\ud800", "criteria": []}'

    response = api_as(officer).post(TEMPLATES, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"name": ["Không được dùng ký tự surrogate: U+D800."]}


def test_body_that_is_not_an_object(api_as, officer):
    response = api_as(officer).post(TEMPLATES, [], format="json")

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [
            "Dữ liệu không hợp lệ: cần một đối tượng (từ điển), nhưng nhận được list."
        ]
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "x" * 301, "Trường này không được dài quá 300 ký tự."),
        ("level", "x", "“x” không phải là lựa chọn hợp lệ."),
        ("pass_score", "12345", "Số không được có quá 4 chữ số."),
        ("pass_score", "12.55", "Số không được có quá 1 chữ số sau dấu thập phân."),
        ("pass_score", "1000", "Số không được có quá 3 chữ số trước dấu thập phân."),
        ("year", "x", "Cần một số nguyên hợp lệ."),
        ("judges_see_identity", "x", "Phải là giá trị đúng hoặc sai (true/false)."),
        ("criteria_template", 10**6, "Không có đối tượng nào có mã “1000000”."),
        (
            "criteria_template",
            "abc",
            "Sai kiểu: cần một mã đối tượng (pk), nhưng nhận được str.",
        ),
        ("product_groups", [9], "Không có đối tượng nào có code=9."),
        ("product_groups", ["abc"], "Giá trị không hợp lệ."),
        ("product_groups", "1", "Cần một danh sách, nhưng nhận được kiểu “str”."),
        (
            "registration_opens",
            "x",
            "Ngày sai định dạng. Dùng một trong những định dạng sau để thay thế: "
            "DD/MM/YYYY, YYYY-MM-DD.",
        ),
    ],
)
def test_round_field_errors(api_as, officer, field, value, message):
    response = api_as(officer).post(ROUNDS, {field: value}, format="json")

    assert response.status_code == 400
    assert response.json()[field] == [message]


@pytest.mark.parametrize(
    ("ids", "errors"),
    [
        ([], {"ids": ["Danh sách này không được để trống."]}),
        ("1", {"ids": ["Cần một danh sách, nhưng nhận được kiểu “str”."]}),
        (["x"], {"ids": {"0": ["Cần một số nguyên hợp lệ."]}}),
        (["1" * 1001], {"ids": {"0": ["Chuỗi quá dài."]}}),
    ],
)
def test_bulk_ids_errors(api_as, officer, ids, errors):
    response = api_as(officer).post(BULK, {"ids": ids, "to": "eligible"}, format="json")

    assert response.status_code == 400
    assert response.json() == errors


def test_screening_checks_not_an_object(api_as, officer, award_round):
    entry = EntryFactory(round=award_round, state="submitted")

    response = api_as(officer).post(
        f"{ENTRIES}{entry.pk}/screening/", {"checks": []}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "checks": ["Cần một đối tượng (từ điển), nhưng nhận được kiểu “list”."]
    }


def test_screening_check_passed_not_a_boolean(api_as, officer, award_round):
    entry = EntryFactory(round=award_round, state="submitted")

    response = api_as(officer).post(
        f"{ENTRIES}{entry.pk}/screening/",
        {"checks": {"made_by_facility": {"passed": "x"}}},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "checks": {"made_by_facility": {"passed": ["Phải là giá trị đúng hoặc sai (true/false)."]}}
    }


def test_upload_that_is_not_a_file(api_as, applicant, entry):
    response = api_as(applicant).post(
        f"{ENTRIES}{entry.pk}/attachments/", {"kind": "photo", "file": "abc"}
    )

    assert response.status_code == 400
    assert response.json() == {
        "file": ["Dữ liệu gửi lên không phải là tệp. Hãy kiểm tra kiểu mã hóa của biểu mẫu."]
    }


def test_upload_without_a_file(api_as, applicant, entry):
    response = api_as(applicant).post(f"{ENTRIES}{entry.pk}/attachments/", {"kind": "photo"})

    assert response.json() == {"file": ["Không có tập tin nào được gửi."]}


def test_upload_of_an_empty_file(api_as, applicant, entry):
    response = api_as(applicant).post(
        f"{ENTRIES}{entry.pk}/attachments/",
        {"kind": "photo", "file": SimpleUploadedFile("a.jpg", b"", "image/jpeg")},
    )

    assert response.json() == {"file": ["Tập tin được gửi là rỗng."]}


# ---- Django's password validators (Django 6.1) ---------------------------------------------


@pytest.mark.parametrize(
    ("password", "messages"),
    [
        (
            "7291",
            ["Mật khẩu này quá ngắn: cần ít nhất 8 ký tự.", "Mật khẩu này hoàn toàn là số."],
        ),
        ("password", ["Mật khẩu này quá phổ biến."]),
        ("nguoidung_moi", ["Mật khẩu quá giống với tên đăng nhập."]),
    ],
)
def test_weak_password_messages(api_as, admin_user, password, messages):
    body = {"username": "nguoidung_moi", "password": password, "role": "judge"}

    response = api_as(admin_user).post(USERS, body, format="json")

    assert response.status_code == 400
    assert response.json() == {"password": messages}
