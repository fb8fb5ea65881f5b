"""Forms report every error in one pass, listed in a summary with a link to each field; new
password fields list the rules first; the messages read as Vietnamese should."""

import html
import re

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from applicants import services
from applicants.forms import FacilityForm
from applicants.models import Facility
from core.forms import BootstrapMixin, ServiceChecksMixin, call_service
from tests.factories import FacilityFactory
from tests.web import test_registration

User = get_user_model()

# The registration page's POST data (a fixture of its own tests).
registration_data = test_registration.registration_data

# Django's Vietnamese help texts of the four validators (config.settings).
PASSWORD_RULES = [
    "Mật khẩu của bạn không được quá giống với thông tin cá nhân khác.",
    "Mật khẩu của bạn phải chứa ít nhất 8 ký tự.",
    "Mật khẩu của bạn không được là mật khẩu được dùng phổ biến.",
    "Mật khẩu của bạn không được hoàn toàn bằng số.",
]


def summary_of(text: str) -> str:
    match = re.search(r'<div class="alert alert-danger error-summary"[^>]*>(.*?)</div>', text, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def summary_links(text: str) -> list[str]:
    return re.findall(r'<a href="#([\w-]+)" data-error-link>', summary_of(text))


def summary_heading(text: str) -> str:
    return re.search(r"<h2[^>]*>(.*?)</h2>", summary_of(text), re.S).group(1).strip()


def widget_tag(text: str, name: str) -> str:
    return re.search(rf'<(?:input|select|textarea)\b[^>]*\bname="{name}"[^>]*>', text).group(0)


def five_mistakes(registration_data):
    next_year = str(timezone.localdate().year + 1)
    return registration_data(
        username="applicant",  # taken
        tax_code="0300588568",  # wrong check digit
        phone="12345",
        workers="-3",
        founded_year=next_year,
    )


# ---- Every error in one pass ----------------------------------------------------------------


def test_register_five_mistakes_are_all_reported_at_once(client, applicant, registration_data):
    response = client.post(reverse("register"), five_mistakes(registration_data))

    assert response.status_code == 200
    assert set(response.context["account_form"].errors) == {"username"}
    assert set(response.context["form"].errors) == {"tax_code", "phone", "workers", "founded_year"}
    assert summary_heading(response.text) == "Có 5 lỗi cần sửa"
    assert summary_links(response.text) == [
        "id_username",
        "id_tax_code",
        "id_phone",
        "id_workers",
        "id_founded_year",
    ]
    assert User.objects.count() == 1
    assert Facility.objects.count() == 0


def test_register_future_founding_year_says_this_year(client, registration_data):
    this_year = timezone.localdate().year

    response = client.post(reverse("register"), registration_data(founded_year=this_year + 1))

    assert response.context["form"].errors["founded_year"] == [
        f"Năm thành lập không được sau năm nay ({this_year})."
    ]


def test_register_weak_password_reported_with_a_field_error(client, registration_data):
    """The password rules (the service's) show together with a malformed number (the field's)."""
    data = registration_data(password1="12345678", password2="12345678", workers="-1")

    response = client.post(reverse("register"), data)

    assert response.context["account_form"].errors["password1"] == [
        "Mật khẩu này quá phổ biến.",
        "Mật khẩu này hoàn toàn là số.",
    ]
    assert response.context["form"].errors["workers"] == ["Giá trị phải lớn hơn hoặc bằng 0."]


def test_register_refused_field_is_not_checked_again(client, registration_data):
    """A field the form refused shows its own error only, not the service's as well."""
    response = client.post(reverse("register"), registration_data(founded_year="1500"))

    assert response.context["form"].errors["founded_year"] == [
        "Giá trị phải lớn hơn hoặc bằng 1800."
    ]


def test_register_missing_legal_form_does_not_ask_for_a_tax_code(client, registration_data):
    response = client.post(reverse("register"), registration_data(legal_form="", tax_code=""))

    assert set(response.context["form"].errors) == {"legal_form"}


def test_register_missing_tax_code_of_an_enterprise_is_reported(client, registration_data):
    data = registration_data(legal_form="small_enterprise", tax_code="", workers="-1")

    response = client.post(reverse("register"), data)

    assert response.context["form"].errors["tax_code"] == ["Phải có mã số thuế, trừ hộ kinh doanh."]


def test_register_fixed_registration_succeeds(client, applicant, registration_data):
    client.post(reverse("register"), five_mistakes(registration_data))

    response = client.post(reverse("register"), registration_data(username="banhtrang_moi"))

    assert response.status_code == 302
    assert Facility.objects.get().name == "Cơ sở bánh tráng Mỹ Lồng"


def test_facility_edit_reports_taken_tax_code_with_field_error(
    client_as, applicant, facility, facility_form_data
):
    taken = FacilityFactory().tax_code
    data = facility_form_data(tax_code=taken, workers="-5")

    response = client_as(applicant).post(reverse("applicants:edit", args=[facility.pk]), data)

    errors = response.context["form"].errors
    assert errors["tax_code"] == ["Đã có cơ sở đăng ký với mã số thuế này."]
    assert errors["workers"] == ["Giá trị phải lớn hơn hoặc bằng 0."]
    assert summary_heading(response.text) == "Có 2 lỗi cần sửa"


def test_facility_edit_keeps_its_own_tax_code(client_as, applicant, facility, facility_form_data):
    data = facility_form_data(tax_code=facility.tax_code)

    response = client_as(applicant).post(reverse("applicants:edit", args=[facility.pk]), data)

    assert response.status_code == 302


def test_facility_create_reports_ward_and_number_errors_together(
    client_as, officer, facility_form_data
):
    from tests.web.conftest import other_province_ward

    data = facility_form_data(ward=other_province_ward().pk, workers="nhiều")

    response = client_as(officer).post(reverse("applicants:create"), data)

    assert set(response.context["form"].errors) == {"ward", "workers"}
    assert Facility.objects.count() == 0


# ---- The summary and the fields' markup ------------------------------------------------------


def test_field_with_error_is_marked_invalid_and_described(client, registration_data):
    response = client.post(reverse("register"), registration_data(workers="-3"))

    tag = widget_tag(response.text, "workers")
    assert 'class="form-control is-invalid"' in tag
    assert 'aria-invalid="true"' in tag
    assert 'aria-describedby="id_workers_error"' in tag
    assert '<div class="invalid-feedback d-block" id="id_workers_error">' in response.text
    assert 'class="form-control"' in widget_tag(response.text, "name")
    assert "aria-invalid" not in widget_tag(response.text, "name")


def test_summary_is_focusable_and_links_carry_labels(client, registration_data):
    response = client.post(reverse("register"), registration_data(phone="12345"))

    summary = summary_of(response.text)
    assert 'tabindex="-1"' in summary
    assert "data-error-summary" in summary
    assert (
        '<a href="#id_phone" data-error-link><span class="error-summary-label">Điện thoại:</span>'
        in summary
    )


def test_summary_lists_errors_of_the_whole_form_without_a_link(client, applicant):
    response = client.post(reverse("login"), {"username": "applicant", "password": "sai-roi"})

    summary = summary_of(response.text)
    assert summary_heading(response.text) == "Có 1 lỗi cần sửa"
    assert summary_links(response.text) == []
    assert "Vui lòng điền vào" in html.unescape(summary)


def test_no_summary_on_an_unsent_form(client, db):
    response = client.get(reverse("register"))

    assert "error-summary" not in response.text


def test_summary_of_a_formset_lists_each_form(db):
    from django.forms import formset_factory
    from django.template.loader import render_to_string

    class Row(forms.Form):
        count = forms.IntegerField(min_value=0)

    rows = formset_factory(Row, extra=0)(
        {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-0-count": "-1"}
    )
    with translation.override("vi"):
        text = render_to_string("includes/form_errors.html", {"form": rows})

    assert summary_links(text) == ["id_form-0-count"]


# ---- Every form can do it: core.forms.ServiceChecksMixin and call_service --------------------


class NoteForm(BootstrapMixin, ServiceChecksMixin, forms.Form):
    service_field_names = {"text": "note"}
    note = forms.CharField(max_length=20)
    count = forms.IntegerField(min_value=1)

    def service_checks(self, data, exclude):
        errors = {}
        if "text" not in exclude and data.get("note") == "trùng":
            errors["text"] = "Ghi chú này đã có."
        if "count" not in exclude and data.get("count") == 13:
            errors["count"] = "Không nhận số 13."
        if data.get("note") == "cả biểu mẫu":
            raise ValidationError(["Lỗi chung của biểu mẫu."])
        if errors:
            raise ValidationError(errors)


def test_service_checks_map_a_dict_onto_fields_in_the_same_pass():
    form = NoteForm({"note": "trùng", "count": "13"})

    assert form.errors == {"note": ["Ghi chú này đã có."], "count": ["Không nhận số 13."]}


def test_service_checks_skip_fields_refused_by_the_form():
    form = NoteForm({"note": "trùng", "count": "0"})

    with translation.override("vi"):  # the field's message is translated as it is read
        assert form.errors["count"] == ["Giá trị phải lớn hơn hoặc bằng 1."]
    assert form.errors["note"] == ["Ghi chú này đã có."]


def test_service_checks_list_goes_above_the_form():
    form = NoteForm({"note": "cả biểu mẫu", "count": "2"})

    assert form.non_field_errors() == ["Lỗi chung của biểu mẫu."]


def test_call_service_maps_the_operation_refusal_onto_the_form(db):
    form = NoteForm({"note": "mới", "count": "2"})

    def operation():
        raise ValidationError({"text": "Vừa có người ghi trùng."})

    assert call_service(form, operation) is None
    assert form.errors == {"note": ["Vừa có người ghi trùng."]}


def test_call_service_runs_the_operation_only_on_a_valid_form():
    calls = []

    assert call_service(NoteForm({"note": "", "count": "2"}), lambda: calls.append(1)) is None
    assert calls == []
    assert call_service(NoteForm({"note": "a", "count": "2"}), lambda: "ok") == "ok"


def test_facility_form_race_between_check_and_save_is_shown_on_the_field(
    applicant, facility_form_data
):
    """Another facility takes the tax code after the form checked it: the service refuses."""
    data = facility_form_data()
    form = FacilityForm(data)
    assert form.is_valid()
    FacilityFactory(tax_code=data["tax_code"])

    with translation.override("vi"):
        result = call_service(
            form, lambda: services.create_facility(actor=applicant, data=form.service_data())
        )

    assert result is None
    assert form.errors["tax_code"] == ["Đã có cơ sở đăng ký với mã số thuế này."]


def test_service_refuses_a_future_founding_year(applicant, facility_form_data):
    form = FacilityForm(facility_form_data())
    assert form.is_valid()
    data = {**form.service_data(), "founded_year": timezone.localdate().year + 1}

    with pytest.raises(ValidationError) as refused:
        services.create_facility(actor=applicant, data=data)

    assert list(refused.value.error_dict) == ["founded_year"]
    assert Facility.objects.count() == 0


# ---- Password rules before typing ------------------------------------------------------------


def rules_of(text: str, field_id: str) -> list[str]:
    block = re.search(rf'<div class="form-text" id="{field_id}_helptext">(.*?)</div>', text, re.S)
    assert block, f"no help text for {field_id}"
    return [html.unescape(rule) for rule in re.findall(r"<li>(.*?)</li>", block.group(1))]


def test_register_lists_password_rules_before_typing(client, db):
    response = client.get(reverse("register"))

    assert rules_of(response.text, "id_password1") == PASSWORD_RULES
    assert "Yêu cầu đối với mật khẩu:" in response.text
    assert 'aria-describedby="id_password1_helptext"' in widget_tag(response.text, "password1")


def test_password_change_lists_password_rules(client_as, applicant):
    response = client_as(applicant).get(reverse("password_change"))

    assert rules_of(response.text, "id_new_password1") == PASSWORD_RULES
    assert "&lt;ul&gt;" not in response.text


def test_password_reset_confirm_lists_password_rules(client, applicant):
    uid = urlsafe_base64_encode(force_bytes(applicant.pk))
    token = default_token_generator.make_token(applicant)
    url = reverse("password_reset_confirm", args=[uid, token])

    response = client.get(url, follow=True)

    assert response.context["validlink"] is True
    assert rules_of(response.text, "id_new_password1") == PASSWORD_RULES


# ---- The words of the messages ---------------------------------------------------------------


def vi(callable_):
    with translation.override("vi"):
        try:
            callable_()
        except ValidationError as error:
            return error.messages
    raise AssertionError("no ValidationError")


@pytest.mark.parametrize(
    ("check", "messages"),
    [
        (
            lambda: forms.IntegerField(min_value=0).clean("-1"),
            ["Giá trị phải lớn hơn hoặc bằng 0."],
        ),
        (
            lambda: forms.CharField(min_length=5).clean("abc"),
            ["Giá trị này phải có ít nhất 5 ký tự (hiện có 3)."],
        ),
        (
            lambda: forms.CharField(max_length=2).clean("abc"),
            ["Giá trị này chỉ được có tối đa 2 ký tự (hiện có 3)."],
        ),
        (
            lambda: forms.EmailField().clean("khong-phai-email"),
            ["Hãy nhập một địa chỉ email hợp lệ."],
        ),
        (
            lambda: validate_password("1234"),
            [
                "Mật khẩu này quá ngắn: cần ít nhất 8 ký tự.",
                "Mật khẩu này quá phổ biến.",
                "Mật khẩu này hoàn toàn là số.",
            ],
        ),
    ],
    ids=["min value", "min length", "max length", "email", "password"],
)
def test_django_messages_read_with_vietnamese_punctuation(check, messages):
    """Our catalogue overrides Django's ("… lớn hơn hoặc bằng với 0 ." there)."""
    assert vi(check) == messages


def test_username_messages_end_with_a_full_stop(client, applicant, registration_data):
    taken = client.post(reverse("register"), registration_data(username="applicant"))
    malformed = client.post(reverse("register"), registration_data(username="bánh tráng!"))

    assert taken.context["account_form"].errors["username"] == [
        "Tên đăng nhập này đã có người dùng."
    ]
    assert malformed.context["account_form"].errors["username"] == [
        "Hãy nhập tên đăng nhập hợp lệ. Tên đăng nhập chỉ được gồm chữ cái, chữ số và các ký tự "
        "@/./+/-/_."
    ]


def test_password_similar_to_username_names_it_in_lower_case(client, registration_data):
    data = registration_data(username="banhtrangmylong", password1="banhtrangmylong1")
    data["password2"] = data["password1"]

    response = client.post(reverse("register"), data)

    assert response.context["account_form"].errors["password1"] == [
        "Mật khẩu quá giống với tên đăng nhập."
    ]


def test_catalogue_has_no_space_before_punctuation():
    """No message of ours (which include those overriding Django's) puts a space before a full
    stop, comma, colon or semicolon, or starts with a space."""
    from babel.messages.pofile import read_po

    from tests.core.test_translations import PO

    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="vi")
    bad = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in strings:
            if re.search(r" [.,;:](\s|$)", string) or string.startswith(" "):
                bad.append(string)
    assert bad == []
