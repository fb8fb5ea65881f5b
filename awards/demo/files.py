"""The demo's files: product photos drawn with Pillow and minimal valid PDFs, so the dossiers
hold real images and documents that the upload service checks like any other."""

import io
import unicodedata

from PIL import Image, ImageDraw, ImageFont

from awards.demo.entries import PHOTO_COLOURS, DemoEntry
from awards.dossier import MIN_PHOTOS


def ascii_fold(text: str) -> str:
    """Vietnamese without its marks (for a font or a PDF encoding that lacks them)."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _font(size: int) -> tuple[ImageFont.ImageFont, bool]:
    """A font with Vietnamese glyphs if the system has DejaVu, else Pillow's own (ASCII)."""
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size), True
    except OSError:
        return ImageFont.load_default(size=size), False


def _wrap(text: str, font, width: int, draw: ImageDraw.ImageDraw) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


# The demo's photos: large enough for the upload service's smallest photo side
# (settings.UPLOAD_MIN_PHOTO_SIDE, 600 px by default), 4:3 like a phone's.
PHOTO_SIZE = (800, 600)


def product_photo(item: DemoEntry, number: int, year: int) -> bytes:
    """An 800×600 JPEG: a coloured background, a stylised product and its name."""
    colour = PHOTO_COLOURS[item.group][(number - 1) % 3]
    width = PHOTO_SIZE[0]
    scale = width / 640  # the drawing was laid out on 640×480

    def at(*values: float) -> tuple[int, ...]:
        return tuple(round(value * scale) for value in values)

    image = Image.new("RGB", PHOTO_SIZE, colour)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(at(170, 70, 470, 270), radius=at(40)[0], fill="#fafafa", outline="#333")
    draw.ellipse(at(250 + number * 20, 110, 370 + number * 20, 230), fill=colour)
    title_font, unicode_ok = _font(at(30)[0])
    small_font, _ok = _font(at(20)[0])

    def text(value: str) -> str:
        return value if unicode_ok else ascii_fold(value)

    y = at(300)[0]
    for line in _wrap(text(item.product), title_font, at(580)[0], draw)[:2]:
        draw.text((width // 2, y), line, font=title_font, fill="white", anchor="ma")
        y += at(40)[0]
    caption = text(f"Ảnh {number}/{MIN_PHOTOS} · Bình chọn sản phẩm CNNT tiêu biểu {year}")
    draw.text((width // 2, at(440)[0]), caption, font=small_font, fill="white", anchor="ma")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _pdf_text(value: str) -> str:
    return ascii_fold(value).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def document_pdf(title: str, lines: list[str]) -> bytes:
    """A minimal valid one-page A4 PDF (correct cross-reference table) with a few text lines.
    The standard Helvetica font has no Vietnamese marks: the text is written without them."""
    content = ["BT", "/F1 16 Tf", "56 780 Td", f"({_pdf_text(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        content += ["0 -22 Td", f"({_pdf_text(line)}) Tj"]
    content.append("ET")
    stream = "\n".join(content).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
