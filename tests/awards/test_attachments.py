"""Dossier attachments: content checks, re-encoding, permissions, and the private downloads."""

import io
import re
import struct
import zlib
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation
from PIL import ExifTags, Image, ImageFile, PngImagePlugin

from awards.models import Attachment
from awards.services.attachments import add_attachment, delete_attachment
from core.activity import history_of
from core.workflow import transition
from tests.factories import PDF_BYTES

STORED_NAME = re.compile(r"entries/\d{4}/[0-9a-f]{32}\.(jpg|png|pdf)")
STORED_THUMBNAIL = re.compile(r"entries/\d{4}/thumbs/[0-9a-f]{32}\.jpg")


def stored_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def image_bytes(fmt: str, size=(1200, 800), mode="RGB", color="red", **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=fmt, **save_options)
    return buffer.getvalue()


def huge_png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of width × height, a few dozen KB: all-zero rows compress ~1000:1.
    Written chunk by chunk so the test itself never holds the pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\0" * (1 + (width + 7) // 8)  # filter byte, then the packed bits
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def upload(data: bytes, name: str, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def error_codes(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return {
        field: [error.code for error in errors]
        for field, errors in excinfo.value.error_dict.items()
    }


@pytest.fixture
def no_pixel_decoding(monkeypatch):
    """Fail the test if Pillow decodes any pixel data."""

    def refuse(self):
        raise AssertionError("pixel data was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


# ---- Accepted files ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fmt", "name"), [("PNG", "san-pham.png"), ("JPEG", "san-pham.jpg"), ("WEBP", "san-pham.webp")]
)
def test_add_photo_reencoded_as_jpeg_with_thumbnail(entry, applicant, storage_root, fmt, name):
    attachment = add_attachment(
        actor=applicant, entry=entry, kind="photo", upload=upload(image_bytes(fmt), name)
    )

    attachment.refresh_from_db()
    assert STORED_NAME.fullmatch(attachment.file.name)
    assert attachment.file.name.endswith(".jpg")
    assert STORED_THUMBNAIL.fullmatch(attachment.thumbnail.name)
    assert attachment.original_name == name
    assert attachment.content_type == "image/jpeg"
    assert (attachment.width, attachment.height) == (1200, 800)
    assert attachment.size == (storage_root / attachment.file.name).stat().st_size
    assert attachment.uploaded_by == applicant
    with Image.open(storage_root / attachment.file.name) as stored:
        assert (stored.format, stored.size, stored.mode) == ("JPEG", (1200, 800), "RGB")
    with Image.open(storage_root / attachment.thumbnail.name) as thumbnail:
        assert (thumbnail.format, thumbnail.size) == ("JPEG", (400, 267))
    assert stored_files(storage_root) == sorted([attachment.file.name, attachment.thumbnail.name])


@pytest.mark.django_db
def test_add_photo_strips_exif_and_comment_and_applies_orientation(entry, applicant, storage_root):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # taken with the phone turned: rotate 90° clockwise
    exif[ExifTags.Base.Make] = "Canon"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (10.0, 15.0, 30.0)
    data = image_bytes("JPEG", size=(900, 600), exif=exif, comment=b"secret-comment")
    with Image.open(io.BytesIO(data)) as original:  # the test image really carries them
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"

    attachment = add_attachment(
        actor=applicant, entry=entry, kind="photo", upload=upload(data, "IMG_0001.JPG")
    )

    stored_bytes = (storage_root / attachment.file.name).read_bytes()
    assert b"Exif" not in stored_bytes
    assert b"Canon" not in stored_bytes
    assert b"secret-comment" not in stored_bytes
    with Image.open(io.BytesIO(stored_bytes)) as stored:
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info
        assert "comment" not in stored.info
        assert stored.size == (600, 900)
    assert (attachment.width, attachment.height) == (600, 900)


@pytest.mark.django_db
def test_add_photo_transparent_png_flattened_on_white(entry, applicant, storage_root):
    data = image_bytes("PNG", size=(600, 600), mode="RGBA", color=(0, 0, 0, 0))

    attachment = add_attachment(
        actor=applicant, entry=entry, kind="photo", upload=upload(data, "logo.png")
    )

    with Image.open(storage_root / attachment.file.name) as stored:
        red, green, blue = stored.getpixel((5, 5))
    assert min(red, green, blue) >= 250


@pytest.mark.django_db
def test_add_document_png_stays_png_without_metadata(entry, applicant, storage_root):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "secret-author")
    data = image_bytes("PNG", size=(300, 500), mode="L", color=255, pnginfo=info)

    attachment = add_attachment(
        actor=applicant,
        entry=entry,
        kind="quality_certificate",
        upload=upload(data, "chung-nhan.png", "image/png"),
    )

    stored_bytes = (storage_root / attachment.file.name).read_bytes()
    assert attachment.file.name.endswith(".png")
    assert attachment.content_type == "image/png"
    assert b"secret-author" not in stored_bytes
    with Image.open(io.BytesIO(stored_bytes)) as stored:
        assert (stored.format, stored.mode, stored.size) == ("PNG", "L", (300, 500))
    with Image.open(storage_root / attachment.thumbnail.name) as thumbnail:
        assert thumbnail.size == (240, 400)


@pytest.mark.django_db
def test_add_pdf_document_stored_as_uploaded(entry, applicant, storage_root):
    attachment = add_attachment(
        actor=applicant,
        entry=entry,
        kind="registration_form",
        upload=upload(PDF_BYTES, "Mẫu 01 <đăng ký>.pdf", "application/pdf"),
    )

    attachment.refresh_from_db()
    assert STORED_NAME.fullmatch(attachment.file.name)
    assert (storage_root / attachment.file.name).read_bytes() == PDF_BYTES
    assert attachment.original_name == "Mẫu_01_đăng_ký.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF_BYTES)
    assert (attachment.width, attachment.height) == (None, None)
    assert not attachment.thumbnail
    assert stored_files(storage_root) == [attachment.file.name]


@pytest.mark.django_db
def test_add_original_name_truncated_to_255_keeping_extension(entry, applicant):
    attachment = add_attachment(
        actor=applicant,
        entry=entry,
        kind="other",
        upload=File(io.BytesIO(PDF_BYTES), name="/tmp/" + "ạ" * 300 + ".pdf"),
    )

    assert attachment.original_name == "ạ" * 251 + ".pdf"


# ---- Refused files ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "data", "name", "content_type"),
    [
        ("photo", b"just some text, not a picture\n", "anh.jpg", "image/jpeg"),
        ("description", b"just some text, not a document\n", "mo-ta.pdf", "application/pdf"),
        ("photo", PDF_BYTES, "anh.jpg", "image/jpeg"),
        ("photo", b"GIF89a" + b"\0" * 40, "anh.gif", "image/gif"),
    ],
    ids=["text-named-jpg", "text-named-pdf", "pdf-as-photo", "gif"],
)
def test_add_wrong_type_refused(entry, applicant, storage_root, kind, data, name, content_type):
    with pytest.raises(ValidationError) as excinfo:
        add_attachment(
            actor=applicant, entry=entry, kind=kind, upload=upload(data, name, content_type)
        )

    assert error_codes(excinfo) == {"file": ["invalid_file_type"]}
    assert entry.attachments.count() == 0
    assert stored_files(storage_root) == []


@pytest.mark.django_db
def test_add_wrong_type_message_names_allowed_types(entry, applicant):
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        add_attachment(actor=applicant, entry=entry, kind="other", upload=upload(b"text", "a.pdf"))

    assert excinfo.value.message_dict == {
        "file": ["A document must be a PDF file or a JPEG, PNG or WebP image."]
    }


@pytest.mark.django_db
def test_add_unknown_kind_refused(entry, applicant):
    with pytest.raises(ValidationError) as excinfo:
        add_attachment(
            actor=applicant, entry=entry, kind="selfie", upload=upload(PDF_BYTES, "a.pdf")
        )

    assert error_codes(excinfo) == {"kind": ["invalid_kind"]}


@pytest.mark.django_db
def test_add_oversized_file_refused(entry, applicant, settings, storage_root):
    settings.UPLOAD_MAX_BYTES = 1000
    data = PDF_BYTES + b"\0" * 1000

    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        add_attachment(actor=applicant, entry=entry, kind="other", upload=upload(data, "a.pdf"))

    assert error_codes(excinfo) == {"file": ["file_too_large"]}
    assert excinfo.value.message_dict == {
        "file": ["The file is 1.0\xa0KB; the limit is 1000\xa0bytes."]
    }
    assert stored_files(storage_root) == []


@pytest.mark.django_db
def test_add_file_understating_its_size_refused(entry, applicant, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    lying = File(io.BytesIO(PDF_BYTES + b"\0" * 1000), name="a.pdf")
    lying.size = 10

    with pytest.raises(ValidationError) as excinfo:
        add_attachment(actor=applicant, entry=entry, kind="other", upload=lying)

    assert error_codes(excinfo) == {"file": ["file_too_large"]}


@pytest.mark.django_db
def test_add_empty_file_refused(entry, applicant):
    with pytest.raises(ValidationError) as excinfo:
        add_attachment(actor=applicant, entry=entry, kind="other", upload=upload(b"", "a.pdf"))

    assert error_codes(excinfo) == {"file": ["empty_file"]}


@pytest.mark.django_db
def test_add_decompression_bomb_refused_without_decoding(
    entry, applicant, storage_root, no_pixel_decoding
):
    bomb = huge_png(30_000, 30_000)
    assert len(bomb) < 200_000  # tiny on disk, 900 million pixels once decoded

    with pytest.raises(ValidationError) as excinfo:
        add_attachment(actor=applicant, entry=entry, kind="photo", upload=upload(bomb, "a.png"))

    assert error_codes(excinfo) == {"file": ["image_too_large"]}
    assert stored_files(storage_root) == []


@pytest.mark.django_db
def test_add_image_over_pixel_setting_refused_from_header(
    entry, applicant, settings, no_pixel_decoding
):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1000
    data = image_bytes("PNG", size=(40, 40))

    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        add_attachment(actor=applicant, entry=entry, kind="photo", upload=upload(data, "a.png"))

    assert error_codes(excinfo) == {"file": ["image_too_large"]}
    assert excinfo.value.message_dict == {
        "file": ["The image has too many pixels: at most 1,000 (width × height) are accepted."]
    }


@pytest.mark.django_db
def test_add_image_over_pillow_warning_limit_refused(entry, applicant, monkeypatch):
    # Pillow warns between its limit and twice it; that warning refuses the image too.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    data = image_bytes("PNG", size=(40, 40))  # 1,600 pixels

    with pytest.raises(ValidationError) as excinfo:
        add_attachment(actor=applicant, entry=entry, kind="photo", upload=upload(data, "a.png"))

    assert error_codes(excinfo) == {"file": ["image_too_large"]}


@pytest.mark.django_db
def test_add_truncated_image_refused(entry, applicant, storage_root):
    data = image_bytes("PNG", size=(600, 600), color="blue")[:-60]

    with pytest.raises(ValidationError) as excinfo:
        add_attachment(actor=applicant, entry=entry, kind="photo", upload=upload(data, "a.png"))

    assert error_codes(excinfo) == {"file": ["invalid_image"]}
    assert stored_files(storage_root) == []


# ---- Who may add and delete ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["other_applicant", "judge", "officer", "manager"])
def test_add_refused_for_non_member(entry, personas, storage_root, persona):
    with pytest.raises(PermissionDenied):
        add_attachment(
            actor=personas[persona],
            entry=entry,
            kind="photo",
            upload=upload(image_bytes("PNG"), "a.png"),
        )

    assert entry.attachments.count() == 0
    assert stored_files(storage_root) == []


@pytest.mark.django_db
def test_add_refused_when_entry_submitted(submitted_entry, applicant):
    count = submitted_entry.attachments.count()

    with pytest.raises(PermissionDenied):
        add_attachment(
            actor=applicant,
            entry=submitted_entry,
            kind="photo",
            upload=upload(image_bytes("PNG"), "a.png"),
        )

    assert submitted_entry.attachments.count() == count


@pytest.mark.django_db
def test_add_logs_on_entry(entry, applicant):
    attachment = add_attachment(
        actor=applicant, entry=entry, kind="description", upload=upload(PDF_BYTES, "mo-ta.pdf")
    )

    [row] = history_of(entry)
    assert (row.actor, row.action, row.before) == (applicant, "updated", {})
    assert row.after == {
        "attachment": {
            "id": attachment.pk,
            "kind": "description",
            "name": "mo-ta.pdf",
            "content_type": "application/pdf",
            "size": len(PDF_BYTES),
        }
    }


@pytest.mark.django_db
def test_delete_removes_row_and_files_and_logs(
    entry, applicant, storage_root, django_capture_on_commit_callbacks
):
    attachment = add_attachment(
        actor=applicant, entry=entry, kind="photo", upload=upload(image_bytes("PNG"), "a.png")
    )
    assert len(stored_files(storage_root)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        delete_attachment(actor=applicant, attachment=attachment)

    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert stored_files(storage_root) == []
    row = history_of(entry).first()
    assert (row.actor, row.action, row.after) == (applicant, "updated", {})
    assert row.before == {
        "attachment": {
            "id": attachment.pk,
            "kind": "photo",
            "name": "a.png",
            "content_type": "image/jpeg",
            "size": attachment.size,
        }
    }


@pytest.mark.django_db
def test_delete_keeps_files_until_commit(
    entry, applicant, storage_root, django_capture_on_commit_callbacks
):
    attachment = add_attachment(
        actor=applicant, entry=entry, kind="other", upload=upload(PDF_BYTES, "a.pdf")
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        delete_attachment(actor=applicant, attachment=attachment)

    assert stored_files(storage_root) == [attachment.file.name]
    assert len(callbacks) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["other_applicant", "judge", "officer"])
def test_delete_refused_for_non_member(entry, applicant, personas, storage_root, persona):
    attachment = add_attachment(
        actor=applicant, entry=entry, kind="other", upload=upload(PDF_BYTES, "a.pdf")
    )

    with pytest.raises(PermissionDenied):
        delete_attachment(actor=personas[persona], attachment=attachment)

    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert stored_files(storage_root) == [attachment.file.name]


@pytest.mark.django_db
def test_delete_refused_when_entry_submitted(complete_entry, applicant, storage_root):
    attachment = add_attachment(
        actor=applicant, entry=complete_entry, kind="other", upload=upload(PDF_BYTES, "a.pdf")
    )
    transition(complete_entry, to="submitted", actor=applicant)

    with pytest.raises(PermissionDenied):
        delete_attachment(actor=applicant, attachment=attachment)

    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert (storage_root / attachment.file.name).exists()


# ---- Downloads -------------------------------------------------------------------------------


@pytest.fixture
def photo(entry, applicant) -> Attachment:
    return add_attachment(
        actor=applicant,
        entry=entry,
        kind="photo",
        upload=upload(image_bytes("PNG", size=(800, 600)), "ảnh sản phẩm.png"),
    )


@pytest.fixture
def pdf(entry, applicant) -> Attachment:
    return add_attachment(
        actor=applicant,
        entry=entry,
        kind="registration_form",
        upload=upload(PDF_BYTES, "mau-01.pdf"),
    )


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["applicant", "officer", "manager", "admin"])
def test_download_photo_inline(client_as, personas, photo, storage_root, persona):
    response = client_as(personas[persona]).get(
        reverse("awards:attachment-download", args=[photo.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == (
        "inline; filename*=utf-8''" + quote("ảnh_sản_phẩm.jpg")
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"
    assert body(response) == (storage_root / photo.file.name).read_bytes()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["applicant", "officer"])
def test_download_pdf_as_attachment(client_as, personas, pdf, persona):
    response = client_as(personas[persona]).get(
        reverse("awards:attachment-download", args=[pdf.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="mau-01.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"
    assert body(response) == PDF_BYTES


@pytest.mark.django_db
def test_thumbnail_served_for_image(client_as, applicant, photo, storage_root):
    response = client_as(applicant).get(reverse("awards:attachment-thumbnail", args=[photo.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private"
    assert body(response) == (storage_root / photo.thumbnail.name).read_bytes()


@pytest.mark.django_db
def test_thumbnail_of_pdf_not_found(client_as, applicant, pdf):
    response = client_as(applicant).get(reverse("awards:attachment-thumbnail", args=[pdf.pk]))

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["other_applicant", "judge"])
@pytest.mark.parametrize("url_name", ["awards:attachment-download", "awards:attachment-thumbnail"])
def test_download_by_outsider_not_found(client_as, personas, photo, persona, url_name):
    response = client_as(personas[persona]).get(reverse(url_name, args=[photo.pk]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_download_of_missing_id_not_found(client_as, officer):
    response = client_as(officer).get(reverse("awards:attachment-download", args=[999_999]))

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["awards:attachment-download", "awards:attachment-thumbnail"])
def test_download_anonymous_redirected_to_login(client_as, photo, url_name):
    url = reverse(url_name, args=[photo.pk])

    response = client_as(None).get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{resolve_url(django_settings.LOGIN_URL)}?next={quote(url)}"


@pytest.mark.django_db
def test_stored_file_has_no_public_url(client_as, applicant, photo):
    client = client_as(applicant)

    for url in (f"/{photo.file.name}", f"/media/{photo.file.name}", f"/private/{photo.file.name}"):
        assert client.get(url).status_code == 404
