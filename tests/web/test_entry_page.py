"""The entry's page as a rural facility lives it (issue 7): the upload form says what it
accepts (and the browser is given the same limits), photos below the smallest side are refused
with their size, an upload sent by the page's script answers the page without a redirect, the
photos have alt text, deleting asks first, and the Mẫu 02 description is saved as a draft as
the facility types (awards:entry-autosave)."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from awards.models import DESCRIPTION_FIELDS, ProductGroup
from awards.services.attachments import add_attachment
from core.activity import history_of
from core.workflow import transition
from tests.factories import PDF_BYTES, AwardRoundFactory, EntryFactory, png_bytes

SCRIPT = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def page_url(entry, name="awards:entry-detail"):
    return reverse(name, args=[entry.pk])


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#f9a825").save(buffer, format="JPEG")
    return buffer.getvalue()


def photo(name="anh.jpg", width=800, height=600):
    return SimpleUploadedFile(name, jpeg(width, height), content_type="image/jpeg")


def description_post(entry, **changes) -> dict:
    """The entry form as the page posts it (htmx sends every field of the form)."""
    data = {
        "product_name": entry.product_name,
        "product_group": entry.product_group_id,
        # The Mẫu 02 fields as declared once (awards.models.DESCRIPTION_FIELDS).
        **{name: getattr(entry, name) for name in DESCRIPTION_FIELDS},
    }
    data.update(changes)
    return data


def tag(html: str, element_id: str) -> str:
    """The opening tag of the element with this id."""
    match = re.search(rf'<[a-z]+\b[^>]*\bid="{element_id}"[^>]*>', html)
    assert match, element_id
    return match.group(0)


# ---- What the upload form says and gives the browser ------------------------------------------


def test_upload_form_states_types_smallest_side_and_size_from_settings(
    client_as, applicant, entry, settings
):
    settings.UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    settings.UPLOAD_MIN_PHOTO_SIDE = 700

    html = client_as(applicant).get(page_url(entry)).text

    assert (
        '<div class="form-text" id="id_file_helptext">Ảnh sản phẩm: JPEG, PNG hoặc WebP, cạnh '
        "ngắn tối thiểu 700 px. Tài liệu: tệp PDF hoặc ảnh chụp từng trang. Mỗi tệp tối đa "
        "5,0\xa0MB; có thể chọn nhiều tệp cùng lúc.</div>"
    ) in html
    file_input = tag(html, "id_file")
    assert (
        'accept=".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf"'
        in file_input
    )
    assert 'data-accept-photo=".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp"' in (
        file_input
    )
    assert f'data-max-bytes="{5 * 1024 * 1024}"' in file_input
    assert 'data-min-photo-side="700"' in file_input
    assert 'data-photo-kind="photo"' in tag(html, "id_kind")
    form = tag(html, "upload-form")
    # Sent to the upload section, which an error then shows; the browser's messages translated.
    assert f'action="{page_url(entry, "awards:entry-upload")}#upload"' in form
    assert (
        'data-error-size="“{name}” lớn hơn giới hạn 5,0\xa0MB nên chưa được gửi. Hãy giảm dung '
        'lượng (chụp ảnh ở độ phân giải thấp hơn, quét tài liệu thành PDF) rồi chọn lại."'
    ) in form
    assert (
        'data-error-type-photo="“{name}” không phải là ảnh: ảnh phải là tệp ảnh JPEG, PNG hoặc '
        'WebP."'
    ) in form
    assert (
        'data-error-small="“{name}” chỉ {width} × {height} px; ảnh cần cạnh ngắn tối thiểu '
        '700 px. Tệp chưa được gửi."'
    ) in form
    assert '<progress max="100" value="0" id="upload-progress-bar"' in html


def test_upload_without_a_file_is_refused_on_the_file_input(client_as, applicant, entry):
    response = client_as(applicant).post(page_url(entry, "awards:entry-upload"), {"kind": "photo"})

    assert response.status_code == 200
    assert response.context["upload_form"].errors == {"file": ["Trường này là bắt buộc."]}
    file_input = tag(response.text, "id_file")
    assert "autofocus" in file_input
    assert 'aria-invalid="true"' in file_input
    assert entry.attachments.count() == 0


# ---- Photos below the smallest side -----------------------------------------------------------


def test_photo_below_the_smallest_side_is_refused_with_its_size(
    client_as, applicant, entry, storage_root
):
    response = client_as(applicant).post(
        page_url(entry, "awards:entry-upload"),
        {"kind": "photo", "file": photo("nho.jpg", 480, 320)},
    )

    assert response.status_code == 200
    assert response.context["upload_form"].errors == {
        "file": ["nho.jpg: Ảnh chỉ 480 × 320 px; cần cạnh ngắn tối thiểu 600 px."]
    }
    # The error is under the file input, which is focused (the action's #upload scrolls there).
    assert re.search(
        r'id="id_file_error" role="alert">\s*<div>nho.jpg: Ảnh chỉ 480 × 320 px; cần cạnh ngắn '
        r"tối thiểu 600 px.</div>",
        response.text,
    )
    assert "autofocus" in tag(response.text, "id_file")
    assert entry.attachments.count() == 0
    assert list(storage_root.rglob("*.jpg")) == []


@pytest.mark.parametrize(
    ("size", "accepted"),
    [((600, 900), True), ((900, 600), True), ((599, 2000), False), ((2000, 599), False)],
)
def test_photo_smallest_side_is_the_short_one(applicant, entry, size, accepted):
    upload = photo("anh.jpg", *size)
    if accepted:
        assert add_attachment(actor=applicant, entry=entry, kind="photo", upload=upload).pk
    else:
        with pytest.raises(Exception) as excinfo:
            add_attachment(actor=applicant, entry=entry, kind="photo", upload=upload)
        assert [e.code for e in excinfo.value.error_dict["file"]] == ["photo_too_small"]


def test_photo_smallest_side_follows_the_setting(applicant, entry, settings):
    settings.UPLOAD_MIN_PHOTO_SIDE = 300

    attachment = add_attachment(
        actor=applicant, entry=entry, kind="photo", upload=photo("anh.jpg", 480, 320)
    )

    assert (attachment.width, attachment.height) == (480, 320)


def test_small_image_as_a_document_is_accepted(applicant, entry):
    """The smallest side is a photo's rule: a small scan of a certificate is still a document."""
    attachment = add_attachment(
        actor=applicant,
        entry=entry,
        kind="quality_certificate",
        upload=SimpleUploadedFile("giay.png", png_bytes(300, 200), content_type="image/png"),
    )

    assert attachment.kind == "quality_certificate"


def test_photo_below_the_smallest_side_is_a_field_error_in_the_api(api_as, applicant, entry):
    response = api_as(applicant).post(
        f"/api/v1/entries/{entry.pk}/attachments/",
        {"kind": "photo", "file": photo("nho.jpg", 480, 320)},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json() == {"file": ["Ảnh chỉ 480 × 320 px; cần cạnh ngắn tối thiểu 600 px."]}
    assert response.data["file"][0].code == "photo_too_small"
    assert entry.attachments.count() == 0


# ---- Uploads sent by the page's script, and without it ----------------------------------------


def test_upload_without_script_redirects_to_the_new_files(client_as, applicant, entry):
    client = client_as(applicant)

    to_photo = client.post(
        page_url(entry, "awards:entry-upload"), {"kind": "photo", "file": photo()}
    )
    pdf = SimpleUploadedFile("mau-01.pdf", PDF_BYTES, content_type="application/pdf")
    to_document = client.post(
        page_url(entry, "awards:entry-upload"), {"kind": "registration_form", "file": pdf}
    )

    assert to_photo.status_code == to_document.status_code == 302
    assert to_photo["Location"] == page_url(entry) + "#photos"
    assert to_document["Location"] == page_url(entry) + "#documents"


def test_upload_by_script_answers_the_page_saying_what_was_added(client_as, applicant, entry):
    client = client_as(applicant)

    response = client.post(
        page_url(entry, "awards:entry-upload"),
        {"kind": "photo", "file": [photo("a.jpg"), photo("b.jpg")]},
        **SCRIPT,
    )

    assert response.status_code == 200
    assert entry.attachments.count() == 2
    assert re.search(
        r'id="upload-status" role="status" tabindex="-1">Đã thêm 2 tệp.</div>', response.text
    )
    # A fresh form (nothing to correct), and the new photos in the section the script swaps in.
    assert response.context["upload_form"].is_bound is False
    assert len(response.context["photos"]) == 2
    # Said where the user looks, not queued for the next page as well.
    assert "Đã thêm" not in client.get(page_url(entry)).text


def test_upload_by_script_with_an_error_answers_it_on_the_file_input(client_as, applicant, entry):
    response = client_as(applicant).post(
        page_url(entry, "awards:entry-upload"),
        {"kind": "photo", "file": [photo("to.jpg"), photo("nho.jpg", 300, 300)]},
        **SCRIPT,
    )

    assert response.status_code == 200
    assert response.context["upload_form"].errors == {
        "file": ["nho.jpg: Ảnh chỉ 300 × 300 px; cần cạnh ngắn tối thiểu 600 px."]
    }
    assert "Đã thêm 1 tệp." in response.text
    assert "autofocus" in tag(response.text, "id_file")
    assert [a.original_name for a in entry.attachments.all()] == ["to.jpg"]


def test_upload_by_script_is_permission_checked(client_as, officer, entry):
    response = client_as(officer).post(
        page_url(entry, "awards:entry-upload"), {"kind": "photo", "file": photo()}, **SCRIPT
    )

    assert response.status_code == 403
    assert entry.attachments.count() == 0


# ---- Photos: alt text; deleting asks first ----------------------------------------------------


def test_photos_have_the_product_name_and_number_as_alt_text(client_as, applicant, facility):
    entry = EntryFactory(round=AwardRoundFactory(), facility=facility, product_name="Kẹo dừa sữa")
    for name in ("a.jpg", "b.jpg"):
        add_attachment(actor=applicant, entry=entry, kind="photo", upload=photo(name))

    html = client_as(applicant).get(page_url(entry)).text

    assert re.findall(r'<img [^>]*alt="([^"]*)"', html) == [
        "Kẹo dừa sữa — ảnh 1",
        "Kẹo dừa sữa — ảnh 2",
    ]


def test_photos_alt_text_on_the_read_only_dossier(client, officer, submitted_entry):
    client.force_login(officer)
    html = client.get(page_url(submitted_entry)).text

    assert re.findall(r'<img [^>]*alt="([^"]*)"', html) == [
        f"{submitted_entry.product_name} — ảnh {n}" for n in (1, 2, 3)
    ]


def test_delete_forms_ask_first_naming_the_file(client_as, applicant, entry):
    picture = add_attachment(actor=applicant, entry=entry, kind="photo", upload=photo("keo.jpg"))
    pdf = SimpleUploadedFile("mau-01.pdf", PDF_BYTES, content_type="application/pdf")
    document = add_attachment(actor=applicant, entry=entry, kind="registration_form", upload=pdf)

    html = client_as(applicant).get(page_url(entry)).text

    photo_form = re.search(
        rf'<form [^>]*action="{reverse("awards:entry-attachment-delete", args=[picture.pk])}"'
        r'[^>]*data-confirm="([^"]*)"',
        html,
    )
    document_form = re.search(
        rf'<form [^>]*action="{reverse("awards:entry-attachment-delete", args=[document.pk])}"'
        r'[^>]*data-confirm="([^"]*)"',
        html,
    )
    assert photo_form.group(1) == (
        "Xóa ảnh 1 (“keo.jpg”) khỏi hồ sơ? Không thể hoàn tác: muốn giữ lại thì phải tải ảnh "
        "lên lần nữa."
    )
    assert document_form.group(1) == (
        "Xóa tệp “mau-01.pdf” khỏi hồ sơ? Không thể hoàn tác: muốn giữ lại thì phải tải tệp "
        "lên lần nữa."
    )


# ---- The description's draft (autosave) ------------------------------------------------------


def test_entry_page_form_saves_its_draft_with_htmx(client_as, applicant, entry):
    html = client_as(applicant).get(page_url(entry)).text

    form = tag(html, "entry-form")
    assert f'hx-post="{page_url(entry, "awards:entry-autosave")}"' in form
    assert 'hx-trigger="change, input delay:3s, draft-save"' in form
    assert 'hx-target="#draft-status"' in form
    assert "data-draft" in form
    assert 'role="status"' in tag(html, "draft-status")
    assert '<script src="/static/js/drafts.js" defer></script>' in html


def test_autosave_saves_the_description_and_says_when(client_as, applicant, entry):
    moment = timezone.localtime()

    response = client_as(applicant).post(
        page_url(entry, "awards:entry-autosave"),
        description_post(entry, features="Kẹo dừa dẻo, vị lá dứa, hộp 500 g."),
    )

    assert response.status_code == 200
    assert response["X-Draft-Saved"] == "all"
    entry.refresh_from_db()
    assert entry.features == "Kẹo dừa dẻo, vị lá dứa, hộp 500 g."
    saved = re.search(r"Đã lưu bản nháp lúc (\d\d:\d\d)\.", response.text)
    assert saved and abs(int(saved.group(1)[-2:]) - moment.minute) in (0, 1, 59)
    # Logged as the form's save logs it.
    changes = [row for row in history_of(entry) if row.after.get("features")]
    assert changes[0].after["features"] == "Kẹo dừa dẻo, vị lá dứa, hộp 500 g."
    assert changes[0].actor == applicant


def test_autosave_saves_what_is_valid_and_names_the_rest(client_as, applicant, entry):
    old_name = entry.product_name
    data = description_post(entry, product_name="", materials="Dừa khô Bến Tre, đường thốt nốt.")

    response = client_as(applicant).post(page_url(entry, "awards:entry-autosave"), data)

    assert response.status_code == 200
    assert response["X-Draft-Saved"] == "partial"
    entry.refresh_from_db()
    assert entry.materials == "Dừa khô Bến Tre, đường thốt nốt."
    assert entry.product_name == old_name
    assert "Đã lưu bản nháp lúc" in response.text
    assert re.search(
        r"Chưa lưu được, hãy sửa:\s*Tên sản phẩm: Trường này là bắt buộc\.", response.text
    )


def test_autosave_keeps_the_group_the_round_does_not_open(client_as, applicant, facility):
    award_round = AwardRoundFactory(groups=ProductGroup.objects.filter(code__in=[1, 2]))
    entry = EntryFactory(round=award_round, facility=facility)
    closed_group = ProductGroup.objects.get(code=4)

    response = client_as(applicant).post(
        page_url(entry, "awards:entry-autosave"),
        description_post(entry, product_group=closed_group.pk, price="40.000 đ/hộp"),
    )

    assert response["X-Draft-Saved"] == "partial"
    entry.refresh_from_db()
    assert entry.price == "40.000 đ/hộp"
    assert entry.product_group.code == 2
    assert "Nhóm sản phẩm" in response.text


def test_autosave_of_a_submitted_entry_is_refused_with_the_reason(
    client_as, applicant, submitted_entry
):
    before = submitted_entry.features

    response = client_as(applicant).post(
        page_url(submitted_entry, "awards:entry-autosave"),
        description_post(submitted_entry, features="Đổi sau khi nộp."),
    )

    assert response.status_code == 409
    assert response["X-Draft-Saved"] == "none"
    assert "Hồ sơ này không còn sửa được nữa" in response.text
    submitted_entry.refresh_from_db()
    assert submitted_entry.features == before


def test_autosave_after_the_round_closed_is_refused(client_as, applicant, entry, officer):
    transition(entry.round, to="screening", actor=officer, note="Đủ hồ sơ, đóng sớm.")

    response = client_as(applicant).post(
        page_url(entry, "awards:entry-autosave"), description_post(entry, price="1 đ")
    )

    assert response.status_code == 409
    entry.refresh_from_db()
    assert entry.price == "35.000 đ/hộp"


@pytest.mark.parametrize(("persona", "expected"), [("officer", 403), ("other_applicant", 404)])
def test_autosave_only_by_the_facility(client_as, personas, entry, persona, expected):
    response = client_as(personas[persona]).post(
        page_url(entry, "awards:entry-autosave"), description_post(entry, price="1 đ")
    )

    assert response.status_code == expected
    entry.refresh_from_db()
    assert entry.price == "35.000 đ/hộp"


def test_autosave_needs_a_post_and_a_csrf_token(client, applicant, entry):
    from django.test import Client

    client.force_login(applicant)
    assert client.get(page_url(entry, "awards:entry-autosave")).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(applicant)
    response = strict.post(page_url(entry, "awards:entry-autosave"), description_post(entry))
    assert response.status_code == 403
