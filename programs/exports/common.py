"""What every list of an extension plan shares: the plan as subject, its year and fund in the
title and file name, who may download it (the centre's staff only: the lists name facilities
and money), and the sheet the lists are laid out on.

The lists are workbooks rather than plain tables: each group (an activity, a project, a
proposal) ends with rows of its own (its totals, its allowed support, what remains to pay),
which the writer's one-table layout has no place for. They are built from the writer's
building blocks, so they look like every other official list.
"""

from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from core.documents import STT
from core.roles import is_staff_role
from core.spreadsheets import Column, ExportNotAllowed, Kind, WorkbookExporter
from core.spreadsheets.cells import NUMBER_FORMATS
from core.spreadsheets.writer import DEFAULT_WIDTHS, STT_WIDTH, DocumentSheet, Styles
from programs.models import FUNDED, PENDING, Plan, Proposal

# What a plan's lists hold: the proposals put to the plan and not (yet) turned down. Drafts are
# the facility's own; rejected and cancelled proposals are not part of the plan.
LISTED = (*PENDING, *FUNDED)


def listed_proposals(plan: Plan) -> QuerySet[Proposal]:
    return Proposal.objects.filter(plan=plan, state__in=LISTED)


def beneficiary_names(proposal: Proposal) -> str:
    """The beneficiaries' names (prefetched), in name order."""
    return "; ".join(sorted(f.name for f in proposal.beneficiaries.all()))


class PlanSheet(DocumentSheet):
    """A plan's list: STT, the columns, groups under Roman numerals ended by rows of their own.
    Row 7 is the table's header, as on every list of two title lines."""

    def __init__(self, book, exporter: "PlanExporter", columns: Sequence[Column]):
        self.columns = list(columns)
        self.kinds = [Kind.INTEGER, *(c.kind for c in self.columns)]
        self.wraps = [False, *(c.wrap for c in self.columns)]
        widths = [STT_WIDTH, *(c.width or DEFAULT_WIDTHS[c.kind] for c in self.columns)]
        titles = exporter.title_lines()
        self.header_row = 3 + len(titles) + 1 + 1
        super().__init__(
            book,
            str(exporter.verbose_name),
            widths,
            styles=Styles(),
            freeze_at=f"C{self.header_row + 1}",
        )
        self.document_header()
        self.title(titles)
        self.table_header([STT, *(c.title for c in self.columns)])

    def data_row(self, number: int | None, values: Sequence) -> int:
        return self.row([number, *values], self.kinds, self.wraps)

    def summary_row(self, label: str, values: dict[str, object]) -> int:
        """A bold row: `label` in the first column after STT, `values` by column key."""
        kinds = [Kind.TEXT, *(c.kind for c in self.columns)]
        row = [None] + [values.get(c.key) for c in self.columns]
        first_text = next(i for i, c in enumerate(self.columns, start=1) if c.kind is Kind.TEXT)
        row[first_text] = label
        return self.row(row, kinds, bold=True)

    def sum_of_rows(self, label: str, rows: Sequence[int]) -> int:
        """`label` and, under each total column, the sum of the cells of `rows` (the groups'
        totals rows) as a formula: the overall total adds the groups' totals, never the data
        twice."""
        s = self.styles
        cells = [self._cell(label, s.bold, s.centre, s.border)]
        for index, column in enumerate(self.columns, start=2):
            if not column.total:
                cells.append(self._cell(None, s.bold, None, s.border))
                continue
            letter = get_column_letter(index)
            formula = "=" + "+".join(f"{letter}{row}" for row in rows) if rows else 0
            cells.append(
                self._cell(
                    formula,
                    s.bold,
                    s.right,
                    s.border,
                    number_format=NUMBER_FORMATS[column.kind],
                    formula=True,
                )
            )
        return self._append(cells)

    def group_totals(self, label: str, first_row: int, last_row: int) -> int:
        return self.totals(
            label, first_row, last_row, self.kinds, [False, *(c.total for c in self.columns)]
        )

    def close(self, exporter: "PlanExporter") -> None:
        self.signature(exporter.signature())
        self.finish(print_title_row=self.header_row)


class PlanExporter(WorkbookExporter):
    """For exporters whose subject is a Plan."""

    subject_model = Plan
    subject: Plan

    @property
    def plan(self) -> Plan:
        return self.subject

    def check_allowed(self) -> None:
        if not is_staff_role(self.user):
            raise ExportNotAllowed

    def year(self) -> int | None:
        return self.plan.year

    def file_name_parts(self) -> list[str]:
        # A year has a national and a local plan: the fund tells their files apart.
        return [self.plan.fund_code, str(self.plan.year)]

    def title_lines(self) -> list[str]:
        title = str(self.plan.title)
        if str(self.plan.year) not in title:
            title = _("%(plan)s (year %(year)s)") % {"plan": title, "year": self.plan.year}
        return [str(self.verbose_name).upper(), title]
