"""The facility opens the printable Mẫu 01 from its entry's page, prints it (only the sheet goes
to paper) and downloads the .docx; on a phone the page does not scroll sideways."""

import docx
import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, EntryFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_facility_prints_and_downloads_mau01(page, log_in, console_messages, applicant, facility):
    entry = EntryFactory(facility=facility, product_name="Bánh tráng sữa Mỹ Lồng")
    log_in(page, applicant.username, PASSWORD)
    page.goto(f"/awards/entries/{entry.pk}/")

    page.locator("#mau-01-print").click()

    expect(page.locator("#sheet-title")).to_have_text(
        "PHIẾU ĐĂNG KÝ THAM GIA BÌNH CHỌN SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU"
    )
    expect(page.locator("#sheet")).to_contain_text("Bánh tráng sữa Mỹ Lồng")
    # The Print button opens the browser's print dialog (counted here instead of opened).
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.locator("#print-button").click()
    assert page.evaluate("window.printed") == 1
    # On paper: the sheet, without the toolbar, in a serif font.
    page.emulate_media(media="print")
    expect(page.locator(".print-toolbar")).to_be_hidden()
    expect(page.locator("#sheet")).to_be_visible()
    assert "Times New Roman" in page.locator("#sheet").evaluate(
        "e => getComputedStyle(e).fontFamily"
    )
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.locator("#print-docx").click()

    assert download.value.suggested_filename == f"mau-01-ho-so-{entry.pk}.docx"
    document = docx.Document(str(download.value.path()))
    assert any("Bánh tráng sữa Mỹ Lồng" in p.text for p in document.paragraphs)
    assert console_messages == []


def test_print_page_fits_a_phone(page, log_in, applicant, facility):
    entry = EntryFactory(facility=facility, features="Rất dài " * 300)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, applicant.username, PASSWORD)

    page.goto(f"/awards/entries/{entry.pk}/mau-02/")

    expect(page.locator("#sheet")).to_contain_text("Rất dài")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
