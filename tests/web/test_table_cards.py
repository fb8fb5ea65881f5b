"""Tables of the list pages carry the cards pattern: class table-cards, and on each cell a
data-label equal to its column's header (shown above the value on phones)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import EntryFactory, FacilityFactory


class _Tables(HTMLParser):
    """Every <table class="… table-cards …">: its header texts and each row's cells' labels."""

    def __init__(self):
        super().__init__()
        self.tables, self._table, self._in = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "table-cards" in (attrs.get("class") or "").split():
            self._table = {"id": attrs.get("id"), "headers": [], "rows": []}
        elif self._table is None:
            return
        elif tag == "th" and self._in == "thead":
            self._table["headers"].append("")
        elif tag in ("thead", "tbody"):
            self._in = tag
        elif tag == "tr" and self._in == "tbody":
            self._table["rows"].append([])
        elif tag == "td" and self._in == "tbody":
            self._table["rows"][-1].append(attrs.get("data-label"))

    def handle_endtag(self, tag):
        if tag == "table" and self._table is not None:
            self.tables.append(self._table)
            self._table, self._in = None, None

    def handle_data(self, data):
        if self._table is not None and self._in == "thead" and self._table["headers"]:
            self._table["headers"][-1] += data.strip()


def card_tables(html: str) -> list[dict]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


@pytest.mark.parametrize(
    ("persona", "url_name"),
    [
        ("officer", "applicants:list"),
        ("officer", "awards:round-list"),
        ("officer", "awards:template-list"),
        ("applicant", "awards:my-entries"),
    ],
)
def test_list_tables_label_every_cell_with_its_header(
    persona, url_name, personas, client_as, facility
):
    EntryFactory(facility=facility)
    FacilityFactory()

    response = client_as(personas[persona]).get(reverse(url_name))

    assert response.status_code == 200
    tables = card_tables(response.text)
    assert len(tables) == 1
    (table,) = tables
    assert table["rows"]
    for row in table["rows"]:
        assert len(row) == len(table["headers"])
        # The first cell is the card's title; the others are labelled with their header
        # (an actions column has a visually hidden header and no label).
        assert row[0] is None
        for label, header in zip(row[1:], table["headers"][1:], strict=True):
            assert label in (header, None)
            assert label is not None or header in ("Thao tác", "")


def test_facility_history_is_a_card_table(client_as, officer, facility):
    from applicants.services import update_facility

    update_facility(actor=officer, facility=facility, data={"representative_name": "Lê Văn Tám"})

    response = client_as(officer).get(reverse("applicants:detail", args=[facility.pk]))

    (table,) = card_tables(response.text)
    assert table["headers"] == ["Thời gian", "Người thực hiện", "Thao tác", "Thông tin"]
    assert table["rows"][0] == [None, "Người thực hiện", "Thao tác", "Thông tin"]


def test_round_entries_table_is_a_card_table(client_as, officer, facility):
    """The screening list: the selection box, the product (the card's title) and the action
    carry no label; every other cell carries its column's header."""
    entry = EntryFactory(facility=facility)

    response = client_as(officer).get(reverse("awards:round-entries", args=[entry.round.pk]))

    assert response.status_code == 200
    (table,) = [t for t in card_tables(response.text) if t["id"] == "entry-table"]
    (row,) = table["rows"]
    assert len(row) == len(table["headers"])
    labelled = {header for label, header in zip(row, table["headers"], strict=True) if label}
    assert labelled == {
        "Mã số bình chọn",
        "Cơ sở",
        "Tỉnh/thành phố",
        "Nhóm sản phẩm",
        "Trạng thái",
        "Đã nộp",
    }
    for label, header in zip(row, table["headers"], strict=True):
        assert label in (header, None)
