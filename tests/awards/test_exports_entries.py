"""The register of entries: every entry of the round with its state, facility and dates, by
group; the entry list page's filters give the file the page's rows; staff only."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from awards.exports.entries import EntryRegister
from awards.models import ProductGroup
from core.spreadsheets import ExportNotAllowed, registry
from tests.awards.export_files import (
    HEADER_ROW,
    queries_to_render,
    sheet_of,
    table_values,
)
from tests.awards.export_world import recognized_round
from tests.factories import EntryFactory, FacilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(judge, chair):
    award_round = recognized_round(judge, chair)
    EntryFactory(
        round=award_round,
        product_name="Chiếu cói Kim Sơn",
        product_group=ProductGroup.objects.get(code=1),
        facility=FacilityFactory(name="Hợp tác xã cói"),
        state="submitted",
        voting_code=None,
        submitted_at=timezone.make_aware(datetime.datetime(2024, 5, 2, 23, 30)),
    )
    return award_round


def _products(ws):
    """The product column of the data rows (a row with an STT number)."""
    return [row[2] for row in table_values(ws)[1:] if isinstance(row[0], int)]


def test_register_lists_every_entry_with_state_facility_and_dates(world, officer):
    exporter = EntryRegister(user=officer, subject=world)
    exporter.check_allowed()
    assert registry.get("entries") is EntryRegister
    assert exporter.file_name() == "so-dang-ky-san-pham-2024.xlsx"
    ws = sheet_of(exporter)
    assert ws["A4"].value == "SỔ ĐĂNG KÝ SẢN PHẨM THAM GIA BÌNH CHỌN"
    rows = table_values(ws)
    assert rows[0] == [
        "STT", "Mã số bình chọn", "Sản phẩm", "Cơ sở", "Địa chỉ", "Trạng thái", "Ngày đăng ký",
        "Ngày nộp", "Cập nhật lần cuối",
    ]  # fmt: skip
    assert rows[1][0] == f"I. {ProductGroup.objects.get(code=1).name}"
    # In the group: voting codes first, an entry without one last (as on the page).
    assert [row[1] for row in rows[2:4]] == ["T2024-1-002", None]
    chieu = world.entries.get(product_name="Chiếu cói Kim Sơn")
    assert rows[3][2:6] == [
        "Chiếu cói Kim Sơn",
        "Hợp tác xã cói",
        f"{chieu.facility.ward.name}, {chieu.facility.province.name}",
        "Đã nộp",
    ]
    # The local date (Asia/Ho_Chi_Minh), a real date cell.
    assert rows[3][7] == datetime.datetime(2024, 5, 2)
    assert ws.cell(row=HEADER_ROW + 3, column=8).number_format == "dd/mm/yyyy"
    registered = timezone.localdate(chieu.created_at)
    assert rows[3][6] == datetime.datetime.combine(registered, datetime.time())
    assert rows[2][5] == "Được công nhận"
    assert rows[4][0] == f"II. {ProductGroup.objects.get(code=2).name}"
    assert [row[1] for row in rows[5:7]] == ["T2024-2-001", "T2024-2-003"]
    assert ws.cell(row=HEADER_ROW + 2, column=3).data_type == "s"  # =HYPERLINK(…) stays text
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.auto_filter.ref.startswith(f"A{HEADER_ROW}:")


@pytest.mark.parametrize(
    "query",
    [
        {"state": "recognized"},
        {"group": "2"},
        {"state": "recognized", "group": "2"},
        {"search": "keo dua"},
        {"search": "coi"},
        {"state": "draft"},
        {"group": "not a number"},  # the page ignores what it cannot read; so does the file
    ],
)
def test_register_filters_on_screen_are_the_files_filters(world, officer, client, query):
    client.force_login(officer)
    page = client.get(reverse("awards:round-entries", args=[world.pk]), query)
    assert page.status_code == 200
    on_screen = [entry.product_name for entry in page.context["page_obj"]]
    in_file = _products(sheet_of(EntryRegister(user=officer, subject=world, params=query)))
    assert sorted(in_file) == sorted(on_screen)
    # The page's download link carries its filters (not the page number).
    link = page.context["export_url"]
    assert link.startswith(reverse("awards:round-export-entries", args=[world.pk]))
    if query:
        assert "?" in link
        download = client.get(link)
        assert download.status_code == 200
        buffer = io.BytesIO(b"".join(download.streaming_content))
        assert sorted(_products(openpyxl.load_workbook(buffer).active)) == sorted(on_screen)


def test_register_says_what_filter_it_cannot_read(world, officer):
    errors = EntryRegister(user=officer, subject=world, params={"state": "bogus"}).param_errors()
    assert list(errors) == ["state"]


def test_register_is_for_staff_only(world, chair, judge, applicant):
    for user in (chair, judge, applicant):
        with pytest.raises(ExportNotAllowed):
            EntryRegister(user=user, subject=world).check_allowed()


def test_register_query_count_does_not_grow_with_rows(world, officer):
    def count():
        return queries_to_render(EntryRegister(user=officer, subject=world))

    before = count()
    EntryFactory(round=world, product_group=ProductGroup.objects.get(code=3), state="draft")
    EntryFactory(round=world, product_group=ProductGroup.objects.get(code=2), state="draft")
    assert count() == before
