"""The recognised-products list: grouped by product group, typed cells, certificates, the
facilities only for staff, and who may download it."""

import datetime
import io

import openpyxl
import pytest

from awards.exports.recognized import RecognizedProducts
from awards.models import Certificate, ProductGroup
from core.spreadsheets import ExportNotAllowed, registry
from core.spreadsheets.writer import render_xlsx
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    FacilityFactory,
    PanelFactory,
    PanelMemberFactory,
    ScoreSheetFactory,
    give_scores,
)

pytestmark = pytest.mark.django_db

HEADER_ROW = 7  # two header lines, a blank, two title lines, a blank


def _entry(award_round, panel, judges, code, product, group_code, points, facility=None):
    entry = EntryFactory(
        round=award_round,
        product_name=product,
        product_group=ProductGroup.objects.get(code=group_code),
        facility=facility or FacilityFactory(),
        state="eligible",
        voting_code=code,
    )
    for judge, values in zip(judges, points, strict=True):
        give_scores(ScoreSheetFactory(panel=panel, entry=entry, judge=judge), values, submit=True)
    return entry


@pytest.fixture
def world(judge, chair):
    award_round = AwardRoundFactory(state="judging", year=2024, judges_see_identity=False)
    panel = PanelFactory(round=award_round)
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    PanelMemberFactory(panel=panel, judge=judge, role="member")
    judges = (judge, chair)
    facility = FacilityFactory(name="Cơ sở kẹo dừa Bí Mật")
    entries = {
        "T2024-2-001": _entry(
            award_round,
            panel,
            judges,
            "T2024-2-001",
            "Kẹo dừa sáp",
            2,
            ([30, 20, 15, 15], [32, 20, 16, 15]),
            facility,
        ),
        "T2024-1-002": _entry(
            award_round,
            panel,
            judges,
            "T2024-1-002",
            '=HYPERLINK("http://x","y")',
            1,
            ([30, 20, 15, 10], [30, 20, 15, 10]),
        ),
        "T2024-2-003": _entry(
            award_round,
            panel,
            judges,
            "T2024-2-003",
            "Bánh phồng",
            2,
            ([20, 10, 10, 10], [20, 10, 10, 10]),
        ),
    }
    recognised = ("T2024-2-001", "T2024-1-002")
    for sequence, code in enumerate(recognised, start=1):
        entry = entries[code]
        entry.state = "recognized"
        entry.save(update_fields=["state"])
        Certificate.objects.create(
            round=award_round,
            entry=entry,
            number=f"{sequence:02d}/2024/GCN",
            year=2024,
            sequence=sequence,
            issued_on=datetime.date(2024, 12, 1),
            valid_until=datetime.date(2027, 12, 1),
        )
    award_round.state = "finalized"
    award_round.save(update_fields=["state"])
    return award_round


def _sheet(exporter):
    buffer = io.BytesIO()
    render_xlsx(exporter, buffer)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer).active


def _values(ws):
    return [[cell.value for cell in row] for row in ws.iter_rows(min_row=HEADER_ROW)]


def test_recognized_list_groups_products_with_scores_and_certificates(world, officer):
    exporter = RecognizedProducts(user=officer, subject=world)
    exporter.check_allowed()
    assert registry.get("recognized") is RecognizedProducts
    assert exporter.file_name() == "danh-sach-san-pham-duoc-cong-nhan-2024.xlsx"
    ws = _sheet(exporter)
    assert ws["A4"].value == "DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN"
    assert ws["A5"].value == f"{world.title} (năm 2024)"
    rows = _values(ws)
    assert rows[0] == [
        "STT", "Mã số bình chọn", "Sản phẩm", "Cơ sở", "Địa chỉ", "Điểm", "Số giấy chứng nhận",
        "Có giá trị đến",
    ]  # fmt: skip
    group1 = str(ProductGroup.objects.get(code=1).name)
    group2 = str(ProductGroup.objects.get(code=2).name)
    other = world.entries.get(voting_code="T2024-1-002").facility
    mine = world.entries.get(voting_code="T2024-2-001").facility
    assert rows[1][0] == f"I. {group1}"
    assert rows[2] == [
        1, "T2024-1-002", '=HYPERLINK("http://x","y")', other.name,
        f"{other.ward.name}, {other.province.name}", 75, "02/2024/GCN",
        datetime.datetime(2027, 12, 1),
    ]  # fmt: skip
    assert rows[3][0] == f"II. {group2}"
    assert rows[4] == [
        2, "T2024-2-001", "Kẹo dừa sáp", "Cơ sở kẹo dừa Bí Mật",
        f"{mine.ward.name}, {mine.province.name}", 81.5, "01/2024/GCN",
        datetime.datetime(2027, 12, 1),
    ]  # fmt: skip
    assert ws.cell(row=HEADER_ROW + 4, column=6).number_format == "0.0"
    assert ws.cell(row=HEADER_ROW + 4, column=8).number_format == "dd/mm/yyyy"
    product = ws.cell(row=HEADER_ROW + 2, column=3)
    assert product.data_type == "s"
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    # Not recognised: left out.
    assert "T2024-2-003" not in {value for row in rows for value in row}


def test_recognized_list_for_a_blind_rounds_chair_names_no_facility(world, chair):
    exporter = RecognizedProducts(user=chair, subject=world)
    exporter.check_allowed()
    ws = _sheet(exporter)
    text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    assert "Bí Mật" not in text
    for entry in world.entries.select_related("facility__ward", "facility__province"):
        assert entry.facility.name not in text
        assert entry.facility.ward.name not in text
    assert _values(ws)[0] == [
        "STT",
        "Mã số bình chọn",
        "Sản phẩm",
        "Điểm",
        "Số giấy chứng nhận",
        "Có giá trị đến",
    ]


def test_recognized_list_refused_to_judges_applicants_and_anonymous(
    world, judge, applicant, other_judge
):
    from django.contrib.auth.models import AnonymousUser

    for user in (judge, other_judge, applicant, AnonymousUser()):
        with pytest.raises(ExportNotAllowed):
            RecognizedProducts(user=user, subject=world).check_allowed()


def test_recognized_list_query_count_does_not_grow_with_rows(world, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            _sheet(RecognizedProducts(user=officer, subject=world))
        return len(queries)

    before = count()
    entry = world.entries.get(voting_code="T2024-2-003")
    entry.state = "recognized"
    entry.save(update_fields=["state"])
    assert count() == before
