"""The printable Mẫu 01 and Mẫu 02 (awards.printouts): the .docx opened with python-docx, and the
print page, hold the facility's and the product's data; empty fields are dotted lines; only
those who may see the entry get them."""

import datetime
import io
import re

import docx
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from docx.enum.text import WD_ALIGN_PARAGRAPH

from applicants.models import LegalForm
from awards.models import DESCRIPTION, Entry
from awards.printouts import build
from awards.printouts.common import DOTS, DOTTED_LINE, MOTTO
from awards.printouts.word import CONTENT_TYPE
from tests.factories import EntryFactory, FacilityFactory, FacilityMemberFactory, ward_in

FORMS = ("mau-01", "mau-02")


def docx_text(content: bytes) -> list[str]:
    """Every paragraph of the document, in the body and in its tables, in order."""
    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for cell in table._cells:
            lines += [p.text for p in cell.paragraphs]
    return lines


def download(client, code: str, entry: Entry):
    return client.get(reverse(f"awards:entry-{code}-docx", args=[entry.pk]))


def page(client, code: str, entry: Entry):
    return client.get(reverse(f"awards:entry-{code}", args=[entry.pk]))


def vietnamese_label(name: str) -> str:
    with translation.override("vi"):
        label = str(Entry._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


@pytest.fixture
def full_entry(award_round, applicant):
    """A facility with every field filled, long Vietnamese texts and line breaks."""
    facility = FacilityFactory(
        name="Cơ sở sản xuất kẹo dừa Thanh Long – Hợp tác xã Chợ Lách",
        legal_form=LegalForm.COOPERATIVE,
        business_registration_number="55A8001234",
        business_registration_date=datetime.date(2015, 3, 9),
        representative_name="Nguyễn Thị Ánh Tuyết",
        representative_title="Chủ nhiệm hợp tác xã",
        phone="02703822123",
        email="keodua@example.vn",
        address_line="Số 12, ấp Phú Thạnh",
        founded_year=2008,
        workers=1250,
        sector="Chế biến thực phẩm",
        craft_village="Làng nghề kẹo dừa Mỏ Cày",
    )
    FacilityMemberFactory(facility=facility, user=applicant)
    return EntryFactory(
        round=award_round,
        facility=facility,
        product_name="Kẹo dừa sầu riêng lá dứa",
        is_product_set=True,
        features="Dòng một: kẹo dẻo, thơm.\nDòng hai: hộp 400 g, " + "rất dài " * 400,
        materials="Dừa khô Bến Tre, đường mía, mạch nha.",
        production_process="Nấu thủ công trên bếp củi.\n\nĐóng gói bằng máy, 2 tấn/tháng.",
        markets="Trong tỉnh, TP Hồ Chí Minh, xuất khẩu Trung Quốc.",
        price="35.000 đ/hộp",
        quality_standards="TCCS 01:2020/KDTL; HACCP",
        awards_received="",
    )


# ---- The .docx ---------------------------------------------------------------------------------


def test_mau01_docx_holds_the_facility_and_the_product(client_as, applicant, full_entry):
    response = download(client_as(applicant), "mau-01", full_entry)

    assert response.status_code == 200
    lines = docx_text(response.content)
    facility = full_entry.facility
    assert MOTTO[0] in lines
    assert MOTTO[1] in lines
    assert "Mẫu 01" in lines
    assert "PHIẾU ĐĂNG KÝ THAM GIA BÌNH CHỌN SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU" in lines
    assert "Cấp tỉnh năm 2026" in lines
    assert f"1. Tên cơ sở công nghiệp nông thôn: {facility.name}" in lines
    assert "2. Loại hình: Hợp tác xã" in lines
    assert f"3. Mã số thuế: {facility.tax_code}" in lines
    assert "4. Giấy chứng nhận đăng ký kinh doanh số: 55A8001234, cấp ngày 09/03/2015" in lines
    assert f"5. Địa chỉ: Số 12, ấp Phú Thạnh, {facility.ward.name}, Tỉnh Vĩnh Long" in lines
    assert "6. Điện thoại: 0270 3822 123" in lines
    assert "8. Người đại diện theo pháp luật: Nguyễn Thị Ánh Tuyết" in lines
    assert "9. Chức vụ: Chủ nhiệm hợp tác xã" in lines
    assert "10. Năm thành lập: 2008" in lines
    assert "11. Số lao động: 1.250" in lines
    assert "13. Làng nghề: Làng nghề kẹo dừa Mỏ Cày" in lines
    assert (
        "14. Tên sản phẩm đăng ký tham gia bình chọn: Kẹo dừa sầu riêng lá dứa (bộ sản phẩm)"
        in lines
    )
    assert "15. Nhóm sản phẩm: Chế biến nông, lâm, thủy sản và thực phẩm" in lines
    # Sent to the round's council and organiser; signed by the representative.
    assert "- Hội đồng bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm 2026;" in (
        lines
    )
    assert "- Sở Công Thương tỉnh Vĩnh Long." in lines
    assert "Vĩnh Long, ngày …… tháng …… năm ……" in lines
    assert "ĐẠI DIỆN CƠ SỞ" in lines
    assert lines[-1] == "Nguyễn Thị Ánh Tuyết"
    assert not any("None" in line for line in lines)


def test_mau01_docx_lists_the_documents_of_the_level(client_as, applicant, full_entry):
    lines = docx_text(download(client_as(applicant), "mau-01", full_entry).content)

    start = lines.index("Hồ sơ kèm theo:")
    assert lines[start + 1 : start + 5] == [
        "- Bản thuyết minh sản phẩm (Mẫu 02).",
        "- Bản sao giấy chứng nhận đăng ký kinh doanh.",
        "- Ảnh màu của sản phẩm (tối thiểu 03 ảnh).",
        "- Các giấy chứng nhận chất lượng, an toàn thực phẩm, giải thưởng (nếu có).",
    ]


def test_mau02_docx_holds_the_description_in_the_order_of_the_form(
    client_as, applicant, full_entry
):
    lines = docx_text(download(client_as(applicant), "mau-02", full_entry).content)

    assert "BẢN THUYẾT MINH SẢN PHẨM" in lines
    assert MOTTO[0] in lines
    assert "1. Tên sản phẩm: Kẹo dừa sầu riêng lá dứa" in lines
    assert "2. Nhóm sản phẩm: Chế biến nông, lâm, thủy sản và thực phẩm" in lines
    assert "3. Sản phẩm đơn lẻ hay bộ sản phẩm: Bộ sản phẩm" in lines
    assert f"4. Cơ sở sản xuất: {full_entry.facility.name}" in lines
    # Each field of DESCRIPTION, numbered from 7, its text split into paragraphs as typed.
    labels = [(7 + index, vietnamese_label(field.name)) for index, field in enumerate(DESCRIPTION)]
    headings = [line for line in lines if re.match(r"^\d+\. ", line)][6:]
    assert [h.split(":")[0] for h in headings] == [f"{n}. {label}" for n, label in labels]
    features = lines.index(f"7. {vietnamese_label('features')}: ")
    assert lines[features + 1] == "Dòng một: kẹo dẻo, thơm."
    assert lines[features + 2].startswith("Dòng hai: hộp 400 g, rất dài")
    assert len(lines[features + 2]) > 3000
    process = lines.index(f"9. {vietnamese_label('production_process')}: ")
    assert lines[process + 1 : process + 3] == [
        "Nấu thủ công trên bếp củi.",
        "Đóng gói bằng máy, 2 tấn/tháng.",
    ]
    assert f"11. {vietnamese_label('price')}: 35.000 đ/hộp" in lines
    assert lines[-1] == "Nguyễn Thị Ánh Tuyết"


def test_empty_fields_print_as_dotted_lines(client_as, applicant, facility, award_round):
    facility.email = ""
    facility.founded_year = None
    facility.workers = None
    facility.save()
    entry = EntryFactory(
        round=award_round, facility=facility, features="", price="", awards_received=""
    )
    client = client_as(applicant)

    mau01 = docx_text(download(client, "mau-01", entry).content)
    mau02 = docx_text(download(client, "mau-02", entry).content)

    assert f"4. Giấy chứng nhận đăng ký kinh doanh số: {DOTS}" in mau01
    assert f"7. Email: {DOTS}" in mau01
    assert f"10. Năm thành lập: {DOTS}" in mau01
    assert f"11. Số lao động: {DOTS}" in mau01
    features = mau02.index(f"7. {vietnamese_label('features')}: ")
    assert mau02[features + 1 : features + 4] == [DOTTED_LINE] * 3
    assert f"11. {vietnamese_label('price')}: {DOTS}" in mau02
    assert not any("None" in line for line in mau01 + mau02)


def test_docx_is_vietnamese_whatever_the_interface_language(client_as, applicant, full_entry):
    client = client_as(applicant)
    client.cookies["django_language"] = "en"

    lines = docx_text(download(client, "mau-02", full_entry).content)

    assert f"7. {vietnamese_label('features')}: " in lines
    assert "7. Features and technical specifications: " not in lines


def test_docx_layout_a4_times_new_roman(client_as, applicant, entry):
    document = docx.Document(io.BytesIO(download(client_as(applicant), "mau-01", entry).content))

    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30
    assert round(section.right_margin.mm) == 15
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 13
    title = next(p for p in document.paragraphs if p.text.startswith("PHIẾU ĐĂNG KÝ"))
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [(run.bold, run.font.size.pt) for run in title.runs] == [(True, 14)]
    # The writer top left, the motto top right, side by side.
    header = document.tables[0].rows[0].cells
    assert [p.text for p in header[1].paragraphs][:2] == list(MOTTO)
    assert header[0].paragraphs[0].text == entry.facility.name


# ---- The download's headers --------------------------------------------------------------------


@pytest.mark.parametrize("code", FORMS)
def test_docx_download_headers_name_the_entry(code, client_as, applicant, entry):
    response = download(client_as(applicant), code, entry)

    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"] == f'attachment; filename="{code}-ho-so-{entry.pk}.docx"'
    assert response["Cache-Control"] == "private, no-store"


def test_docx_file_name_uses_the_voting_code(client_as, officer, award_round, facility):
    entry = EntryFactory(round=award_round, facility=facility, state="eligible")

    response = download(client_as(officer), "mau-01", entry)

    assert entry.voting_code.startswith("T2026-2-")
    expected = f'attachment; filename="mau-01-{entry.voting_code}.docx"'
    assert response["Content-Disposition"] == expected
    assert response["Content-Disposition"].isascii()


# ---- The print page ----------------------------------------------------------------------------


def test_print_page_shows_the_same_data_as_the_docx(client_as, applicant, full_entry):
    response = page(client_as(applicant), "mau-01", full_entry)

    assert response.status_code == 200
    assert [t.name for t in response.templates][:2] == [
        "awards/print_form.html",
        "awards/print_base.html",
    ]
    html = response.content.decode()
    facility = full_entry.facility
    for text in (
        MOTTO[0],
        MOTTO[1],
        "PHIẾU ĐĂNG KÝ THAM GIA BÌNH CHỌN SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU",
        f"{facility.tax_code}",
        "Nguyễn Thị Ánh Tuyết",
        "Kẹo dừa sầu riêng lá dứa (bộ sản phẩm)",
        "Chế biến nông, lâm, thủy sản và thực phẩm",
        "Vĩnh Long, ngày …… tháng …… năm ……",
        "ĐẠI DIỆN CƠ SỞ",
    ):
        assert text in html
    # No site navigation on the sheet; the print stylesheet and script come from files.
    assert 'class="navbar' not in html
    assert "/static/css/print.css" in html
    assert "/static/js/print.js" in html
    assert "<style" not in html
    assert " style=" not in html
    assert reverse("awards:entry-mau-01-docx", args=[full_entry.pk]) in html
    assert reverse("awards:entry-detail", args=[full_entry.pk]) in html


@pytest.mark.parametrize("code", FORMS)
def test_print_page_prints_every_line_of_the_form(code, client_as, applicant, full_entry):
    html = page(client_as(applicant), code, full_entry).content.decode()

    printout = build(code, full_entry)
    for section, items in printout.numbered():
        assert escape(section.heading) in html
        for number, item in items:
            assert f"{number}. {escape(item.label)}:" in html
            for line in item.lines:
                assert escape(line) in html
    for line in (*printout.addressees, *printout.enclosures, printout.signer.name):
        assert escape(line) in html


def test_print_page_of_mau02_shows_the_description(client_as, applicant, full_entry):
    html = page(client_as(applicant), "mau-02", full_entry).content.decode()

    assert "BẢN THUYẾT MINH SẢN PHẨM" in html
    assert "Dòng một: kẹo dẻo, thơm." in html
    assert "Đóng gói bằng máy, 2 tấn/tháng." in html
    assert "TCCS 01:2020/KDTL; HACCP" in html
    assert f'<p class="doc-text doc-blank">{DOTTED_LINE}</p>' in html  # awards_received
    assert "None" not in html


def test_print_page_escapes_what_the_facility_typed(client_as, applicant, facility, award_round):
    entry = EntryFactory(round=award_round, facility=facility, product_name="Kẹo <b>dừa</b> & mè")

    html = page(client_as(applicant), "mau-02", entry).content.decode()

    assert "Kẹo &lt;b&gt;dừa&lt;/b&gt; &amp; mè" in html
    assert "<b>dừa</b>" not in html


# ---- Who gets them -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", FORMS)
def test_forms_only_for_the_facility_and_staff(code, personas, client_as, entry):
    # Another facility's member and a judge (who sees entries by voting code only) get 404.
    expected = {"applicant": 200, "other_applicant": 404, "judge": 404, "officer": 200}
    expected |= {"manager": 200, "admin": 200}
    answers = {}
    for persona in expected:
        client = client_as(personas[persona])
        answers[persona] = {page(client, code, entry).status_code}
        answers[persona].add(download(client, code, entry).status_code)

    assert answers == {persona: {status} for persona, status in expected.items()}


@pytest.mark.parametrize("code", FORMS)
def test_forms_ask_an_anonymous_visitor_to_sign_in(code, client, entry):
    for url_name in (f"awards:entry-{code}", f"awards:entry-{code}-docx"):
        url = reverse(url_name, args=[entry.pk])
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("login") + "?next=" + url


def test_forms_of_a_missing_entry_not_found(client_as, applicant, facility):
    assert client_as(applicant).get("/awards/entries/999999/mau-01.docx").status_code == 404
    assert client_as(applicant).get("/awards/entries/abc/mau-01/").status_code == 404


def test_forms_answer_only_get(client_as, applicant, entry):
    url = reverse("awards:entry-mau-02-docx", args=[entry.pk])

    assert client_as(applicant).post(url).status_code == 405


# ---- The entry's page links them ---------------------------------------------------------------


def test_entry_page_explains_and_links_the_forms(client_as, applicant, entry):
    html = client_as(applicant).get(reverse("awards:entry-detail", args=[entry.pk])).content
    html = html.decode()

    assert 'id="printable-forms"' in html
    assert "Không cần gõ lại" in html
    for name in ("entry-mau-01", "entry-mau-01-docx", "entry-mau-02", "entry-mau-02-docx"):
        assert reverse(f"awards:{name}", args=[entry.pk]) in html


def test_staff_reading_a_dossier_see_the_forms_a_member_of_a_submitted_one_does_not(
    client_as, applicant, officer, entry
):
    entry.state = Entry.State.SUBMITTED
    entry.save(update_fields=["state"])
    url = reverse("awards:entry-detail", args=[entry.pk])
    staff_html = client_as(officer).get(url).content.decode()
    member_html = client_as(applicant).get(url).content.decode()

    assert reverse("awards:entry-mau-01", args=[entry.pk]) in staff_html
    assert "Không cần gõ lại" not in staff_html
    assert 'id="printable-forms"' not in member_html


def test_a_second_facility_of_the_member_gets_its_own_data(client_as, applicant, award_round):
    first = FacilityMemberFactory(user=applicant).facility
    second = FacilityFactory(name="Cơ sở bánh phồng Sơn Đốc", ward=ward_in("86"))
    FacilityMemberFactory(user=applicant, facility=second)
    entry = EntryFactory(round=award_round, facility=second)

    lines = docx_text(download(client_as(applicant), "mau-01", entry).content)

    assert "1. Tên cơ sở công nghiệp nông thôn: Cơ sở bánh phồng Sơn Đốc" in lines
    assert not any(first.name in line for line in lines)


def test_a_character_xml_cannot_hold_is_left_out_of_the_docx(client_as, applicant, entry):
    # A form stores U+FFFE as sent (it is not a control character); Word files cannot hold it.
    Entry.objects.filter(pk=entry.pk).update(features="Kẹo\ufffe dừa\uffff")

    response = download(client_as(applicant), "mau-02", entry)

    assert response.status_code == 200
    assert "Kẹo dừa" in docx_text(response.content)
