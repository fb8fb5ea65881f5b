"""The recognition decision and certificate of a recognised entry, as small Word documents:
attached to the entry made for it in the next-level round (a regional dossier needs the
provincial recognition decision and a valid provincial certificate, domain.md §4).

They restate what the system recorded (the decision's number and date, the certificate's number
and validity); the signed originals stay the organiser's. Vietnamese administrative text,
constants as in the other printouts."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from awards.models import Certificate, Entry
from awards.printouts.common import MOTTO
from core.models import Organisation

FONT = "Times New Roman"


def _document(title: str, lines: list[str]) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    organisation = Organisation.current()
    for text in (organisation.province_name, organisation.department_name):
        if text:
            document.add_paragraph(text.upper()).runs[0].bold = True
    for text in MOTTO:
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.runs[0].bold = True
    heading = document.add_paragraph(title)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.runs[0].bold = True
    heading.runs[0].font.size = Pt(14)
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _date(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def decision_docx(entry: Entry) -> bytes:
    """The round's recognition decision as it concerns this entry."""
    award_round = entry.round
    return _document(
        "QUYẾT ĐỊNH CÔNG NHẬN SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU",
        [
            f"Số quyết định: {award_round.decision_number}",
            f"Ngày quyết định: {_date(award_round.decision_date)}",
            f"Đợt bình chọn: {award_round.title}",
            f"Cấp: {award_round.get_level_display()} năm {award_round.year}",
            f"Sản phẩm: {entry.product_name}",
            f"Mã số bình chọn: {entry.voting_code or ''}",
            f"Nhóm sản phẩm: {entry.product_group.name}",
            f"Cơ sở: {entry.facility.name}",
            "Bản sao thông tin quyết định do hệ thống ghi nhận; bản gốc có chữ ký và dấu do "
            "cơ quan ban hành lưu giữ.",
        ],
    )


def certificate_docx(certificate: Certificate) -> bytes:
    entry = certificate.entry
    return _document(
        "GIẤY CHỨNG NHẬN SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU",
        [
            f"Số: {certificate.number}",
            f"Sản phẩm: {entry.product_name}",
            f"Cơ sở: {entry.facility.name}",
            f"Đợt bình chọn: {entry.round.title}",
            f"Ngày cấp: {_date(certificate.issued_on)}",
            f"Có giá trị đến ngày: {_date(certificate.valid_until)}",
            "Bản sao thông tin giấy chứng nhận do hệ thống ghi nhận.",
        ],
    )
