"""Checking and preparing an uploaded file of a dossier (an entry's, a proposal's), before the
caller stores it; the caller decides who may and records the row.

The type of a file is decided by its content, never by its name or the browser's content type.
Images are decoded and re-encoded, which drops EXIF (GPS position, camera serial), comments and
anything hidden after the image data, so what we store and serve is only pixels we wrote.

Output formats: photos are always stored as JPEG (quality 85), so galleries and their thumbnails
are uniform and small. Documents keep PNG as PNG because scanned text stays sharp in a lossless
format; JPEG and WebP documents become JPEG. PDFs are stored as uploaded. An image also gets a
JPEG thumbnail of at most 400 px on its longest side, when the caller keeps one.

Decoding is what costs memory, so each process decodes one image at a time by default
(UPLOAD_DECODE_CONCURRENCY, see DECODE_SLOTS); the checks on the header, which need no pixels,
run at once.

Files are written under random names (uuid4, stored_name) in the private default storage; the
user's name is kept only in the row (original_name), for the download's Content-Disposition.
"""

import io
import os
import threading
import uuid
import warnings
from contextlib import ExitStack
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files import File
from django.core.files.storage import Storage
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from core.file_types import IMAGE_TYPES, image_type_names

PDF_MAGIC = b"%PDF-"
# The only Pillow decoders ever tried, so an upload cannot reach Pillow's rarer (and historically
# less robust) plugins.
IMAGE_FORMATS = tuple(t.pillow for t in IMAGE_TYPES)
JPEG_QUALITY = 85
THUMBNAIL_SIZE = (400, 400)
THUMBNAIL_QUALITY = 80
# What Pillow raises on a malformed file, depending on the plugin and where it breaks.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, TypeError, EOFError, IndexError)

# How many images this process decodes at once (UPLOAD_DECODE_CONCURRENCY, 1 by default); the
# others wait their turn, a second or two for each image at the limit ahead of them. Only the
# decoding waits: what check_header refuses is refused at once. One semaphore for every kind of
# dossier: an entry's photo and a proposal's share the process's memory.
# Why, measured with tests/awards/attachment_memory_probe.py (peak RSS of twelve uploads at once,
# as a threaded server or the upload page's loop over one request's files may do; Django alone
# is ~47 MiB): at the former limit of 50 million pixels, decoding freely peaked at 4.8 GiB for
# JPEG photos, 7.1 GiB for RGBA PNG documents and 8.9 GiB for WebP photos. One decode needs
# ~8 bytes a pixel for JPEG and PNG (Pillow holds RGB and RGBA at 4 bytes a pixel; a rotation,
# a flattening or the optimising JPEG encoder needs about as much again) and ~16 for WebP
# (libwebp's decoder keeps two canvases and hands Pillow a third copy). With one slot the peak
# is one decode plus the waiting uploads' bytes, whatever their number; at 50 million pixels
# that is still 870 MiB for WebP, too close to 1 GB once a real worker's Django is heavier, hence
# the default limit of 40 million (config/settings.py): 510 MiB for twelve JPEG photos, 370 MiB
# for PNG documents, 710 MiB for WebP. JPEG draft mode would not help: the stored copy needs
# every pixel decoded anyway, and the thumbnail is reduced from that image at no full-size cost.
DECODE_SLOTS = threading.BoundedSemaphore(settings.UPLOAD_DECODE_CONCURRENCY)


@dataclass(frozen=True)
class Prepared:
    """What will be written: the file's bytes and what we record about it."""

    content: bytes
    extension: str
    content_type: str
    width: int | None = None
    height: int | None = None
    thumbnail: bytes | None = None


# ---- Reading, naming, removing --------------------------------------------------------------


def file_error(message: str, code: str, params: dict | None = None) -> ValidationError:
    """An error on the upload's `file` field."""
    return ValidationError({"file": ValidationError(message, code=code, params=params)})


def too_large(size: int | None = None) -> ValidationError:
    limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
    if size is None:
        message, params = _("The file is larger than the limit of %(limit)s."), {"limit": limit}
    else:
        message = _("The file is %(size)s; the limit is %(limit)s.")
        params = {"size": filesizeformat(size), "limit": limit}
    return file_error(message, "file_too_large", params)


def read_upload(upload: File) -> bytes:
    """The upload's bytes, refusing it by its size before reading anything."""
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise too_large(upload.size)
    upload.seek(0)
    # Read one byte past the limit: a file-like whose .size understates it is still refused.
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_large()
    if not data:
        raise file_error(_("The file is empty."), "empty_file")
    return data


def original_name(name: str | None, extension: str) -> str:
    """The user's file name, safe to show and to put in a header, at most 255 characters."""
    base = os.path.basename(str(name or "").replace("\\", "/"))
    try:
        clean = get_valid_filename(base)
    except SuspiciousFileOperation:
        clean = f"file{extension}"
    if len(clean) > 255:
        stem, suffix = os.path.splitext(clean)
        suffix = suffix[:16]
        clean = stem[: 255 - len(suffix)] + suffix
    return clean


def stored_stem() -> str:
    """A random name for the stored file (its thumbnail shares it): nothing the user chose."""
    return uuid.uuid4().hex


def delete_files(storage: Storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


# ---- Content checks and re-encoding ---------------------------------------------------------


def wrong_type(*, photo: bool) -> ValidationError:
    names = {"types": image_type_names()}
    if photo:
        return file_error(_("A photo must be a %(types)s image.") % names, "invalid_file_type")
    return file_error(
        _("A document must be a PDF file or a %(types)s image.") % names, "invalid_file_type"
    )


def prepare(data: bytes, *, photo: bool, thumbnail: bool = True) -> Prepared:
    """The file to store for `data`: a PDF as it is (never for a photo), an image re-encoded.
    Raises ValidationError ({"file": …}) for a file we do not accept."""
    if data.startswith(PDF_MAGIC):
        if photo:
            raise wrong_type(photo=photo)
        return Prepared(content=data, extension=".pdf", content_type="application/pdf")
    return prepare_image(data, photo=photo, thumbnail=thumbnail)


def prepare_image(data: bytes, *, photo: bool, thumbnail: bool = True) -> Prepared:
    try:
        check_header(data, photo=photo)
        # `with` gives the slot back however the work ends, an exception included.
        with DECODE_SLOTS:
            return reencode(data, photo=photo, thumbnail=thumbnail)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels() from None
    except DECODE_ERRORS:
        raise file_error(
            _("The image could not be read; it may be damaged. Save it again and upload it."),
            "invalid_image",
        ) from None


def check_header(data: bytes, *, photo: bool) -> None:
    """Identify the image from its header, refuse it on its pixel count before any pixel is
    decoded, and verify its structure."""
    # Pillow warns (and past twice its limit, raises) about images with too many pixels when it
    # opens one; make the warning an error too, so the effective limit is the smaller of
    # Pillow's and ours. (The filter is process-wide, so it is held only while the header is
    # read, never while waiting for a decode slot; were another thread to reset it meanwhile,
    # our own check below still holds at the default settings, whose limit is below Pillow's.)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            header = Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)
        except Image.UnidentifiedImageError:
            raise wrong_type(photo=photo) from None
    width, height = header.size
    if width * height > settings.UPLOAD_MAX_IMAGE_PIXELS:
        raise too_many_pixels()
    minimum = settings.UPLOAD_MIN_PHOTO_SIDE
    if photo and min(width, height) < minimum:
        # The stored size is after the EXIF rotation, but a rotation keeps the short side.
        raise file_error(
            _(
                "The photo is only %(width)s × %(height)s px; its short side must be at least "
                "%(minimum)s px."
            ),
            "photo_too_small",
            {"width": width, "height": height, "minimum": minimum},
        )
    header.verify()


def reencode(data: bytes, *, photo: bool, thumbnail: bool = True) -> Prepared:
    """Decode the image, re-encode it for storage and make its thumbnail (if asked).

    Each step that makes a new full-size image closes the one it replaces straight away, and
    every image is closed on the way out, an exception included (a traceback would otherwise
    keep the pixels alive after the decode slot is given back)."""
    with ExitStack() as images:
        # A fresh open: verify() in check_header left that image unusable.
        image = _closing(images, Image.open(io.BytesIO(data), formats=IMAGE_FORMATS))
        image.load()
        keep_png = image.format == "PNG" and not photo
        # In place: otherwise an image without an Orientation tag is copied whole.
        ImageOps.exif_transpose(image, in_place=True)
        width, height = image.size
        if keep_png:
            image = _closing(images, _png_ready(image), replaces=image)
            flat = _closing(images, _flatten(image)) if thumbnail else image  # may be `image`
            content = _encode(image, "PNG")
            if flat is not image:
                image.close()
        else:
            image = flat = _closing(images, _flatten(image), replaces=image)
            content = _encode(image, "JPEG", quality=JPEG_QUALITY, optimize=True)
        small = None
        if thumbnail:
            flat.thumbnail(THUMBNAIL_SIZE)  # after `image` was encoded: `flat` may be the same
            small = _encode(flat, "JPEG", quality=THUMBNAIL_QUALITY)
    return Prepared(
        content=content,
        extension=".png" if keep_png else ".jpg",
        content_type="image/png" if keep_png else "image/jpeg",
        width=width,
        height=height,
        thumbnail=small,
    )


def _closing(
    images: ExitStack, image: Image.Image, replaces: Image.Image | None = None
) -> Image.Image:
    """`image`, to be closed when `images` exits; the image it `replaces` is closed now, so its
    pixels are freed before the next step allocates more."""
    if image is not replaces:
        images.callback(image.close)
        if replaces is not None:
            replaces.close()
    return image


def _encode(image: Image.Image, format: str, **options) -> bytes:
    # Saving copies an ICC profile, a comment or a palette transparency from `info`: drop it all.
    image.info = {}
    output = io.BytesIO()
    image.save(output, format=format, **options)
    return output.getvalue()


def too_many_pixels() -> ValidationError:
    return file_error(
        _("The image has too many pixels: at most %(limit)s (width × height) are accepted."),
        "image_too_large",
        {"limit": number_format(settings.UPLOAD_MAX_IMAGE_PIXELS, force_grouping=True)},
    )


def _flatten(image: Image.Image) -> Image.Image:
    """`image` in RGB (itself when it already is), transparent areas on white (JPEG has no
    alpha; black would show instead)."""
    if image.has_transparency_data:
        # An RGBA image is its own mask (its alpha band): no converted copy, no extracted band.
        rgba = image if image.mode == "RGBA" else image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba)
        return background
    if image.mode == "RGB":
        return image
    return image.convert("RGB")


def _png_ready(image: Image.Image) -> Image.Image:
    """`image` in a mode PNG stores as is; a palette's transparency lives in `info`, which is
    dropped before saving, so such an image becomes RGBA."""
    if image.mode in ("1", "L", "LA", "RGB", "RGBA") or (
        image.mode == "P" and not image.has_transparency_data
    ):
        return image
    return image.convert("RGBA" if image.has_transparency_data else "RGB")
