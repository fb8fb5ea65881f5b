"""A facility applies for equipment support in Chromium and sees the support allowed follow
what it types (htmx posts the form as it is typed): 50 % of the new machines' cost under the
rule's ceiling; a lower unit price lowers it; a used machine added changes nothing (it is not
supported). Then it saves the draft and submits it through the confirmation dialog."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from programs.models import EquipmentItem, Proposal
from tests.factories import PASSWORD
from tests.programs.world import local_rule, make_plan


@pytest.fixture
def plan(db):
    local_rule()  # 50 %, at most 250 million (× 1.5 for a production line)
    return make_plan()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_applicant_sees_the_allowed_support_update_as_it_types(
    page, console_messages, log_in, applicant, facility, plan
):
    year = timezone.localdate().year
    log_in(page, applicant.username, PASSWORD)
    page.goto("/programs/proposals/")
    page.click("#proposal-apply")
    page.select_option("#apply-form select[name=activity]", label=_equipment_label(page))
    page.fill("#apply-form input[name=title]", "Hỗ trợ máy sấy dừa")
    page.click("#apply-submit")
    page.wait_for_url(re.compile(r"/programs/proposals/\d+/edit/$"))

    allowed = page.locator("#support-allowed")
    page.fill("input[name=items-0-name]", "Máy sấy dừa")
    page.fill("input[name=items-0-quantity]", "1")
    page.fill("input[name=items-0-unit_price]", "400000000")
    expect(allowed).to_have_text("200.000.000 ₫")

    # A lower price: the number changes as it is typed, nothing saved.
    page.fill("input[name=items-0-unit_price]", "300000000")
    expect(allowed).to_have_text("150.000.000 ₫")
    assert not EquipmentItem.objects.exists()

    page.fill("input[name=lines-0-item]", "Mua máy sấy")
    page.fill("input[name=lines-0-unit]", "bộ")
    page.fill("input[name=lines-0-quantity]", "1")
    page.fill("input[name=lines-0-unit_cost]", "300000000")
    page.fill("input[name=lines-0-extension_share]", "150000000")
    expect(page.locator("#support-asked")).to_have_text("150.000.000 ₫")

    # One more machine, used: it is left out of the cost, the support stays.
    page.click("#add_items")
    expect(page.locator("input[name=items-1-name]")).to_be_visible()
    expect(page.locator("input[name=items-0-unit_price]")).to_have_value("300000000")
    page.fill("input[name=items-1-name]", "Máy đóng gói cũ")
    page.fill("input[name=items-1-quantity]", "1")
    page.uncheck("input[name=items-1-is_new]")
    page.fill("input[name=items-1-unit_price]", "100000000")
    expect(page.locator("#support-steps li").first).to_contain_text("100.000.000 ₫")
    expect(allowed).to_have_text("150.000.000 ₫")

    page.fill("textarea[name=objectives]", "Thay sấy thủ công bằng máy.")
    page.fill("input[name=starts_on]", f"01/03/{year}")
    page.fill("input[name=ends_on]", f"31/10/{year}")
    page.click("#proposal-save")
    page.wait_for_url(re.compile(r"/programs/proposals/\d+/$"))
    proposal = Proposal.objects.get()
    assert sorted(proposal.equipment.values_list("unit_price", "is_new")) == [
        (100_000_000, False),
        (300_000_000, True),
    ]
    expect(page.locator("#support-allowed")).to_have_text("150.000.000 ₫")

    # Submitting asks first (the page's dialog), then the proposal is submitted.
    page.click("#transition-submit")
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    page.click("#confirm-dialog-ok")
    expect(page.locator("#proposal-state [data-state]")).to_have_attribute(
        "data-state", "submitted"
    )
    proposal.refresh_from_db()
    assert proposal.state == "submitted"
    assert not [m for m in console_messages if m.startswith(("error", "pageerror"))]


def _equipment_label(page) -> str:
    from programs.models import Activity

    return Activity.objects.get(code="equipment").name
