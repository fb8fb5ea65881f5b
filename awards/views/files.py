"""Downloading the files of an entry's dossier.

Files live in private storage with no public URL; these views are the only way to them. Anyone
who may not see the entry gets 404, so a guessed id does not even reveal that the file exists.
A judge assigned the entry (awards.rules.can_judge_entry) opens its files too, under a neutral
name: the name the facility gave a file may well carry its own name.
"""

from pathlib import PurePath

from django.contrib.auth.decorators import login_required
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from awards import judging_rules
from awards.models import Attachment
from awards.rules import can_judge_entry, can_view_entry


def _open(field_file: FieldFile) -> File:
    try:
        return field_file.open("rb")
    except FileNotFoundError:
        # The row outlived its file (restored backup, manual cleanup): nothing to serve.
        raise Http404 from None


def _visible_attachment(request: HttpRequest, pk: int) -> tuple[Attachment, bool]:
    """The attachment, and whether its name is hidden (a judge's download in a round whose
    judges do not see the facility)."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("entry__facility", "entry__round"), pk=pk
    )
    if can_view_entry(request.user, attachment.entry):
        return attachment, False
    if can_judge_entry(request.user, attachment.entry):
        return attachment, not judging_rules.sees_identity(attachment.entry.round)
    raise Http404


def neutral_name(attachment: Attachment) -> str:
    """A file's name that tells nothing of the facility: the entry's voting code, the kind of
    file and its number ("B-2-003-photo-17")."""
    return (
        f"{attachment.entry.voting_code or attachment.entry_id}-{attachment.kind}-{attachment.pk}"
    )


def _download_name(attachment: Attachment, suffix: str, *, hidden: bool = False) -> str:
    """The user's file name with the extension of what we actually serve (a PNG photo is
    stored as JPEG), so a saved copy opens with the right program; `hidden`: a neutral one."""
    stem = neutral_name(attachment) if hidden else PurePath(attachment.original_name).stem
    return stem + suffix


def _private(response: FileResponse) -> FileResponse:
    # Set here, not only by SecurityMiddleware: these headers are the point of this view.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response


def file_response(attachment: Attachment, *, hidden: bool = False) -> FileResponse:
    """The stored file: images shown inline, documents (PDF) downloaded. The caller has
    checked that the user may see the entry (the pages here, the API's attachment actions)."""
    return _private(
        FileResponse(
            _open(attachment.file),
            content_type=attachment.content_type,
            as_attachment=not attachment.is_image,
            filename=_download_name(
                attachment, PurePath(attachment.file.name).suffix, hidden=hidden
            ),
        )
    )


def thumbnail_response(attachment: Attachment, *, hidden: bool = False) -> FileResponse:
    """The JPEG thumbnail of an image; 404 for a PDF, which has none."""
    if not attachment.thumbnail:
        raise Http404
    return _private(
        FileResponse(
            _open(attachment.thumbnail),
            content_type="image/jpeg",
            filename=_download_name(attachment, ".jpg", hidden=hidden),
        )
    )


@require_safe
@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment, hidden = _visible_attachment(request, pk)
    return file_response(attachment, hidden=hidden)


@require_safe
@login_required
def attachment_thumbnail(request: HttpRequest, pk: int) -> FileResponse:
    attachment, hidden = _visible_attachment(request, pk)
    return thumbnail_response(attachment, hidden=hidden)
