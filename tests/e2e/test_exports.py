"""An officer downloads the recognised-products list from the round page and the file opens."""

import io

import openpyxl
import pytest

from tests.awards.export_world import recognized_round
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_officer_downloads_the_recognised_list_from_the_round_page(
    page, log_in, console_messages, officer, judge, chair
):
    award_round = recognized_round(judge, chair)
    log_in(page, officer.username, PASSWORD)
    page.goto(f"/awards/rounds/{award_round.pk}/")

    with page.expect_download() as download:
        page.locator("#round-export-recognized").click()

    assert download.value.suggested_filename == "danh-sach-san-pham-duoc-cong-nhan-2024.xlsx"
    # The saved download has no extension, which openpyxl's path check wants: read the bytes.
    with open(download.value.path(), "rb") as stream:
        ws = openpyxl.load_workbook(io.BytesIO(stream.read())).active
    assert ws["A4"].value == "DANH SÁCH SẢN PHẨM ĐƯỢC CÔNG NHẬN"
    values = {cell.value for row in ws.iter_rows() for cell in row}
    assert {"Kẹo dừa sáp", "Cơ sở kẹo dừa Bí Mật", "01/2024/GCN"} <= values
    assert console_messages == []
