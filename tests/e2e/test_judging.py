"""A judge scores an entry on a tablet (768×1024): the live total, the inline errors as they
type (41 on a 40-point criterion, 12.3 off the 0.5 step), fixed; a draft saved; the sheet
submitted with its confirmation; then the progress shows it.

The judge starts declared (the conflict-of-interest declaration page is the panels slice's);
the officer's progress page is the scoring slice's: until it is merged the judge's own
progress bar is checked instead."""

import re

import pytest
from django.urls import NoReverseMatch, reverse
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


def test_judge_saves_a_draft_and_submits_and_the_progress_changes(
    page, log_in, log_out, judge, officer, judged
):
    pytest.importorskip("awards.services.scoring")
    _open_sheet(page, log_in, judge, judged)
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

    try:
        progress_url = reverse("awards:round-progress", kwargs={"pk": judged["round"].pk})
    except NoReverseMatch:
        return  # the officer's progress page is not merged yet: the judge's bar was checked
    log_out(page)
    log_in(page, officer.username, PASSWORD)
    page.goto(progress_url)
    expect(page.locator("main")).to_contain_text(judge.full_name)
