"""Mẫu 02: the product description (bản thuyết minh, mô tả giới thiệu về sản phẩm đăng ký bình
chọn), filled from the entry.

Verified: TT 14/2018/TT-BCT names it "Bản thuyết minh, mô tả giới thiệu về sản phẩm đăng ký bình
chọn kèm theo tối thiểu 03 ảnh màu, cỡ 10 x 15 cm". Not verified: the annex's own headings. The
description's items are the fields of awards.models.DESCRIPTION (declared once, in the order of
the form), under their Vietnamese labels; the general part is worded plainly from the data.
"""

from django.db import models
from django.utils.text import capfirst

from awards import dossier
from awards.models import DESCRIPTION, Entry
from awards.printouts.common import Item, Printout, Section, frame, round_phrase, text
from core.formatting import format_phone


def _description(entry: Entry) -> tuple[Item, ...]:
    items = []
    for declared in DESCRIPTION:
        field = Entry._meta.get_field(declared.name)
        items.append(
            Item(
                capfirst(str(field.verbose_name)),
                text(getattr(entry, declared.name)),
                long=isinstance(field, models.TextField),
            )
        )
    return tuple(items)


def build(entry: Entry) -> Printout:
    facility = entry.facility
    general = (
        Item("Tên sản phẩm", text(entry.product_name)),
        Item("Nhóm sản phẩm", text(entry.product_group.name)),
        Item(
            "Sản phẩm đơn lẻ hay bộ sản phẩm",
            "Bộ sản phẩm" if entry.is_product_set else "Sản phẩm đơn lẻ",
        ),
        Item("Cơ sở sản xuất", text(facility.name)),
        Item("Địa chỉ", text(facility.full_address)),
        Item("Điện thoại", text(format_phone(facility.phone))),
    )
    return Printout(
        number="Mẫu 02",
        title="BẢN THUYẾT MINH SẢN PHẨM",
        subtitle=(
            "Đăng ký tham gia bình chọn sản phẩm công nghiệp nông thôn tiêu biểu "
            + round_phrase(entry)
        ),
        addressees=(),
        sections=(
            Section("I. THÔNG TIN CHUNG", general),
            Section("II. THUYẾT MINH, MÔ TẢ SẢN PHẨM", _description(entry)),
        ),
        enclosures_heading="Kèm theo:",
        enclosures=(
            f"Tối thiểu {dossier.MIN_PHOTOS:02d} ảnh màu, cỡ 10 x 15 cm, của sản phẩm "
            "chụp ở các góc độ khác nhau",
        ),
        **frame(entry),
    )
