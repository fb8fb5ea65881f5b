"""/api/v1/entries/{id}/attachments/: list, multipart upload and delete through
awards.services.attachments, with the permission-checked download URLs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.models import Attachment
from core.activity import Action
from core.models import ActivityLog
from core.workflow import transition
from tests.factories import PDF_BYTES, AttachmentFactory, EntryFactory, png_bytes


def list_url(entry):
    return f"/api/v1/entries/{entry.pk}/attachments/"


def detail_url(attachment):
    return f"/api/v1/entries/{attachment.entry_id}/attachments/{attachment.pk}/"


def photo(name="anh-san-pham.png", width=800, height=600):
    return SimpleUploadedFile(name, png_bytes(width, height), content_type="image/png")


def pdf(name="mau-01.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def upload(client, entry, kind, file):
    return client.post(list_url(entry), {"kind": kind, "file": file}, format="multipart")


# ---- list ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 200),
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 200),
        ("manager", 200),
        ("admin", 200),
        ("anonymous", 401),
    ],
)
def test_attachment_list_by_role(api_as, personas, complete_entry, persona, expected_status):
    response = api_as(personas[persona]).get(list_url(complete_entry))

    assert response.status_code == expected_status
    if expected_status == 200:
        assert len(response.json()) == 6


def test_attachment_list_of_unknown_entry_is_404(api_as, officer):
    assert api_as(officer).get("/api/v1/entries/999999/attachments/").status_code == 404


def test_attachment_representation_of_a_document(api_as, applicant, entry):
    document = AttachmentFactory(entry=entry, kind="registration_form")

    response = api_as(applicant).get(list_url(entry))

    assert response.json() == [
        {
            "id": document.pk,
            "kind": "registration_form",
            "kind_label": str(Attachment.Kind.REGISTRATION_FORM.label),
            "original_name": "ho-so.pdf",
            "content_type": "application/pdf",
            "size": len(PDF_BYTES),
            "width": None,
            "height": None,
            "uploaded_at": response.json()[0]["uploaded_at"],
            "download_url": (
                f"http://testserver/api/v1/entries/{entry.pk}/attachments/{document.pk}/file/"
            ),
            "thumbnail_url": None,
        }
    ]
    assert response.json()[0]["uploaded_at"]


def test_attachment_list_shows_only_this_entrys_files(api_as, applicant, entry, facility):
    mine = AttachmentFactory(entry=entry)
    AttachmentFactory(entry=EntryFactory(round=entry.round, facility=facility))

    response = api_as(applicant).get(list_url(entry))

    assert [a["id"] for a in response.json()] == [mine.pk]


# ---- upload ----------------------------------------------------------------------------------


def test_attachment_upload_photo_by_member(api_as, applicant, entry):
    response = upload(api_as(applicant), entry, "photo", photo())

    assert response.status_code == 201
    data = response.json()
    attachment = Attachment.objects.get(pk=data["id"])
    assert attachment.entry == entry
    assert data["kind"] == "photo"
    assert data["original_name"] == "anh-san-pham.png"
    # Photos are re-encoded as JPEG, with a thumbnail.
    assert data["content_type"] == "image/jpeg"
    assert (data["width"], data["height"]) == (800, 600)
    assert data["size"] == attachment.size
    base = f"http://testserver/api/v1/entries/{entry.pk}/attachments/{attachment.pk}/"
    assert data["download_url"] == f"{base}file/"
    assert data["thumbnail_url"] == f"{base}thumbnail/"
    assert "file" not in data
    assert ActivityLog.objects.filter(
        object_id=str(entry.pk), action=Action.UPDATED, actor=applicant
    ).exists()


def test_attachment_upload_pdf_document(api_as, applicant, entry):
    response = upload(api_as(applicant), entry, "description", pdf())

    assert response.status_code == 201
    assert response.json()["content_type"] == "application/pdf"
    assert response.json()["thumbnail_url"] is None


def test_attachment_uploads_complete_the_dossier_for_submission(api_as, applicant, entry):
    client = api_as(applicant)
    for index in range(3):
        assert upload(client, entry, "photo", photo(f"anh-{index}.png")).status_code == 201
    for kind in ("registration_form", "description", "business_registration"):
        assert upload(client, entry, kind, pdf()).status_code == 201

    assert client.get(f"/api/v1/entries/{entry.pk}/").json()["missing"] == []
    response = client.post(f"/api/v1/entries/{entry.pk}/transition/", {"to": "submitted"})
    assert response.status_code == 200


def test_attachment_upload_of_text_named_jpg_is_refused(api_as, applicant, entry):
    fake = SimpleUploadedFile("anh.jpg", b"not an image at all", content_type="image/jpeg")

    response = upload(api_as(applicant), entry, "photo", fake)

    assert response.status_code == 400
    assert list(response.json()) == ["file"]
    assert response.data["file"][0].code == "invalid_file_type"
    assert Attachment.objects.count() == 0


def test_attachment_upload_of_pdf_as_photo_is_refused(api_as, applicant, entry):
    response = upload(api_as(applicant), entry, "photo", pdf("anh.pdf"))

    assert response.status_code == 400
    assert response.data["file"][0].code == "invalid_file_type"


def test_attachment_upload_over_the_size_limit_is_refused(api_as, applicant, entry, settings):
    settings.UPLOAD_MAX_BYTES = 10

    response = upload(api_as(applicant), entry, "description", pdf())

    assert response.status_code == 400
    assert response.data["file"][0].code == "file_too_large"


def test_attachment_upload_with_too_many_pixels_is_refused(api_as, applicant, entry, settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 100

    response = upload(api_as(applicant), entry, "photo", photo(width=20, height=20))

    assert response.status_code == 400
    assert response.data["file"][0].code == "image_too_large"


def test_attachment_upload_with_unknown_kind_is_refused(api_as, applicant, entry):
    response = upload(api_as(applicant), entry, "selfie", photo())

    assert response.status_code == 400
    assert list(response.json()) == ["kind"]


def test_attachment_upload_without_file_is_refused(api_as, applicant, entry):
    response = api_as(applicant).post(list_url(entry), {"kind": "photo"}, format="multipart")

    assert response.status_code == 400
    assert list(response.json()) == ["file"]


def test_attachment_upload_as_json_is_refused(api_as, applicant, entry):
    response = api_as(applicant).post(list_url(entry), {"kind": "photo"}, format="json")

    assert response.status_code == 415


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 403),
        ("manager", 403),
        ("admin", 403),
        ("anonymous", 401),
    ],
)
def test_attachment_upload_by_non_member_is_refused(
    api_as, personas, entry, persona, expected_status
):
    response = upload(api_as(personas[persona]), entry, "photo", photo())

    assert response.status_code == expected_status
    assert Attachment.objects.count() == 0


def test_attachment_upload_after_submission_is_refused(api_as, applicant, submitted_entry):
    response = upload(api_as(applicant), submitted_entry, "photo", photo())

    assert response.status_code == 403
    assert submitted_entry.attachments.count() == 6


def test_attachment_upload_after_return_is_accepted(api_as, applicant, officer, submitted_entry):
    transition(submitted_entry, to="returned", actor=officer, note="Bổ sung ảnh")

    response = upload(api_as(applicant), submitted_entry, "photo", photo())

    assert response.status_code == 201


# ---- delete ----------------------------------------------------------------------------------


def test_attachment_delete_by_member(api_as, applicant, entry):
    attachment = AttachmentFactory(entry=entry)

    response = api_as(applicant).delete(detail_url(attachment))

    assert response.status_code == 204
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    log = ActivityLog.objects.get(object_id=str(entry.pk), action=Action.UPDATED)
    assert log.before["attachment"]["id"] == attachment.pk


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 403),
        ("manager", 403),
        ("admin", 403),
        ("anonymous", 401),
    ],
)
def test_attachment_delete_by_non_member_is_refused(
    api_as, personas, entry, persona, expected_status
):
    attachment = AttachmentFactory(entry=entry)

    response = api_as(personas[persona]).delete(detail_url(attachment))

    assert response.status_code == expected_status
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_attachment_delete_after_submission_is_refused(api_as, applicant, submitted_entry):
    attachment = submitted_entry.attachments.first()

    response = api_as(applicant).delete(detail_url(attachment))

    assert response.status_code == 403
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_attachment_delete_through_another_entry_is_404(api_as, applicant, entry, facility):
    attachment = AttachmentFactory(entry=entry)
    other_entry = EntryFactory(round=entry.round, facility=facility)

    response = api_as(applicant).delete(
        f"/api/v1/entries/{other_entry.pk}/attachments/{attachment.pk}/"
    )

    assert response.status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()


# ---- download through the URL the API gives --------------------------------------------------


def test_attachment_download_url_serves_the_member_and_not_another_applicant(
    api_as, client_as, applicant, other_applicant, entry
):
    data = upload(api_as(applicant), entry, "photo", photo()).json()

    own = api_as(applicant).get(data["download_url"])
    thumbnail = api_as(applicant).get(data["thumbnail_url"])
    other = api_as(other_applicant).get(data["download_url"])

    assert own.status_code == 200
    assert own["Content-Type"] == "image/jpeg"
    assert own["Cache-Control"] == "private"
    assert thumbnail.status_code == 200
    assert other.status_code == 404


def test_attachment_download_with_a_token(api_client, applicant, entry, api_as):
    from rest_framework.authtoken.models import Token

    data = upload(api_as(applicant), entry, "registration_form", pdf()).json()
    token = Token.objects.create(user=applicant)

    response = api_client.get(data["download_url"], HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
