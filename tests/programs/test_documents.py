"""The proposal's documents: checked and re-encoded as an entry's files are, stored privately,
added and removed by whoever may at each state, downloaded through a permission check."""

import io
from urllib.parse import quote

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.shortcuts import resolve_url
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image

from core.activity import history_of
from core.workflow import transition
from programs.models import ProposalDocument
from programs.services.documents import add_document, delete_document
from programs.views.documents import documents_context
from tests.factories import PDF_BYTES, png_bytes
from tests.programs.world import approved, contracted, equipment_proposal, local_rule, make_plan

pytestmark = pytest.mark.django_db


def pdf(name="thuyet-minh.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def photo(name="may.png", width=800, height=600, exif=False):
    if not exif:
        return SimpleUploadedFile(name, png_bytes(width, height), content_type="image/png")
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), "blue")
    tags = Image.Exif()
    tags[0x010F] = "Camera maker"  # Make
    image.save(buffer, format="JPEG", exif=tags)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def proposal(applicant, facility):
    local_rule()
    return equipment_proposal(applicant, make_plan(), facility)


@pytest.fixture
def in_progress(proposal, applicant, officer, manager):
    funded = approved(proposal, facility_user=applicant, officer=officer, manager=manager)
    return transition(contracted(funded, officer=officer), action="start_work", actor=officer)


def stored_files(root):
    return sorted(p.name for p in root.rglob("*") if p.is_file())


# ---- Types, sizes, re-encoding --------------------------------------------------------------


def test_add_pdf_stored_privately_under_random_name(proposal, applicant, storage_root):
    document = add_document(
        actor=applicant, proposal=proposal, kind="application", upload=pdf("Thuyết minh.pdf")
    )

    assert document.content_type == "application/pdf"
    assert document.size == len(PDF_BYTES)
    assert document.original_name == "Thuyết_minh.pdf"
    assert document.uploaded_by == applicant
    assert "Thuy" not in document.file.name
    assert document.file.name.startswith("proposals/")
    assert (storage_root / document.file.name).read_bytes() == PDF_BYTES
    assert history_of(proposal).first().after["document"]["id"] == document.pk


def test_add_photo_reencoded_as_jpeg_without_exif(proposal, applicant, storage_root):
    document = add_document(
        actor=applicant, proposal=proposal, kind="photo", upload=photo("nha-xuong.jpg", exif=True)
    )

    assert document.content_type == "image/jpeg"
    with Image.open(storage_root / document.file.name) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (800, 600)
        assert dict(stored.getexif()) == {}


def test_add_png_photo_stored_as_jpeg(proposal, applicant, storage_root):
    document = add_document(actor=applicant, proposal=proposal, kind="photo", upload=photo())

    assert (document.content_type, document.original_name) == ("image/jpeg", "may.png")
    assert document.file.name.endswith(".jpg")


def test_add_pdf_as_photo_refused(proposal, applicant):
    with pytest.raises(ValidationError) as excinfo:
        add_document(actor=applicant, proposal=proposal, kind="photo", upload=pdf())

    assert [e.code for e in excinfo.value.error_dict["file"]] == ["invalid_file_type"]


def test_add_text_file_refused_whatever_its_name(proposal, applicant, storage_root):
    upload = SimpleUploadedFile("du-toan.pdf", b"not a pdf at all", content_type="application/pdf")

    with pytest.raises(ValidationError) as excinfo:
        add_document(actor=applicant, proposal=proposal, kind="budget_estimate", upload=upload)

    assert [e.code for e in excinfo.value.error_dict["file"]] == ["invalid_file_type"]
    assert stored_files(storage_root) == []


def test_add_damaged_image_refused(proposal, applicant):
    data = png_bytes(800, 600)
    upload = SimpleUploadedFile("hong.png", data[: len(data) // 2], content_type="image/png")

    with pytest.raises(ValidationError) as excinfo:
        add_document(actor=applicant, proposal=proposal, kind="photo", upload=upload)

    assert [e.code for e in excinfo.value.error_dict["file"]] == ["invalid_image"]


def test_add_file_over_size_limit_refused(proposal, applicant, settings):
    settings.UPLOAD_MAX_BYTES = 10

    with pytest.raises(ValidationError) as excinfo:
        add_document(actor=applicant, proposal=proposal, kind="application", upload=pdf())

    assert [e.code for e in excinfo.value.error_dict["file"]] == ["file_too_large"]
    assert ProposalDocument.objects.count() == 0


def test_add_empty_file_refused(proposal, applicant):
    upload = SimpleUploadedFile("rong.pdf", b"", content_type="application/pdf")

    with pytest.raises(ValidationError) as excinfo:
        add_document(actor=applicant, proposal=proposal, kind="application", upload=upload)

    assert [e.code for e in excinfo.value.error_dict["file"]] == ["empty_file"]


def test_add_unknown_kind_refused(proposal, applicant):
    with pytest.raises(ValidationError) as excinfo:
        add_document(actor=applicant, proposal=proposal, kind="secret", upload=pdf())

    assert list(excinfo.value.error_dict) == ["kind"]


def test_add_rolled_back_leaves_no_file(proposal, applicant, storage_root, monkeypatch):
    """The file is written before the row: when the transaction fails after that, it goes."""

    def fail(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(ProposalDocument, "save", fail)

    with pytest.raises(RuntimeError):
        add_document(actor=applicant, proposal=proposal, kind="application", upload=pdf())

    assert stored_files(storage_root) == []


def test_delete_removes_file_after_commit(
    proposal, applicant, storage_root, django_capture_on_commit_callbacks
):
    document = add_document(actor=applicant, proposal=proposal, kind="application", upload=pdf())
    name = document.file.name

    with pytest.raises(RuntimeError), transaction.atomic():
        delete_document(actor=applicant, document=document)
        raise RuntimeError
    assert (storage_root / name).exists()  # rolled back: the row and its file stay

    with django_capture_on_commit_callbacks(execute=True):
        delete_document(actor=applicant, document=document)
        assert (storage_root / name).exists()  # not before the commit

    assert ProposalDocument.objects.count() == 0
    assert not (storage_root / name).exists()
    assert history_of(proposal).first().before["document"]["id"] == document.pk


# ---- Who may, at which state -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("applicant", True),
        ("other_applicant", False),
        ("officer", True),
        ("admin", True),
        ("manager", False),
        ("judge", False),
    ],
)
def test_dossier_document_in_draft_by_role(proposal, personas, persona, allowed):
    def add():
        return add_document(
            actor=personas[persona], proposal=proposal, kind="quotation", upload=pdf()
        )

    if allowed:
        assert add().kind == "quotation"
    else:
        with pytest.raises(PermissionDenied):
            add()


def test_dossier_document_refused_once_submitted(proposal, applicant, officer):
    proposal = transition(proposal, action="submit", actor=applicant)

    for actor in (applicant, officer):
        with pytest.raises(PermissionDenied):
            add_document(actor=actor, proposal=proposal, kind="application", upload=pdf())


def test_dossier_document_delete_refused_once_submitted(proposal, applicant):
    document = add_document(actor=applicant, proposal=proposal, kind="application", upload=pdf())
    transition(proposal, action="submit", actor=applicant)

    with pytest.raises(PermissionDenied):
        delete_document(actor=applicant, document=document)
    assert ProposalDocument.objects.count() == 1


def test_step_document_refused_before_approval(proposal, officer):
    with pytest.raises(PermissionDenied):
        add_document(actor=officer, proposal=proposal, kind="approval_decision", upload=pdf())


def test_step_document_by_officer_after_approval(proposal, applicant, officer, manager):
    proposal = approved(proposal, facility_user=applicant, officer=officer, manager=manager)

    document = add_document(
        actor=officer, proposal=proposal, kind="approval_decision", upload=pdf("qd.pdf")
    )
    assert document.kind == "approval_decision"
    for actor in (applicant, manager):
        with pytest.raises(PermissionDenied):
            add_document(actor=actor, proposal=proposal, kind="contract", upload=pdf())
    # The dossier itself is closed then, for the officer too.
    with pytest.raises(PermissionDenied):
        add_document(actor=officer, proposal=proposal, kind="quotation", upload=pdf())


def test_item_photo_while_in_progress(in_progress, officer, applicant, storage_root):
    item = in_progress.equipment.get()

    document = add_document(
        actor=officer, proposal=in_progress, kind="photo", upload=photo(), item=item
    )

    assert (document.item, document.content_type) == (item, "image/jpeg")
    assert list(item.photos.all()) == [document]
    with pytest.raises(PermissionDenied):
        add_document(actor=applicant, proposal=in_progress, kind="photo", upload=photo(), item=item)


def test_item_photo_refused_before_the_work(proposal, officer):
    with pytest.raises(PermissionDenied):
        add_document(
            actor=officer,
            proposal=proposal,
            kind="photo",
            upload=photo(),
            item=proposal.equipment.get(),
        )


def test_item_of_another_proposal_refused(in_progress, officer, applicant, facility):
    other = equipment_proposal(applicant, in_progress.plan, facility)

    with pytest.raises(ValidationError) as excinfo:
        add_document(
            actor=officer,
            proposal=in_progress,
            kind="photo",
            upload=photo(),
            item=other.equipment.get(),
        )

    assert list(excinfo.value.error_dict) == ["item"]
    assert ProposalDocument.objects.count() == 0


def test_item_on_a_document_that_is_not_a_photo_refused(in_progress, officer):
    with pytest.raises(ValidationError) as excinfo:
        add_document(
            actor=officer,
            proposal=in_progress,
            kind="contract",
            upload=pdf(),
            item=in_progress.equipment.get(),
        )

    assert list(excinfo.value.error_dict) == ["item"]


# ---- The pages -------------------------------------------------------------------------------


def download_url(document):
    return reverse("programs:proposal-document-download", args=[document.pk])


def upload_url(proposal):
    return reverse("programs:proposal-document-upload", args=[proposal.pk])


@pytest.mark.parametrize(
    ("persona", "expected_status"),
    [
        ("applicant", 200),
        ("other_applicant", 404),
        ("judge", 404),
        ("officer", 200),
        ("manager", 200),
        ("admin", 200),
    ],
)
def test_download_by_role(client_as, personas, proposal, applicant, persona, expected_status):
    document = add_document(
        actor=applicant, proposal=proposal, kind="application", upload=pdf("Đề án.pdf")
    )

    response = client_as(personas[persona]).get(download_url(document))

    assert response.status_code == expected_status
    if expected_status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert quote(document.original_name) in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == PDF_BYTES


def test_download_anonymous_redirected_to_login(client_as, proposal, applicant):
    document = add_document(actor=applicant, proposal=proposal, kind="application", upload=pdf())

    response = client_as(None).get(download_url(document))

    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url("login") + "?next=")


def test_download_photo_inline_with_jpeg_name(client_as, proposal, applicant):
    document = add_document(actor=applicant, proposal=proposal, kind="photo", upload=photo())

    response = client_as(applicant).get(download_url(document))

    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'inline; filename="may.jpg"'


def test_upload_page_adds_files_and_comes_back(client_as, proposal, applicant):
    back = f"/somewhere/{proposal.pk}/"

    response = client_as(applicant).post(
        upload_url(proposal),
        {"kind": "quotation", "file": [pdf("bao-gia-1.pdf"), pdf("bao-gia-2.pdf")], "next": back},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{back}#documents"
    names = sorted(proposal.documents.values_list("original_name", flat=True))
    assert names == ["bao-gia-1.pdf", "bao-gia-2.pdf"]


def test_upload_page_reports_refused_file(client_as, proposal, applicant, settings):
    client = client_as(applicant)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    bad = SimpleUploadedFile("x.pdf", b"plain text", content_type="application/pdf")

    response = client.post(
        upload_url(proposal), {"kind": "quotation", "file": [bad], "next": "/back/"}
    )

    assert response.status_code == 302
    assert proposal.documents.count() == 0
    assert [str(m) for m in response.wsgi_request._messages] == [
        "x.pdf: A document must be a PDF file or a JPEG, PNG or WebP image."
    ]


def test_upload_page_refused_to_manager(client_as, proposal, manager):
    response = client_as(manager).post(
        upload_url(proposal),
        {"kind": "quotation", "file": [pdf()], "next": "/back/"},
    )

    assert response.status_code == 403
    assert proposal.documents.count() == 0


def test_upload_page_hides_proposal_from_other_facility(client_as, proposal, other_applicant):
    response = client_as(other_applicant).post(
        upload_url(proposal), {"kind": "quotation", "file": [pdf()]}
    )

    assert response.status_code == 404


def test_delete_page(
    client_as,
    proposal,
    applicant,
    other_applicant,
    storage_root,
    django_capture_on_commit_callbacks,
):
    document = add_document(actor=applicant, proposal=proposal, kind="application", upload=pdf())
    url = reverse("programs:proposal-document-delete", args=[document.pk])

    assert client_as(other_applicant).post(url, {"next": "/back/"}).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(applicant).post(url, {"next": "/back/"})

    assert (response.status_code, response["Location"]) == (302, "/back/#documents")
    assert proposal.documents.count() == 0
    assert stored_files(storage_root) == []


# ---- The partial -----------------------------------------------------------------------------


def render_for(user, proposal):
    request = RequestFactory().get(f"/programmes/proposals/{proposal.pk}/")
    request.user = user
    return render_to_string(
        "programs/_documents.html", documents_context(user, proposal), request=request
    )


def test_partial_for_the_facility_in_draft(proposal, applicant):
    add_document(actor=applicant, proposal=proposal, kind="application", upload=pdf("tm.pdf"))

    html = render_for(applicant, proposal)

    assert "tm.pdf" in html
    assert 'id="document-upload-form"' in html
    assert 'value="quotation"' in html and 'value="contract"' not in html
    assert "document-delete" in html
    assert 'id="item-photos"' not in html  # no item photo before the work


def test_partial_for_the_facility_after_submission(proposal, applicant):
    add_document(actor=applicant, proposal=proposal, kind="application", upload=pdf("tm.pdf"))
    proposal = transition(proposal, action="submit", actor=applicant)

    html = render_for(applicant, proposal)

    assert "tm.pdf" in html
    assert 'id="document-upload-form"' not in html
    assert "document-delete" not in html


def test_partial_for_the_officer_during_the_work(in_progress, officer):
    item = in_progress.equipment.get()
    add_document(actor=officer, proposal=in_progress, kind="photo", upload=photo(), item=item)

    html = render_for(officer, in_progress)

    assert f'id="item-{item.pk}-photos"' in html
    assert f'name="item" value="{item.pk}"' in html
    assert 'value="acceptance_record"' in html and 'value="quotation"' not in html
