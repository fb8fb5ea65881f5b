"""A judge scores an entry on a tablet (768×1024): the live total, the inline errors as they
type (41 on a 40-point criterion, 12.3 off the 0.5 step), fixed; a draft saved; the sheet
submitted with its confirmation; then the progress shows it.

Then, as the issue has it: a judge who has not declared yet is sent to the declaration,
declares no conflict, scores and submits on the tablet, and the officer's progress page (in a
browser of their own) shows the sheet submitted."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from awards.models import ConflictDeclaration
from tests.factories import (
    PASSWORD,
    AwardRoundFactory,
    EntryFactory,
    PanelFactory,
    PanelMemberFactory,
    ScoreSheetFactory,
    complete_dossier,
)

TABLET = {"width": 768, "height": 1024}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def judged(judge, chair, facility):
    award_round = AwardRoundFactory(state="judging", title="Bình chọn SPCNNTTB tỉnh 2026")
    panel = PanelFactory(round=award_round, name="Hội đồng bình chọn")
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    PanelMemberFactory(panel=panel, judge=judge, role="member")
    ConflictDeclaration.objects.create(round=award_round, judge=judge)
    entry = EntryFactory(
        round=award_round, facility=facility, state="eligible", product_name="Kẹo dừa sáp"
    )
    complete_dossier(entry)
    sheet = ScoreSheetFactory(panel=panel, entry=entry, judge=judge)
    criteria = {c.code: c for c in award_round.criteria.all()}
    return {"round": award_round, "sheet": sheet, "entry": entry, "criteria": criteria}


def _points(page, judged, code):
    return page.locator(f"#id_points_{judged['criteria'][code].pk}")


def _open_sheet(page, log_in, judge, judged):
    page.set_viewport_size(TABLET)
    log_in(page, judge.username, PASSWORD)
    page.goto(reverse("awards:judging"))
    page.get_by_role("link", name="Chấm điểm").last.click()
    page.get_by_role("link", name=judged["entry"].voting_code).click()
    expect(page.locator("#score-form")).to_be_visible()


def test_judge_sees_the_live_total_and_inline_errors(page, log_in, judge, judged):
    _open_sheet(page, log_in, judge, judged)
    first, second = _points(page, judged, "1"), _points(page, judged, "2")

    first.fill("41")
    error = page.locator(f"#id_points_{judged['criteria']['1'].pk}_error")
    expect(error).to_have_text("Hãy nhập điểm từ 0 đến 40.")
    expect(first).to_have_attribute("aria-invalid", "true")
    assert error.get_attribute("id") in first.get_attribute("aria-describedby")
    second.fill("12.3")
    expect(page.locator(f"#id_points_{judged['criteria']['2'].pk}_error")).to_have_text(
        "Điểm chấm theo bước 0,5 (ví dụ 35 hoặc 35,5)."
    )
    # Enter in a points field moves on; it never sends the sheet.
    first.press("Enter")
    expect(page).to_have_url(re.compile(r"/judging/sheets/\d+/$"))

    first.fill("35.5")
    second.fill("30")
    expect(first).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#score-total")).to_have_text("65.5")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _officer_page(browser, live_server, log_in, officer):
    """The officer, in a browser of their own beside the judge's (a desktop window)."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, officer.username, PASSWORD)
    return page


def _submitted_count(page, judged, judge) -> str:
    row = page.locator(f"#judges-{judged['sheet'].panel_id} tr[data-judge='{judge.pk}']")
    return row.locator("[data-count='submitted']")


def test_judge_declares_no_conflict_scores_on_a_tablet_and_the_officer_sees_it(
    page, browser, live_server, log_in, judge, officer, judged
):
    ConflictDeclaration.objects.filter(judge=judge).delete()
    progress_url = reverse("awards:round-progress", kwargs={"pk": judged["round"].pk})
    desk = _officer_page(browser, live_server, log_in, officer)
    desk.goto(progress_url)
    expect(_submitted_count(desk, judged, judge)).to_have_text("0")

    # The judge opens the round: the declaration comes first.
    page.set_viewport_size(TABLET)
    log_in(page, judge.username, PASSWORD)
    page.goto(reverse("awards:judging-round", kwargs={"pk": judged["round"].pk}))
    expect(page.locator("#declaration-form")).to_be_visible()
    # The facility taking part is listed by name, to declare a conflict with; no product.
    expect(page.locator("#declaration-facilities")).not_to_contain_text("Kẹo dừa sáp")
    page.locator("#id_none").check()
    page.locator("#declaration-submit").click()

    page.goto(reverse("awards:judging-round", kwargs={"pk": judged["round"].pk}))
    page.get_by_role("link", name=judged["entry"].voting_code).click()
    expect(page.locator("#score-form")).to_be_visible()
    _points(page, judged, "1").fill("35.5")
    _points(page, judged, "2").fill("30")
    page.locator("#sheet-save").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu nháp.")
    expect(_points(page, judged, "1")).to_have_value("35.5")

    _points(page, judged, "3").fill("8")
    _points(page, judged, "4").fill("7.5")
    expect(page.locator("#score-total")).to_have_text("81")
    page.locator("#sheet-submit").click()
    dialog = page.locator("#confirm-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("#confirm-dialog-ok").click()
    expect(page.locator(".alert-success")).to_contain_text(judged["entry"].voting_code)
    expect(page.locator("#judging-progress-text")).to_contain_text("Đã nộp 1/1 phiếu")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    desk.reload()
    expect(_submitted_count(desk, judged, judge)).to_have_text("1")
    desk.context.close()
