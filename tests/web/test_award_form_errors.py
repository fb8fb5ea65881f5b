"""The award forms report every error in one pass (issue 7): a field's own check and the
service's (the model's rules and more) come back together from one submit, in the error summary
and on their fields: the round's settings, the entry's description (Mẫu 02) and the criteria
template. core.forms.ServiceChecksMixin runs the service's check function in the form's own
validation; the operation checks again when it saves."""

import html
import re

from django.urls import reverse

from awards.models import AwardRound, CriteriaTemplate, ProductGroup
from tests.factories import AwardRoundFactory, EntryFactory
from tests.web.test_award_rounds import round_data
from tests.web.test_award_templates import form_data
from tests.web.test_entry_page import description_post
from tests.web.test_form_errors import summary_links, summary_of

REQUIRED = "Trường này là bắt buộc."
CLOSES_BEFORE_OPENS = "Ngày hết hạn đăng ký không được trước ngày mở đăng ký."


def field_errors(text: str, field_id: str) -> str:
    """The error text shown under a field (includes/field.html, or a criteria row's cell)."""
    match = re.search(
        rf'<div class="invalid-feedback d-block" id="{field_id}_error">(.*?)</div>\s*</', text, re.S
    )
    assert match, f"no error under {field_id}"
    return html.unescape(match.group(1))


def assert_shown_at_once(text: str, errors: dict[str, str | None]) -> None:
    """The page of one submit lists these fields' errors in the summary, in this order, each a
    link to its field, and shows each message (when given) there and under its field."""
    assert summary_links(text) == list(errors)
    summary = html.unescape(summary_of(text))
    for field_id, message in errors.items():
        if message is not None:
            assert message in summary
            assert message in field_errors(text, field_id)


def test_round_form_reports_a_missing_title_and_the_dates_together(client_as, officer):
    data = round_data(title="", registration_opens="31/08/2026", registration_closes="01/07/2026")

    response = client_as(officer).post(reverse("awards:round-create"), data)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "registration_closes"}
    assert_shown_at_once(
        response.text, {"id_title": REQUIRED, "id_registration_closes": CLOSES_BEFORE_OPENS}
    )
    assert not AwardRound.objects.filter(organiser_name=data["organiser_name"]).exists()


def test_round_edit_reports_a_field_error_and_the_model_rule_together(
    client_as, officer, draft_round
):
    data = round_data(year="năm nay", registration_closes="01/06/2026")

    response = client_as(officer).post(reverse("awards:round-edit", args=[draft_round.pk]), data)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"year", "registration_closes"}
    assert_shown_at_once(
        response.text, {"id_year": None, "id_registration_closes": CLOSES_BEFORE_OPENS}
    )


def test_entry_form_reports_a_missing_name_and_a_closed_group_together(
    client_as, applicant, facility
):
    award_round = AwardRoundFactory(groups=ProductGroup.objects.filter(code__in=[2]))
    entry = EntryFactory(round=award_round, facility=facility)
    data = description_post(
        entry, product_name="", product_group=ProductGroup.objects.get(code=4).pk
    )

    response = client_as(applicant).post(reverse("awards:entry-update", args=[entry.pk]), data)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"product_name", "product_group"}
    assert_shown_at_once(
        response.text,
        {
            "id_product_name": REQUIRED,
            "id_product_group": "Đợt bình chọn này không có nhóm sản phẩm đã chọn.",
        },
    )
    entry.refresh_from_db()
    assert entry.product_group.code == 2


def test_template_form_reports_a_missing_name_and_the_criteria_sums_together(client_as, officer):
    rows = [
        ("A", "Thị trường", "40", ""),
        ("A1", "Trong nước", "20", "A"),
        ("A2", "Xuất khẩu", "15", "A"),
    ]

    response = client_as(officer).post(reverse("awards:template-create"), form_data(rows, name=""))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["name"]
    assert response.context["formset"].forms[0].errors == {
        "max_points": ["Tổng điểm các tiêu chí con của A là 35, không bằng 40 điểm của tiêu chí."]
    }
    assert_shown_at_once(
        response.text,
        {"id_name": REQUIRED, "id_criteria-0-max_points": "Tổng điểm các tiêu chí con của A là 35"},
    )
    assert CriteriaTemplate.objects.count() == 1


def test_template_form_reports_row_errors_and_a_taken_name_together(client_as, officer):
    taken = CriteriaTemplate.objects.get(is_default=True).name
    rows = [("A", "Thị trường", "40", ""), ("B", "", "abc", "")]

    response = client_as(officer).post(
        reverse("awards:template-create"), form_data(rows, name=taken)
    )

    assert response.status_code == 200
    # The rows' own checks first: the criteria as a whole are checked once every row parses.
    assert list(response.context["form"].errors) == ["name"]
    assert set(response.context["formset"].forms[1].errors) == {"text", "max_points"}


def test_template_form_without_criteria_and_name_reports_both(client_as, officer):
    response = client_as(officer).post(
        reverse("awards:template-create"), form_data([], name="", total=2)
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["name"]
    assert len(response.context["criteria_errors"]) == 1
    summary = html.unescape(summary_of(response.text))
    assert response.context["criteria_errors"][0] in summary
