"""Downloading the files of an entry's dossier.

Files live in private storage with no public URL; these views are the only way to them. Anyone
who may not see the entry gets 404, so a guessed id does not even reveal that the file exists.
"""

from pathlib import PurePath

from django.contrib.auth.decorators import login_required
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from awards.models import Attachment
from awards.rules import can_view_entry


def _open(field_file: FieldFile) -> File:
    try:
        return field_file.open("rb")
    except FileNotFoundError:
        # The row outlived its file (restored backup, manual cleanup): nothing to serve.
        raise Http404 from None


def _visible_attachment(request: HttpRequest, pk: int) -> Attachment:
    attachment = get_object_or_404(Attachment.objects.select_related("entry__facility"), pk=pk)
    if not can_view_entry(request.user, attachment.entry):
        raise Http404
    return attachment


def _download_name(attachment: Attachment, suffix: str) -> str:
    """The user's file name with the extension of what we actually serve (a PNG photo is
    stored as JPEG), so a saved copy opens with the right program."""
    return PurePath(attachment.original_name).stem + suffix


def _private(response: FileResponse) -> FileResponse:
    # Set here, not only by SecurityMiddleware: these headers are the point of this view.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response


def file_response(attachment: Attachment) -> FileResponse:
    """The stored file: images shown inline, documents (PDF) downloaded. The caller has
    checked that the user may see the entry (the pages here, the API's attachment actions)."""
    return _private(
        FileResponse(
            _open(attachment.file),
            content_type=attachment.content_type,
            as_attachment=not attachment.is_image,
            filename=_download_name(attachment, PurePath(attachment.file.name).suffix),
        )
    )


def thumbnail_response(attachment: Attachment) -> FileResponse:
    """The JPEG thumbnail of an image; 404 for a PDF, which has none."""
    if not attachment.thumbnail:
        raise Http404
    return _private(
        FileResponse(
            _open(attachment.thumbnail),
            content_type="image/jpeg",
            filename=_download_name(attachment, ".jpg"),
        )
    )


@require_safe
@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    return file_response(_visible_attachment(request, pk))


@require_safe
@login_required
def attachment_thumbnail(request: HttpRequest, pk: int) -> FileResponse:
    return thumbnail_response(_visible_attachment(request, pk))
