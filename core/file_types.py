"""The kinds of file an upload may be, declared once: what core.uploads checks (by content),
what an upload form shows next to its input, puts in its `accept` and gives static/js/uploads.js
to check before sending. Shared by every dossier (an entry's, a proposal's)."""

from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileType:
    """A kind of file a dossier accepts, decided by its content (`pillow`: the decoder that
    reads it; None for PDF, recognised by PDF_MAGIC). Its `label`, `extensions` and
    `content_type` are what the upload form shows, puts in the input's `accept` and checks in
    the browser before sending."""

    label: str
    extensions: tuple[str, ...]
    content_type: str
    pillow: str | None


FILE_TYPES = (
    FileType("JPEG", (".jpg", ".jpeg"), "image/jpeg", "JPEG"),
    FileType("PNG", (".png",), "image/png", "PNG"),
    FileType("WebP", (".webp",), "image/webp", "WEBP"),
    FileType("PDF", (".pdf",), "application/pdf", None),
)
IMAGE_TYPES = tuple(t for t in FILE_TYPES if t.pillow)


def types_accepted(*, photo: bool = False) -> tuple[FileType, ...]:
    """The types a photo may be (images only), or any other file."""
    return IMAGE_TYPES if photo else FILE_TYPES


def accept_attribute(*, photo: bool = False) -> str:
    """The file input's `accept`: the extensions and content types of the types accepted."""
    types = types_accepted(photo=photo)
    return ",".join([*(e for t in types for e in t.extensions), *(t.content_type for t in types)])


def image_type_names() -> str:
    """The images' type names ("JPEG, PNG or WebP") in the language of the page."""
    *first, last = [t.label for t in IMAGE_TYPES]
    return _("%(first)s or %(last)s") % {"first": ", ".join(first), "last": last}


def upload_limits_text() -> str:
    """What the upload form says next to its file input: the types, the photos' smallest
    side and the size limit, from the declarations and settings the checks use."""
    return _(
        "Photos: %(images)s, at least %(min_side)s px on the short side. Documents: PDF, or a "
        "photo of each page. At most %(limit)s a file; you may choose several files at once."
    ) % {
        "images": image_type_names(),
        "min_side": settings.UPLOAD_MIN_PHOTO_SIDE,
        "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
    }
