"""Adding and removing the files of an entry's dossier (hồ sơ dự thi).

The checks and the re-encoding are core.uploads' (shared with the proposals' documents): the
type of a file is decided by its content, images are decoded one at a time and re-encoded (no
EXIF, nothing hidden after the pixels), photos stored as JPEG, PNG documents kept as PNG, PDFs as
uploaded, every image with a JPEG thumbnail. What is the entry's is here: who may (the facility
while the entry is editable), the row, its log on the entry.

Files are written under random names (uuid4) in the private default storage; the user's name is
kept only in `original_name`, for the download's Content-Disposition.
"""

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import Attachment, Entry
from awards.rules import can_edit_entry
from core.activity import Action, log_activity
from core.clock import moment_of
from core.uploads import (
    DECODE_ERRORS,
    DECODE_SLOTS,
    IMAGE_FORMATS,
    JPEG_QUALITY,
    PDF_MAGIC,
    THUMBNAIL_QUALITY,
    THUMBNAIL_SIZE,
    Prepared,
    delete_files,
    original_name,
    prepare,
    read_upload,
    stored_stem,
)
from core.workflow import lock_with_parents

__all__ = [
    "DECODE_ERRORS",
    "IMAGE_FORMATS",
    "JPEG_QUALITY",
    "PDF_MAGIC",
    "THUMBNAIL_QUALITY",
    "THUMBNAIL_SIZE",
    "add_attachment",
    "delete_attachment",
]

User = AbstractBaseUser | AnonymousUser

# The names this module had before the checks moved to core.uploads (the memory probe and its
# tests read them); the semaphore is the same object, shared with every dossier.
_DECODE_SLOTS = DECODE_SLOTS
_Prepared = Prepared
_read = read_upload
_original_name = original_name
_delete_files = delete_files


def _prepare(kind: str, data: bytes) -> Prepared:
    """The file to store for an attachment of `kind` (a photo: an image, always as JPEG)."""
    return prepare(data, photo=kind == Attachment.Kind.PHOTO)


# ---- Services ---------------------------------------------------------------------------------


def add_attachment(
    *, actor: User, entry: Entry, kind: str, upload: File, on: datetime.date | None = None
) -> Attachment:
    """Check, re-encode and store one file of `entry`'s dossier; log it on the entry. `on`: the
    day it is uploaded (today unless a past round is being recorded, core.clock).

    Raises PermissionDenied unless `actor` is a member of the entry's facility and the entry is
    editable, and ValidationError ({"kind": …} or {"file": …}) for a file we do not accept."""
    _check_can_edit(actor, entry)
    if kind not in Attachment.Kind.values:
        raise ValidationError(
            {"kind": ValidationError(_("Choose a valid kind of attachment."), code="invalid_kind")}
        )
    # The slow part (decoding, re-encoding) runs before the transaction takes the write lock.
    prepared = _prepare(kind, _read(upload))
    storage = Attachment._meta.get_field("file").storage
    written: list[str] = []
    try:
        with transaction.atomic():
            # Lock the round, then the entry, and ask again: it may have been submitted, or the
            # round closed, meanwhile.
            locked = lock_with_parents(Entry, entry.pk)
            _check_can_edit(actor, locked)
            when = moment_of(on)
            attachment = Attachment(
                uploaded_at=when.at,
                entry=locked,
                kind=kind,
                original_name=_original_name(upload.name, prepared.extension),
                content_type=prepared.content_type,
                size=len(prepared.content),
                width=prepared.width,
                height=prepared.height,
                uploaded_by=actor if actor.is_authenticated else None,
            )
            stem = stored_stem()
            attachment.file.save(
                f"{stem}{prepared.extension}", ContentFile(prepared.content), save=False
            )
            written.append(attachment.file.name)
            if prepared.thumbnail is not None:
                attachment.thumbnail.save(
                    f"{stem}.jpg", ContentFile(prepared.thumbnail), save=False
                )
                written.append(attachment.thumbnail.name)
            attachment.save()
            log_activity(
                actor=actor,
                action=Action.UPDATED,
                target=locked,
                after={"attachment": _describe(attachment)},
                at=when.at,
            )
    except BaseException:
        # Nothing refers to the files once the row is rolled back: remove them, no orphans.
        _delete_files(storage, written)
        raise
    return attachment


def delete_attachment(*, actor: User, attachment: Attachment) -> None:
    """Remove one file of an editable entry's dossier; log it on the entry.

    The stored files are deleted only once the transaction commits, so a rollback never leaves
    a row pointing at a missing file."""
    _check_can_edit(actor, attachment.entry)
    storage = Attachment._meta.get_field("file").storage
    with transaction.atomic():
        locked = lock_with_parents(Entry, attachment.entry_id)
        _check_can_edit(actor, locked)
        deleted, _counts = Attachment.objects.filter(pk=attachment.pk, entry=locked).delete()
        if not deleted:
            return  # someone else removed it first; they logged it and remove the files
        log_activity(
            actor=actor,
            action=Action.UPDATED,
            target=locked,
            before={"attachment": _describe(attachment)},
        )
        names = [name for name in (attachment.file.name, attachment.thumbnail.name) if name]
        transaction.on_commit(lambda: _delete_files(storage, names))


# ---- Permission, description ----------------------------------------------------------------


def _check_can_edit(actor: User, entry: Entry) -> None:
    if not can_edit_entry(actor, entry):
        raise PermissionDenied(
            _(
                "Only the facility's members change its dossier, and only while it is a draft "
                "or returned."
            )
        )


def _describe(attachment: Attachment) -> dict:
    return {
        "id": attachment.pk,
        "kind": attachment.kind,
        "name": attachment.original_name,
        "content_type": attachment.content_type,
        "size": attachment.size,
    }
