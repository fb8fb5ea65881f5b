"""The entry's page in Chromium as a facility on a slow connection lives it (issue 7): the
Mẫu 02 text survives an upload (saved as a draft as it is typed; the upload does not leave the
page), an oversized or wrong file is refused before anything is sent, and an upload shows its
progress."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from awards.models import Attachment, Entry
from tests.factories import PASSWORD, AwardRoundFactory, EntryFactory

FEATURES = "Kẹo dừa dẻo vị lá dứa, gói giấy gạo, hộp 400 g; không chất bảo quản."


def photo_file(path, width=800, height=600, noise=False):
    """A JPEG on disk; `noise`: random pixels, so it stays large once compressed."""
    image = (
        Image.effect_noise((width, height), 80).convert("RGB")
        if noise
        else Image.new("RGB", (width, height), "#2e7d32")
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def draft_entry(facility):
    return EntryFactory(round=AwardRoundFactory(), facility=facility, product_name="Kẹo dừa sữa")


def open_entry(page, log_in, applicant, entry):
    log_in(page, applicant.username, PASSWORD)
    page.goto(f"/awards/entries/{entry.pk}/")
    expect(page.locator("h1")).to_contain_text(entry.product_name)


def uploads_sent(page) -> list[str]:
    """The upload requests the page sends from now on."""
    sent = []
    page.on(
        "request",
        lambda request: sent.append(request.url) if "/files/" in request.url else None,
    )
    return sent


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_typed_description_survives_a_photo_upload(
    page, console_messages, log_in, storage_root, applicant, draft_entry, tmp_path
):
    open_entry(page, log_in, applicant, draft_entry)
    features = page.locator("#entry-form textarea[name=features]")
    features.fill(FEATURES)
    # Saved as a draft a moment after typing stops, and said so next to the save button.
    expect(page.locator("#draft-status")).to_contain_text(
        re.compile(r"Đã lưu bản nháp lúc \d\d:\d\d\."), timeout=10_000
    )
    draft_entry.refresh_from_db()
    assert draft_entry.features == FEATURES

    # More text, and at once a photo: the upload does not leave the page.
    features.fill(FEATURES + " Hạn dùng 6 tháng.")
    page.select_option("#upload-form select[name=kind]", "photo")
    page.set_input_files("#upload-form input[name=file]", str(photo_file(tmp_path / "keo.jpg")))
    page.click("#attachment-upload")

    expect(page.locator("#upload-status")).to_have_text("Đã thêm 1 tệp.")
    expect(page.locator("#photo-count")).to_have_text("1")
    expect(page.locator("#photos img")).to_have_attribute("alt", "Kẹo dừa sữa — ảnh 1")
    expect(features).to_have_value(FEATURES + " Hạn dùng 6 tháng.")
    # The upload saved the draft first; after a reload the text is still there.
    expect(page.locator("#draft-status")).to_contain_text("Đã lưu bản nháp lúc")
    page.reload()
    expect(page.locator("#entry-form textarea[name=features]")).to_have_value(
        FEATURES + " Hạn dùng 6 tháng."
    )
    assert Attachment.objects.filter(entry=draft_entry, kind="photo").count() == 1
    assert not [m for m in console_messages if m.startswith(("error", "pageerror"))]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_oversized_or_small_file_is_refused_before_it_is_sent(
    page, console_messages, log_in, storage_root, applicant, draft_entry, tmp_path, settings
):
    settings.UPLOAD_MAX_BYTES = 200 * 1024  # read by the upload form at each request
    big = photo_file(tmp_path / "anh-lon.jpg", 1200, 900, noise=True)
    assert big.stat().st_size > settings.UPLOAD_MAX_BYTES
    open_entry(page, log_in, applicant, draft_entry)
    sent = uploads_sent(page)

    page.set_input_files("#upload-form input[name=file]", str(big))
    page.click("#attachment-upload")

    error = page.locator("#id_file_error")
    expect(error).to_have_text(
        "“anh-lon.jpg” lớn hơn giới hạn 200,0\xa0KB nên chưa được gửi. Hãy giảm dung lượng "
        "(chụp ảnh ở độ phân giải thấp hơn, quét tài liệu thành PDF) rồi chọn lại."
    )
    file_input = page.locator("#upload-form input[name=file]")
    expect(file_input).to_be_focused()
    expect(file_input).to_have_attribute("aria-invalid", "true")
    expect(file_input).to_have_attribute("aria-describedby", re.compile(r"\bid_file_error\b"))
    expect(page.locator("#upload-progress")).to_be_hidden()
    assert sent == []
    assert Attachment.objects.filter(entry=draft_entry).count() == 0

    # A photo below the smallest side, the same way: its size read by the browser.
    page.set_input_files(
        "#upload-form input[name=file]", str(photo_file(tmp_path / "nho.jpg", 480, 320))
    )
    page.click("#attachment-upload")
    expect(error).to_have_text(
        "“nho.jpg” chỉ 480 × 320 px; ảnh cần cạnh ngắn tối thiểu 600 px. Tệp chưa được gửi."
    )
    expect(file_input).to_be_focused()
    assert sent == []

    # A PDF chosen as a photo is refused the same way; as a document it goes.
    pdf = tmp_path / "mau-01.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.set_input_files("#upload-form input[name=file]", str(pdf))
    page.click("#attachment-upload")
    expect(error).to_have_text(
        "“mau-01.pdf” không phải là ảnh: ảnh phải là tệp ảnh JPEG, PNG hoặc WebP."
    )
    assert sent == []
    page.select_option("#upload-form select[name=kind]", "registration_form")
    expect(error).to_have_text("")
    page.click("#attachment-upload")
    expect(page.locator("#upload-status")).to_have_text("Đã thêm 1 tệp.")
    assert len(sent) == 1
    # A new choice refused: what the last upload added is no longer said next to its error.
    page.set_input_files("#upload-form input[name=file]", str(big))
    expect(error).to_contain_text("“anh-lon.jpg” lớn hơn giới hạn")
    expect(page.locator("#upload-status")).to_have_text("")
    assert Attachment.objects.filter(entry=draft_entry, kind="registration_form").count() == 1
    assert not [m for m in console_messages if m.startswith("pageerror")]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_upload_shows_its_progress_and_a_server_error_at_the_input(
    page, log_in, storage_root, applicant, draft_entry, tmp_path
):
    open_entry(page, log_in, applicant, draft_entry)
    # A slow connection: the request is held a moment, so the progress bar can be seen.
    page.route(
        "**/files/",
        lambda route: (page.wait_for_timeout(800), route.continue_()),
    )
    # A file named like a photo that is not one: the browser cannot tell, the server can.
    fake = tmp_path / "anh.jpg"
    fake.write_bytes(b"not an image, whatever its name says\n" * 2000)
    page.set_input_files("#upload-form input[name=file]", str(fake))
    page.click("#attachment-upload")

    progress = page.locator("#upload-progress")
    expect(progress).to_be_visible()
    expect(page.locator("#upload-progress-bar")).to_have_accessible_name(re.compile("Đang gửi…"))
    expect(page.locator("#attachment-upload")).to_be_disabled()
    # The server refuses it: its reason under the input, which has the focus.
    error = page.locator("#id_file_error")
    expect(error).to_have_text("anh.jpg: Ảnh phải là tệp ảnh JPEG, PNG hoặc WebP.")
    expect(page.locator("#upload-form input[name=file]")).to_be_focused()
    expect(progress).to_be_hidden()
    assert page.url.endswith(f"/awards/entries/{draft_entry.pk}/")
    assert draft_entry.attachments.count() == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_leaving_with_an_unsaved_change_asks_first(page, log_in, applicant, draft_entry):
    open_entry(page, log_in, applicant, draft_entry)
    leaving_asks = (
        "() => { const e = new Event('beforeunload', {cancelable: true});"
        " window.dispatchEvent(e); return e.defaultPrevented; }"
    )
    assert page.evaluate(leaving_asks) is False  # nothing changed: leaving asks nothing
    page.route("**/draft/", lambda route: route.abort())  # the connection is down
    page.locator("#entry-form textarea[name=markets]").fill("Chợ nổi Cái Răng.")
    expect(page.locator("#draft-status")).to_contain_text(
        "Chưa lưu được bản nháp: mất kết nối.", timeout=10_000
    )

    assert page.evaluate(leaving_asks) is True
    draft_entry.refresh_from_db()
    assert draft_entry.markets != "Chợ nổi Cái Răng."

    # Once the connection is back the next change is saved, and leaving asks nothing again.
    page.unroute("**/draft/")
    page.locator("#entry-form textarea[name=markets]").fill("Chợ nổi Cái Răng, Cần Thơ.")
    expect(page.locator("#draft-status")).to_contain_text("Đã lưu bản nháp lúc", timeout=10_000)
    assert page.evaluate(leaving_asks) is False
    assert Entry.objects.get(pk=draft_entry.pk).markets == "Chợ nổi Cái Răng, Cần Thơ."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_upload_without_javascript_posts_and_shows_the_error_at_the_input(
    browser, live_server, log_in, storage_root, applicant, draft_entry, tmp_path
):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", java_script_enabled=False
    )
    page = context.new_page()
    try:
        open_entry(page, log_in, applicant, draft_entry)
        page.set_input_files(
            "#upload-form input[name=file]", str(photo_file(tmp_path / "nho.jpg", 480, 320))
        )
        page.click("#attachment-upload")
        page.wait_for_url(re.compile(rf"/awards/entries/{draft_entry.pk}/files/#upload$"))
        expect(page.locator("#id_file_error")).to_have_text(
            "nho.jpg: Ảnh chỉ 480 × 320 px; cần cạnh ngắn tối thiểu 600 px."
        )
        # Scrolled to (the action's #upload), not 2,000 pixels below the top.
        expect(page.locator("#id_file_error")).to_be_in_viewport()
        expect(page.locator("#upload-form input[name=file]")).to_be_in_viewport()

        page.set_input_files("#upload-form input[name=file]", str(photo_file(tmp_path / "to.jpg")))
        page.click("#attachment-upload")
        page.wait_for_url(re.compile(rf"/awards/entries/{draft_entry.pk}/#photos$"))
        expect(page.locator("#photo-count")).to_have_text("1")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_deleting_a_photo_asks_first_naming_it(page, log_in, storage_root, applicant, draft_entry):
    from tests.factories import AttachmentFactory

    photo = AttachmentFactory(entry=draft_entry, kind="photo", original_name="mat-truoc.png")
    open_entry(page, log_in, applicant, draft_entry)
    card = page.locator(f"#attachment-{photo.pk}")
    # With JavaScript the dialog asks; the no-JavaScript checkbox is gone.
    expect(card.locator("[data-confirm-check]")).to_have_count(0)

    card.locator(".attachment-delete").click()
    expect(page.locator("#confirm-dialog-text")).to_have_text(
        re.compile(r"^Xóa ảnh 1 \(“mat-truoc\.png”\) khỏi hồ sơ\?")
    )
    page.click("#confirm-dialog-cancel")
    expect(page.locator("#confirm-dialog")).to_be_hidden()
    assert draft_entry.attachments.count() == 1

    card.locator(".attachment-delete").click()
    page.click("#confirm-dialog-ok")
    expect(page.locator("#photos-empty")).to_be_visible()
    assert draft_entry.attachments.count() == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_deleting_a_document_without_javascript_asks_first(
    browser, live_server, log_in, storage_root, applicant, draft_entry
):
    from tests.factories import AttachmentFactory

    document = AttachmentFactory(entry=draft_entry, kind="description", original_name="mau-02.pdf")
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", java_script_enabled=False
    )
    page = context.new_page()
    try:
        open_entry(page, log_in, applicant, draft_entry)
        row = page.locator(f"#attachment-{document.pk}")
        check = row.locator("[data-confirm-check] input[type=checkbox]")
        expect(row.locator("[data-confirm-check] label")).to_contain_text("“mau-02.pdf”")
        # One click sends nothing: the browser asks for the box first.
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        posted = page.expect_request(lambda request: request.method == "POST", timeout=1500)
        with pytest.raises(PlaywrightTimeout), posted:
            row.locator(".attachment-delete").click()
        assert check.evaluate("box => box.validity.valueMissing")
        assert draft_entry.attachments.count() == 1
        check.check()
        row.locator(".attachment-delete").click()
        page.wait_for_url(re.compile(rf"/awards/entries/{draft_entry.pk}/$"))
        assert draft_entry.attachments.count() == 0
    finally:
        context.close()
