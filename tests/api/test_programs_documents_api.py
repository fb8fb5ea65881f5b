"""/api/v1/proposals/{id}/attachments/: list, multipart upload, delete and download through
programs.services.documents, each for whoever may."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.workflow import transition
from programs.models import ProposalDocument
from programs.services.documents import add_document
from tests.factories import PDF_BYTES, png_bytes
from tests.programs.world import approved, contracted, equipment_proposal, local_rule, make_plan

pytestmark = pytest.mark.django_db


def list_url(proposal):
    return f"/api/v1/proposals/{proposal.pk}/attachments/"


def detail_url(document):
    return f"/api/v1/proposals/{document.proposal_id}/attachments/{document.pk}/"


def pdf(name="thuyet-minh.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def photo(name="may.png"):
    return SimpleUploadedFile(name, png_bytes(800, 600), content_type="image/png")


@pytest.fixture
def proposal(applicant, facility):
    local_rule()
    return equipment_proposal(applicant, make_plan(), facility)


@pytest.fixture
def document(proposal, applicant):
    return add_document(actor=applicant, proposal=proposal, kind="application", upload=pdf())


@pytest.fixture
def in_progress(proposal, applicant, officer, manager):
    funded = approved(proposal, facility_user=applicant, officer=officer, manager=manager)
    return transition(contracted(funded, officer=officer), action="start_work", actor=officer)


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
def test_list_by_role(api_as, personas, document, persona, expected_status):
    response = api_as(personas[persona]).get(list_url(document.proposal))

    assert response.status_code == expected_status
    if expected_status == 200:
        [row] = response.json()
        assert row["id"] == document.pk
        assert (row["kind"], row["item"], row["original_name"]) == (
            "application",
            None,
            "thuyet-minh.pdf",
        )
        assert row["size"] == len(PDF_BYTES)
        assert row["download_url"] == (
            f"http://testserver/api/v1/proposals/{document.proposal_id}/attachments/"
            f"{document.pk}/file/"
        )


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 201),
        ("other_applicant", 404),
        ("officer", 201),
        ("manager", 403),
        ("judge", 404),
        ("anonymous", 401),
    ],
)
def test_upload_in_draft_by_role(api_as, personas, proposal, persona, expected_status):
    response = api_as(personas[persona]).post(
        list_url(proposal), {"kind": "quotation", "file": pdf("bao-gia.pdf")}, format="multipart"
    )

    assert response.status_code == expected_status
    assert proposal.documents.count() == (1 if expected_status == 201 else 0)
    if expected_status == 201:
        assert response.json()["content_type"] == "application/pdf"


def test_upload_bad_file_is_400_on_file(api_as, applicant, proposal):
    # In English: the API speaks the client's language, Vietnamese by default.
    bad = SimpleUploadedFile("x.pdf", b"plain text", content_type="application/pdf")

    response = api_as(applicant).post(
        list_url(proposal),
        {"kind": "quotation", "file": bad},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["file"]
    assert response.json()["file"] == [
        "A document must be a PDF file or a JPEG, PNG or WebP image."
    ]


def test_upload_unknown_kind_is_400(api_as, applicant, proposal):
    response = api_as(applicant).post(
        list_url(proposal), {"kind": "secret", "file": pdf()}, format="multipart"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["kind"]


def test_upload_after_submission_is_403(api_as, applicant, proposal):
    transition(proposal, action="submit", actor=applicant)

    response = api_as(applicant).post(
        list_url(proposal), {"kind": "quotation", "file": pdf()}, format="multipart"
    )

    assert response.status_code == 403
    assert proposal.documents.count() == 0


def test_item_photo_upload_stored_as_jpeg(api_as, officer, in_progress):
    item = in_progress.equipment.get()

    response = api_as(officer).post(
        list_url(in_progress),
        {"kind": "photo", "item": item.pk, "file": photo()},
        format="multipart",
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["item"], body["content_type"], body["original_name"]) == (
        item.pk,
        "image/jpeg",
        "may.png",
    )


def test_item_of_another_proposal_is_400(api_as, officer, applicant, facility, in_progress):
    other = equipment_proposal(applicant, in_progress.plan, facility)

    response = api_as(officer).post(
        list_url(in_progress),
        {"kind": "photo", "item": other.equipment.get().pk, "file": photo()},
        format="multipart",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["item"]
    assert ProposalDocument.objects.count() == 0


def test_step_document_by_officer_after_approval(api_as, officer, applicant, in_progress):
    payload = {"kind": "acceptance_record", "file": pdf("bien-ban.pdf")}

    assert (
        api_as(applicant).post(list_url(in_progress), payload, format="multipart").status_code
        == 403
    )
    payload["file"] = pdf("bien-ban.pdf")
    assert (
        api_as(officer).post(list_url(in_progress), payload, format="multipart").status_code == 201
    )


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 204),
        ("other_applicant", 404),
        ("manager", 403),
        ("anonymous", 401),
    ],
)
def test_delete_by_role(api_as, personas, document, persona, expected_status):
    response = api_as(personas[persona]).delete(detail_url(document))

    assert response.status_code == expected_status
    assert ProposalDocument.objects.filter(pk=document.pk).exists() == (expected_status != 204)


def test_delete_of_another_proposals_document_is_404(api_as, applicant, facility, document):
    other = equipment_proposal(applicant, document.proposal.plan, facility)

    response = api_as(applicant).delete(f"/api/v1/proposals/{other.pk}/attachments/{document.pk}/")

    assert response.status_code == 404
    assert ProposalDocument.objects.filter(pk=document.pk).exists()


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 200),
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 200),
        ("manager", 200),
        ("anonymous", 401),
    ],
)
def test_download_by_role(api_as, personas, document, persona, expected_status):
    response = api_as(personas[persona]).get(
        f"{detail_url(document)}file/", HTTP_ACCEPT="image/png"
    )

    assert response.status_code == expected_status
    if expected_status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="thuyet-minh.pdf"'
        assert b"".join(response.streaming_content) == PDF_BYTES
