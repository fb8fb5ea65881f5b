"""Mẫu 01: the registration form (phiếu đăng ký tham gia bình chọn sản phẩm công nghiệp nông
thôn tiêu biểu), filled from the facility's profile and the entry.

What was verified and what was not (the official annex could not be read here):
- verified: the dossier opens with "Phiếu đăng ký tham gia bình chọn sản phẩm của cơ sở công
  nghiệp nông thôn" with a copy of the business registration, the description (Mẫu 02) with at
  least 03 colour photos, and the other documents if any (TT 14/2018/TT-BCT, amending the
  dossier of TT 26/2014); it is sent to the round's council (Hội đồng bình chọn); higher
  levels add the lower level's decision and certificate (awards.dossier). The motto block and
  the "…, ngày … tháng … năm …" line are the layout of every Vietnamese administrative document.
- not verified: the wording and order of the numbered items, the addressee lines and the
  signature note. They are worded plainly from the data we hold; no undertaking or other legal
  sentence is made up. Replace them with the annex's wording once it is at hand.
"""

from django.utils.text import capfirst

from awards import dossier
from awards.models import Attachment, Entry
from awards.printouts.common import Item, Printout, Section, frame, round_phrase, text
from core.formatting import format_date, format_number, format_phone


def _business_registration(facility) -> str:
    parts = [text(facility.business_registration_number)]
    if facility.business_registration_date:
        parts.append(f"cấp ngày {format_date(facility.business_registration_date)}")
    return ", ".join(part for part in parts if part)


def _enclosures(entry: Entry) -> tuple[str, ...]:
    """The documents the dossier check asks of this level (awards.dossier), this form aside."""
    kinds = [
        kind
        for kind in dossier.required_documents(entry.round.level)
        if kind != Attachment.Kind.REGISTRATION_FORM
    ]
    lines = [str(Attachment.Kind(kind).label) for kind in kinds]
    lines.append(f"Ảnh màu của sản phẩm (tối thiểu {dossier.MIN_PHOTOS:02d} ảnh)")
    lines.append("Các giấy chứng nhận chất lượng, an toàn thực phẩm, giải thưởng (nếu có)")
    return tuple(lines)


def build(entry: Entry) -> Printout:
    facility = entry.facility
    product = text(entry.product_name)
    if entry.is_product_set:
        product += " (bộ sản phẩm)"
    workers = format_number(facility.workers) if facility.workers is not None else ""
    about_facility = (
        Item("Tên cơ sở công nghiệp nông thôn", text(facility.name)),
        Item("Loại hình", text(facility.get_legal_form_display())),
        Item("Mã số thuế", text(facility.tax_code)),
        Item("Giấy chứng nhận đăng ký kinh doanh số", _business_registration(facility)),
        Item("Địa chỉ", text(facility.full_address)),
        Item("Điện thoại", text(format_phone(facility.phone))),
        Item("Email", text(facility.email)),
        Item("Người đại diện theo pháp luật", text(facility.representative_name)),
        Item("Chức vụ", text(facility.representative_title)),
        Item("Năm thành lập", text(facility.founded_year)),
        Item("Số lao động", workers),
        Item("Ngành nghề sản xuất, kinh doanh", text(facility.sector)),
        Item("Làng nghề", text(facility.craft_village)),
    )
    about_product = (
        Item("Tên sản phẩm đăng ký tham gia bình chọn", product),
        Item("Nhóm sản phẩm", text(entry.product_group.name)),
    )
    phrase = round_phrase(entry)
    return Printout(
        number="Mẫu 01",
        title="PHIẾU ĐĂNG KÝ THAM GIA BÌNH CHỌN SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU",
        subtitle=capfirst(phrase),
        addressees=(
            f"Hội đồng bình chọn sản phẩm công nghiệp nông thôn tiêu biểu {phrase}",
            text(entry.round.organiser_name),
        ),
        sections=(
            Section("I. THÔNG TIN VỀ CƠ SỞ", about_facility),
            Section("II. SẢN PHẨM ĐĂNG KÝ THAM GIA BÌNH CHỌN", about_product),
        ),
        enclosures_heading="Hồ sơ kèm theo:",
        enclosures=_enclosures(entry),
        **frame(entry),
    )
