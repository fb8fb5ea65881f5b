"""The proposal's documents on the pages: upload, delete, download (permission-checked, from
private storage), and what the partial programs/_documents.html shows (documents_context).

Included by programs/urls.py (`path("", include("programs.views.documents"))`, namespace
"programs"). Upload and delete come back to the page that sent them (its `next`, the proposal
page), with what happened in a message: the proposal page is the pages' own, not rendered here.
"""

from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import converters  # noqa: F401  (registers <id:…>)
from core.file_types import accept_attribute, upload_limits_text
from core.http import require_POST, require_safe
from programs import rules
from programs.models import DocumentKind, EquipmentItem, Proposal, ProposalDocument
from programs.queries import proposals_visible_to
from programs.services import documents as services


class DocumentUploadForm(forms.Form):
    """The kind, the item a photo shows (optional) and the files; the service checks each."""

    kind = forms.ChoiceField(label=gettext_lazy("Kind of document"), choices=DocumentKind.choices)
    item = forms.ModelChoiceField(
        label=gettext_lazy("Equipment item"), queryset=EquipmentItem.objects.none(), required=False
    )

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = proposal.equipment.all()


def documents_context(user, proposal: Proposal) -> dict:
    """What programs/_documents.html takes: `documents` (by kind: label, kind, files, whether
    the user may add one), `items` (each equipment item with its photos and whether the user
    may add one), `can_edit` (the user may add some document now) and the upload limits."""
    files = list(proposal.documents.select_related("item"))
    rights: dict[str, bool] = {}

    def may_add(kind: str, item: EquipmentItem | None = None) -> bool:
        # One answer per rule (the dossier's, the steps', the items'): each asks the database.
        key = "item" if item is not None else "step" if kind in services.STEP_KINDS else "dossier"
        if key not in rights:
            rights[key] = services.may_add(user, proposal, kind, item)
        return rights[key]

    sections = []
    for kind in DocumentKind:
        of_kind = [d for d in files if d.kind == kind and d.item_id is None]
        may = may_add(kind)
        if of_kind or may:
            rows = [(d, may) for d in of_kind]
            sections.append(
                {"kind": kind.value, "label": kind.label, "files": rows, "can_add": may}
            )
    items = []
    for item in proposal.equipment.all():
        may = may_add(DocumentKind.PHOTO, item)
        photos = [(d, may) for d in files if d.item_id == item.pk]
        if photos or may:
            items.append({"item": item, "photos": photos, "can_add": may})
    addable = [s for s in sections if s["can_add"]]
    return {
        "proposal": proposal,
        "documents": sections,
        "document_items": items,
        "upload_kinds": [(s["kind"], s["label"]) for s in addable],
        "can_edit": bool(addable) or any(i["can_add"] for i in items),
        "upload_accept": accept_attribute(),
        "photo_accept": accept_attribute(photo=True),
        "upload_limits": upload_limits_text(),
    }


def _back(request: HttpRequest, proposal: Proposal) -> HttpResponseRedirect:
    """The page that sent the form (the proposal page, at its documents), else the proposal's."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("programs:proposal-detail", args=[proposal.pk])
    return HttpResponseRedirect(target.split("#", 1)[0] + "#documents")


@require_POST
@login_required
def document_upload(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    proposal = get_object_or_404(proposals_visible_to(request.user), pk=pk)
    form = DocumentUploadForm(request.POST, proposal=proposal)
    uploads = request.FILES.getlist("file")
    if not form.is_valid() or not uploads:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        if not uploads:
            messages.error(request, _("Choose at least one file."))
        return _back(request, proposal)
    kind, item = form.cleaned_data["kind"], form.cleaned_data["item"]
    if not services.may_add(request.user, proposal, kind, item):
        raise PermissionDenied
    added = 0
    for upload in uploads:
        try:
            services.add_document(
                actor=request.user, proposal=proposal, kind=kind, upload=upload, item=item
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, f"{upload.name}: {message}")
        else:
            added += 1
    if added:
        messages.success(
            request,
            ngettext("%(count)d file was added.", "%(count)d files were added.", added)
            % {"count": added},
        )
    return _back(request, proposal)


@require_POST
@login_required
def document_delete(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    document = _visible_document(request, pk)
    if not services.may_delete(request.user, document):
        raise PermissionDenied
    services.delete_document(actor=request.user, document=document)
    messages.success(
        request, _("The file “%(name)s” was deleted.") % {"name": document.original_name}
    )
    return _back(request, document.proposal)


def _visible_document(request: HttpRequest, pk: int) -> ProposalDocument:
    """The document, if the user may see its proposal; 404 otherwise, so a guessed id does not
    even reveal that the file exists."""
    document = get_object_or_404(ProposalDocument.objects.select_related("proposal", "item"), pk=pk)
    if not rules.can_view_proposal(request.user, document.proposal):
        raise Http404
    return document


def _open(field_file: FieldFile):
    try:
        return field_file.open("rb")
    except FileNotFoundError:
        # The row outlived its file (restored backup, manual cleanup): nothing to serve.
        raise Http404 from None


def document_response(document: ProposalDocument) -> FileResponse:
    """The stored file: images shown inline, PDFs downloaded, under the user's file name with
    the extension of what is served (a PNG photo is stored as JPEG). The caller has checked that
    the user may see the proposal (the page here, the API's download action)."""
    is_image = document.content_type.startswith("image/")
    name = PurePath(document.original_name).stem + PurePath(document.file.name).suffix
    response = FileResponse(
        _open(document.file),
        content_type=document.content_type,
        as_attachment=not is_image,
        filename=name,
    )
    # Set here, not only by SecurityMiddleware: these headers are the point of this view.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response


@require_safe
@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    return document_response(_visible_document(request, pk))


urlpatterns = [
    path("proposals/<id:pk>/documents/", document_upload, name="proposal-document-upload"),
    path("proposal-documents/<id:pk>/file/", document_download, name="proposal-document-download"),
    path("proposal-documents/<id:pk>/delete/", document_delete, name="proposal-document-delete"),
]
