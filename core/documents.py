"""The fixed parts of a Vietnamese administrative document, shared by the spreadsheets
(core.spreadsheets.writer) and the printable forms (awards.printouts).

The wording is Vietnamese administrative text, Vietnamese whatever the interface language, so
these are constants and not translatable messages.
"""

import datetime

# The national motto block, top right of every Vietnamese administrative document.
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")

# What a blank place or date prints: left for the signer's pen.
PLACE_BLANK = "……"
DATE_BLANK = "ngày …… tháng …… năm ……"


def issuing_body_lines(organisation) -> tuple[str, str]:
    """The two lines top left: the governing department (SỞ CÔNG THƯƠNG TỈNH …) and the
    issuing centre, upper-cased as documents print it (TRUNG TÂM KHUYẾN CÔNG …)."""
    return (organisation.department_name.strip(), organisation.center_name.strip().upper())


def signature_date_line(place: str, date: datetime.date | None) -> str:
    """`Vĩnh Long, ngày 07 tháng 12 năm 2026`; a blank place or date is left dotted."""
    place = (place or "").strip() or PLACE_BLANK
    if date is None:
        return f"{place}, {DATE_BLANK}"
    return f"{place}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"


# The table's first column (số thứ tự) and its totals row.
STT = "STT"
TOTAL = "Tổng cộng"


def tick(present: bool) -> str:
    """The official lists tick what applies with "x" and leave the rest blank."""
    return "x" if present else ""
