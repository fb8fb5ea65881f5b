"""An applicant registers a product with three photos and its documents and submits the
dossier; an officer screens it in, and the entry gets its voting code."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from awards.demo.files import document_pdf
from awards.dossier import MIN_PHOTOS, required_documents
from awards.models import Entry, ProductGroup, ScreeningCondition
from tests.factories import PASSWORD, AwardRoundFactory

PRODUCT = "Kẹo dừa lá dứa Thành Thới"
GROUP = 2  # Chế biến nông, lâm, thủy sản và thực phẩm
DESCRIPTION = {
    "features": "Kẹo dừa dẻo vị lá dứa, gói giấy gạo, hộp 400 g.",
    "materials": "Nước cốt dừa, mạch nha, đường mía, lá dứa tươi.",
    "production_process": "Nấu trên chảo hai vỏ, cắt và gói bằng máy; 30 tấn/năm.",
    "markets": "Siêu thị các tỉnh miền Tây, TP Hồ Chí Minh; xuất khẩu Đài Loan.",
}


def image_file(path, color: str, fmt: str):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), color).save(buffer, format=fmt)  # photos: 600 px or more
    path.write_bytes(buffer.getvalue())
    return path


def missing_items(page) -> int:
    """How many items the "still missing" list shows (0 once it says everything is there)."""
    if page.locator("#missing-none").is_visible():
        return 0
    return page.locator("#missing-list li").count()


def upload(page, kind: str, files) -> None:
    page.select_option("#upload-form select[name=kind]", kind)
    page.set_input_files("#upload-form input[name=file]", [str(f) for f in files])
    # Sent by static/js/uploads.js without leaving the page; done once its sections are swapped
    # in (the button, disabled while sending, is a fresh one again).
    with page.expect_response(lambda r: r.url.endswith("/files/") and r.request.method == "POST"):
        page.click("#attachment-upload")
    expect(page.locator("#attachment-upload")).to_be_enabled()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_applicant_submits_an_entry_and_officer_screens_it_in(
    page,
    console_messages,
    log_in,
    log_out,
    storage_root,
    applicant,
    facility,
    officer,
    tmp_path,
):
    award_round = AwardRoundFactory()
    group = ProductGroup.objects.get(code=GROUP)
    photos = [
        image_file(tmp_path / "keo-dua-1.jpg", "#f9a825", "JPEG"),
        image_file(tmp_path / "keo-dua-2.png", "#2e7d32", "PNG"),
        image_file(tmp_path / "keo-dua-3.jpg", "#6d4c41", "JPEG"),
    ]
    documents = {}
    for kind in required_documents(award_round.level):
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(document_pdf(kind, [PRODUCT]))
        documents[kind] = path

    # The applicant finds the round open for registration and registers the product.
    log_in(page, applicant.username, PASSWORD)
    page.click("#home-open-rounds")
    page.wait_for_url(re.compile(r"/awards/rounds/open/$"))
    expect(page.locator(f"#round-{award_round.pk}")).to_contain_text(award_round.title)
    page.click(f"#register-{award_round.pk}")
    page.wait_for_url(re.compile(rf"/awards/rounds/{award_round.pk}/register/$"))
    expect(page.locator("#register-facility")).to_have_text(facility.name)
    page.fill("input[name=product_name]", PRODUCT)
    page.select_option("select[name=product_group]", str(group.pk))
    page.click("#entry-register-submit")
    page.wait_for_url(re.compile(r"/awards/entries/\d+/$"))
    entry = Entry.objects.get(round=award_round, facility=facility, product_name=PRODUCT)
    assert page.url.endswith(f"/awards/entries/{entry.pk}/")
    # Four Mẫu 02 fields, the photos and the three documents of a provincial round.
    assert missing_items(page) == 4 + 1 + len(documents)

    # The description (Mẫu 02).
    for name, text in DESCRIPTION.items():
        page.fill(f"#entry-form textarea[name={name}]", text)
    page.fill("#entry-form input[name=price]", "42.000 đ/hộp 400 g")
    page.click("#entry-save")
    page.wait_for_url(re.compile(rf"/awards/entries/{entry.pk}/$"))
    assert missing_items(page) == 1 + len(documents)

    # Three photos at once; their previews show.
    upload(page, "photo", photos)
    expect(page.locator("#photo-count")).to_have_text(str(MIN_PHOTOS))
    thumbs = page.locator("#photos img.photo-thumb")
    expect(thumbs).to_have_count(MIN_PHOTOS)
    for index in range(MIN_PHOTOS):
        thumb = thumbs.nth(index)
        thumb.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle()
        )
    assert missing_items(page) == len(documents)

    # The documents, one kind at a time: the list shrinks to nothing.
    for left, (kind, path) in enumerate(documents.items(), start=1):
        upload(page, kind, [path])
        assert missing_items(page) == len(documents) - left
    expect(page.locator("#missing-none")).to_be_visible()
    expect(page.locator("#missing-list")).to_have_count(0)

    page.click("#entry-submit")
    # Submitting cannot be undone: the confirmation dialog asks first (static/js/confirm.js).
    expect(page.locator("#confirm-dialog-text")).to_have_text(
        re.compile(r"^Nộp hồ sơ\? Sau khi nộp")
    )
    page.click("#confirm-dialog-ok")
    page.wait_for_url(re.compile(rf"/awards/entries/{entry.pk}/$"))
    expect(page.locator("#entry-state .state-badge")).to_have_attribute("data-state", "submitted")
    expect(page.locator("#entry-submit")).to_have_count(0)
    entry.refresh_from_db()
    assert entry.state == Entry.State.SUBMITTED
    assert entry.attachments.filter(kind="photo").count() == MIN_PHOTOS
    log_out(page)

    # The officer opens the round's entries and screens the entry in.
    log_in(page, officer.username, PASSWORD)
    page.goto(f"/awards/rounds/{award_round.pk}/")
    page.click("#round-entries")
    page.wait_for_url(re.compile(rf"/awards/rounds/{award_round.pk}/entries/$"))
    row = page.locator(f"#entry-table tr[data-entry='{entry.pk}']")
    expect(row).to_contain_text(PRODUCT)
    row.locator(f"a[href$='/awards/entries/{entry.pk}/screening/']").click()
    page.wait_for_url(re.compile(rf"/awards/entries/{entry.pk}/screening/$"))
    for condition in ScreeningCondition.values:
        page.check(f"#screening-form input[name=met_{condition}][value=yes]")
    page.check("#screening-form input[name=decision][value=eligible]")
    page.click("#screening-decide")
    # The decision is confirmed, named by its label (static/js/confirm.js).
    expect(page.locator("#confirm-dialog-text")).to_contain_text(
        f"“Đủ điều kiện: đưa vào chấm, cấp mã số bình chọn” cho “{PRODUCT}”"
    )
    page.click("#confirm-dialog-ok")
    page.wait_for_url(re.compile(rf"/awards/rounds/{award_round.pk}/entries/$"))

    entry.refresh_from_db()
    assert entry.state == Entry.State.ELIGIBLE
    assert entry.voting_code == f"T{award_round.year}-{GROUP}-001"
    assert set(entry.screening_checks.values_list("condition", "passed")) == {
        (condition, True) for condition in ScreeningCondition.values
    }
    expect(row).to_contain_text(entry.voting_code)
    row.locator(f"a[href$='/awards/entries/{entry.pk}/']").click()
    page.wait_for_url(re.compile(rf"/awards/entries/{entry.pk}/$"))
    expect(page.locator("#entry-state .state-badge")).to_have_attribute("data-state", "eligible")
    expect(page.locator("#entry-voting-code")).to_have_text(entry.voting_code)

    # The files went to this test's storage (tests/conftest.py's storage_root).
    assert all((storage_root / a.file.name).is_file() for a in entry.attachments.all())
    violations = [text for text in console_messages if "Content Security Policy" in text]
    assert violations == []
