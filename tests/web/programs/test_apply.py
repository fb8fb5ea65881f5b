"""Applying for support: the first step, the draft's fields and tables, the support allowed as
typed (htmx), submitting, answering a return, withdrawing."""

import pytest
from django.urls import reverse

from core.workflow import transition
from programs.models import BudgetLine, EquipmentItem, Proposal

pytestmark = pytest.mark.django_db


def edit_data(proposal, *, items=(), lines=(), **overrides):
    """The edit form's POST: the proposal's fields, then the rows of the two tables."""
    data = {
        "title": proposal.title,
        "implementing_unit": "facility",
        "implementing_name": "",
        "province": proposal.province_id,
        "ward": proposal.ward_id or "",
        "starts_on": "01/03/2026",
        "ends_on": "31/10/2026",
        "objectives": "Nâng công suất.",
        "expected_results": "",
    }
    for prefix, rows in (("items", items), ("lines", lines)):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for index, row in enumerate(rows):
            for name, value in row.items():
                data[f"{prefix}-{index}-{name}"] = value
    data.update(overrides)
    return data


def item(name="Máy đóng gói", quantity="1", price="400000000", new=True, line=False, **extra):
    row = {"name": name, "quantity": quantity, "unit_price": price, "origin": "Việt Nam", **extra}
    if new:
        row["is_new"] = "on"
    if line:
        row["production_line"] = "on"
    return row


def line(extension="200000000", cost="400000000", **extra):
    return {
        "item": "Mua máy",
        "unit": "bộ",
        "quantity": "1",
        "unit_cost": cost,
        "extension_share": extension,
        **extra,
    }


def test_apply_creates_a_draft_of_the_applicants_facility(client_as, applicant, facility, plan):
    from tests.programs.world import activity

    response = client_as(applicant).post(
        reverse("programs:proposal-create"),
        {
            "plan": plan.pk,
            "activity": activity().pk,
            "facility": facility.pk,
            "title": "Máy sấy dừa",
        },
    )

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("programs:proposal-edit", args=[proposal.pk])
    assert proposal.state == "draft"
    assert list(proposal.beneficiaries.all()) == [facility]
    assert proposal.province == facility.province


def test_apply_refuses_another_facility_on_its_field(
    client_as, applicant, facility, other_facility, plan
):
    from tests.programs.world import activity

    response = client_as(applicant).post(
        reverse("programs:proposal-create"),
        {"plan": plan.pk, "activity": activity().pk, "facility": other_facility.pk, "title": "X"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["facility"]
    assert not Proposal.objects.exists()


def test_apply_without_a_plan_taking_proposals_says_so(client_as, applicant, facility):
    response = client_as(applicant).get(reverse("programs:proposal-create"))
    assert response.context["form"] is None
    assert 'id="apply-no-plan"' in response.text


def test_edit_saves_fields_lines_and_items_and_removes_a_row(client_as, applicant, draft):
    stored_item = draft.equipment.get()
    stored_line = draft.budget_lines.get()
    data = edit_data(
        draft,
        items=[
            item(id=str(stored_item.pk), price="300000000"),
            item(name="Máy cũ", price="50000000", new=False),
        ],
        lines=[line(id=str(stored_line.pk), DELETE="on"), line("150000000", "300000000")],
    )

    response = client_as(applicant).post(reverse("programs:proposal-edit", args=[draft.pk]), data)

    assert response.status_code == 302
    assert [
        (i.name, i.unit_price, i.is_new) for i in EquipmentItem.objects.order_by("position")
    ] == [
        ("Máy đóng gói", 300_000_000, True),
        ("Máy cũ", 50_000_000, False),
    ]
    assert [(b.unit_cost, b.extension_share) for b in BudgetLine.objects.all()] == [
        (300_000_000, 150_000_000)
    ]


def test_edit_shows_each_error_on_its_field_and_saves_nothing(client_as, applicant, draft):
    data = edit_data(
        draft,
        items=[item(quantity="0")],
        lines=[line(extension="500000000", cost="400000000")],
        ends_on="01/01/2026",
    )

    response = client_as(applicant).post(reverse("programs:proposal-edit", args=[draft.pk]), data)

    assert response.status_code == 200
    items = response.context["items"]
    assert items.forms[0].errors["quantity"]
    assert "ends_on" in response.context["form"].errors
    # The line's extension share over its cost is the service's check; with the other errors
    # the form never reaches the service, so it is refused once the fields parse.
    draft.refresh_from_db()
    assert draft.equipment.get().unit_price == 400_000_000


def test_edit_maps_the_services_refusal_onto_the_row(client_as, applicant, draft):
    data = edit_data(draft, items=[item()], lines=[line(extension="500000000", cost="400000000")])

    response = client_as(applicant).post(reverse("programs:proposal-edit", args=[draft.pk]), data)

    assert response.status_code == 200
    assert response.context["lines"].forms[0].errors["extension_share"]
    # All or nothing: the proposal's fields were not saved either.
    assert EquipmentItem.objects.count() == 1
    assert BudgetLine.objects.get().extension_share == 200_000_000


def test_add_a_row_shows_the_rows_as_typed_plus_a_blank_one(client_as, applicant, draft):
    data = edit_data(draft, items=[item(price="123")], lines=[line()], add_items="1")

    response = client_as(applicant).post(reverse("programs:proposal-edit", args=[draft.pk]), data)

    assert response.status_code == 200
    items = response.context["items"]
    assert len(items.forms) == 2
    assert items.forms[0].initial["unit_price"] == "123"
    # The support shown is the rows' as typed.
    assert response.context["limit"].cost == 123
    assert EquipmentItem.objects.get().unit_price == 400_000_000


def support(client_as, user, proposal, data):
    return client_as(user).post(reverse("programs:proposal-support", args=[proposal.pk]), data)


def test_live_support_follows_the_typed_price(client_as, applicant, draft):
    response = support(
        client_as,
        applicant,
        draft,
        edit_data(draft, items=[item(price="300000000")], lines=[line()]),
    )

    limit = response.context["limit"]
    assert response.status_code == 200
    assert (limit.cost, limit.allowed, limit.asked) == (300_000_000, 150_000_000, 200_000_000)
    assert limit.exceeded
    assert "150.000.000 ₫" in response.text
    assert 'id="support-exceeded"' in response.text
    # Nothing was written.
    assert draft.equipment.get().unit_price == 400_000_000


def test_live_support_leaves_out_used_equipment_and_caps_a_production_line(
    client_as, applicant, draft
):
    data = edit_data(
        draft,
        items=[
            item(price="800000000", line=True),
            item(name="Máy cũ", price="90000000", new=False),
        ],
        lines=[line("300000000")],
    )

    limit = support(client_as, applicant, draft, data).context["limit"]

    assert (limit.cost, limit.excluded_cost, limit.allowed) == (
        800_000_000,
        90_000_000,
        375_000_000,
    )
    assert len(limit.steps) == 5
    assert not limit.exceeded


def test_live_support_skips_rows_that_do_not_parse(client_as, applicant, draft):
    data = edit_data(draft, items=[item(price="abc"), item(price="100000000")], lines=[line("0")])
    limit = support(client_as, applicant, draft, data).context["limit"]
    assert limit.cost == 100_000_000


def test_submit_with_confirmation_and_the_refusal_with_the_limit(client_as, applicant, draft):
    page = client_as(applicant).get(reverse("programs:proposal-detail", args=[draft.pk]))
    assert 'id="transition-submit"' in page.text
    assert "data-confirm=" in page.text

    BudgetLine.objects.update(extension_share=260_000_000)
    url = reverse("programs:proposal-transition", args=[draft.pk])
    refused = client_as(applicant).post(url, {"action": "submit", "from": "draft"})
    assert refused.status_code == 200
    assert "250.000.000 ₫" in refused.text
    assert Proposal.objects.get().state == "draft"

    BudgetLine.objects.update(extension_share=200_000_000)
    done = client_as(applicant).post(url, {"action": "submit", "from": "draft"})
    assert done.status_code == 302
    assert Proposal.objects.get().state == "submitted"


def test_a_stale_page_is_refused_and_says_what_happened(client_as, applicant, draft):
    transition(draft, action="submit", actor=applicant)
    url = reverse("programs:proposal-transition", args=[draft.pk])
    response = client_as(applicant).post(url, {"action": "submit", "from": "draft"})
    assert response.status_code == 302
    assert Proposal.objects.get().state == "submitted"


def test_a_return_is_answered_by_editing_and_resubmitting(client_as, applicant, officer, draft):
    transition(draft, action="submit", actor=applicant)
    url = reverse("programs:proposal-transition", args=[draft.pk])
    no_note = client_as(officer).post(url, {"action": "return_for_revision", "from": "submitted"})
    assert no_note.context["failed"].errors["note"]

    client_as(officer).post(
        url, {"action": "return_for_revision", "from": "submitted", "note": "Bổ sung báo giá."}
    )
    page = client_as(applicant).get(reverse("programs:proposal-detail", args=[draft.pk]))
    assert "Bổ sung báo giá." in page.text
    assert 'id="proposal-edit"' in page.text
    edit = client_as(applicant).get(reverse("programs:proposal-edit", args=[draft.pk]))
    assert edit.status_code == 200

    client_as(applicant).post(url, {"action": "resubmit", "from": "returned"})
    assert Proposal.objects.get().state == "submitted"


def test_the_facility_withdraws_its_proposal(client_as, applicant, draft):
    url = reverse("programs:proposal-transition", args=[draft.pk])
    response = client_as(applicant).post(url, {"action": "withdraw", "from": "draft"})
    assert response.status_code == 302
    assert Proposal.objects.get().state == "cancelled"


def test_the_facility_cannot_make_an_officers_step(client_as, applicant, draft):
    transition(draft, action="submit", actor=applicant)
    url = reverse("programs:proposal-transition", args=[draft.pk])
    response = client_as(applicant).post(url, {"action": "start_appraisal", "from": "submitted"})
    assert response.status_code == 403
    assert Proposal.objects.get().state == "submitted"
