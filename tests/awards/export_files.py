"""Reading back what an exporter writes, for the tests of the official lists: the workbook as
openpyxl opens it, a table's values from its header row down, all its text, and how many
queries rendering it takes."""

import io

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.spreadsheets.writer import render_xlsx

# Two header lines, a blank, two title lines, a blank: a list's table starts on row 7.
HEADER_ROW = 7


def workbook_of(exporter, progress=None):
    buffer = io.BytesIO()
    render_xlsx(exporter, buffer, progress)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def sheet_of(exporter):
    return workbook_of(exporter).active


def table_values(ws, header_row: int = HEADER_ROW) -> list[list]:
    return [[cell.value for cell in row] for row in ws.iter_rows(min_row=header_row)]


def text_of(*worksheets) -> str:
    return " ".join(
        str(cell.value)
        for ws in worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    )


def queries_to_render(exporter) -> int:
    with CaptureQueriesContext(connection) as queries:
        workbook_of(exporter)
    return len(queries)
