"""The kinds of file an entry's dossier accepts: core.file_types' declaration, asked by the
entry's kind of attachment (a photo takes images only). What awards.services.attachments checks
(by content), what the upload form shows next to its input, puts in its `accept` and gives
static/js/uploads.js to check before sending."""

from awards.models import Attachment
from core import file_types
from core.file_types import (
    FILE_TYPES,
    IMAGE_TYPES,
    FileType,
    image_type_names,
    upload_limits_text,
)

__all__ = [
    "FILE_TYPES",
    "IMAGE_TYPES",
    "FileType",
    "accept_attribute",
    "image_type_names",
    "types_accepted",
    "upload_limits_text",
]


def types_accepted(kind: str | None = None) -> tuple[FileType, ...]:
    """The types a file of `kind` may be (photos: images only); any kind's when None."""
    return file_types.types_accepted(photo=kind == Attachment.Kind.PHOTO)


def accept_attribute(kind: str | None = None) -> str:
    """The file input's `accept`: the extensions and content types of `kind`'s types."""
    return file_types.accept_attribute(photo=kind == Attachment.Kind.PHOTO)
