"""Phiếu chấm điểm: each judge's score sheets of a round as Phụ lục 4 of TT 26/2014/TT-BCT
(domain.md §4), one worksheet per judge, one page per entry, to print and sign.

Only submitted sheets: the printed sheet is the signed record of the scores the results count
(a draft may still change; a voided sheet is never counted). The entry is named by its voting
code and product, as the judge scored it: never the facility.
"""

import textwrap
from decimal import Decimal
from itertools import groupby

from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.exports.common import RoundWorkbookExporter
from awards.models import PanelMember, PanelRole, Score, ScoreSheet
from core.documents import TOTAL
from core.spreadsheets import Kind, Signature, register
from core.spreadsheets.writer import DocumentSheet, Styles, safe_sheet_name

# STT, criterion, max points, points, note: an A4 portrait page at fit-to-width.
WIDTHS = (7, 46, 11, 11, 22)
KINDS = (Kind.TEXT, Kind.TEXT, Kind.SCORE, Kind.SCORE, Kind.TEXT)
WRAPS = (False, True, True, True, True)
# Characters of a comment line across the page: a merged cell never grows to fit its text, so
# the comment is written as lines of its own.
COMMENT_WIDTH = 80


def submitted_sheets(award_round) -> QuerySet[ScoreSheet]:
    return ScoreSheet.objects.filter(round=award_round, state=ScoreSheet.State.SUBMITTED)


def criteria_rows(award_round) -> list[tuple[str, object, list]]:
    """The official sheet's rows in order, as the judge's page numbers them (1, 1.1, 1.2, 2…):
    (number, criterion, the pks of the scored criteria under it, [] for a scored one)."""
    criteria = list(award_round.criteria.order_by("position", "id"))
    children: dict = {}
    for criterion in criteria:
        children.setdefault(criterion.parent_id, []).append(criterion)
    rows = []

    def walk(parent_id, prefix) -> list:
        leaves = []
        for index, criterion in enumerate(children.get(parent_id, []), start=1):
            row = [f"{prefix}{index}", criterion, []]
            rows.append(row)
            under = walk(criterion.pk, f"{prefix}{index}.")
            row[2] = under
            leaves += under or [criterion.pk]
        return leaves

    walk(None, "")
    return [tuple(row) for row in rows]


def comment_lines(comment: str) -> list[str]:
    lines = []
    for paragraph in comment.splitlines():
        lines += textwrap.wrap(paragraph, COMMENT_WIDTH) or [""]
    return lines


def worksheet_names(names: list[str]) -> list[str]:
    """Worksheet titles for judges in order, unique (Excel compares them ignoring case) even when
    two judges share a name: the second is "Nguyễn Văn A (2)"."""
    taken, out = set(), []
    for name in names:
        base = safe_sheet_name(name)
        title, number = base, 1
        while title.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            title = base[: 31 - len(suffix)] + suffix
        taken.add(title.casefold())
        out.append(title)
    return out


@register
class ScoreSheets(RoundWorkbookExporter):
    identifier = "score-sheets"
    verbose_name = gettext_lazy("Score sheets")
    file_stem = "phieu-cham-diem"
    chairs_may_download = False  # staff only: every judge's sheets

    def row_count(self) -> int:
        return submitted_sheets(self.award_round).count()

    def sheets(self) -> QuerySet[ScoreSheet]:
        """By judge (name, then id: two judges of one name stay apart), then voting code."""
        return (
            submitted_sheets(self.award_round)
            .select_related("judge", "panel", "entry", "entry__product_group")
            .annotate(judge_name=Coalesce(NullIf("judge__full_name", Value("")), "judge__username"))
            .order_by("judge_name", "judge_id", "entry__voting_code", "entry_id")
        )

    def write(self, book, progress=None) -> None:
        from core.models import Organisation

        award_round = self.award_round
        total = self.row_count()
        rows = criteria_rows(award_round)
        scores: dict = {}
        for sheet_id, criterion_id, points, note in Score.objects.filter(
            sheet__in=submitted_sheets(award_round)
        ).values_list("sheet_id", "criterion_id", "points", "note"):
            scores[(sheet_id, criterion_id)] = (points, note)
        roles = {
            (panel_id, judge_id): PanelRole(role).label
            for panel_id, judge_id, role in PanelMember.objects.filter(
                panel__round=award_round
            ).values_list("panel_id", "judge_id", "role")
        }
        organisation = Organisation.current()
        styles = Styles()
        by_judge = [list(group) for _pk, group in groupby(self.sheets(), lambda s: s.judge_id)]
        names = worksheet_names([str(group[0].judge) for group in by_judge])
        done = 0
        for name, judge_sheets in zip(names, by_judge, strict=True):
            document = DocumentSheet(
                book,
                name,
                WIDTHS,
                styles=styles,
                organisation=organisation,
                orientation="portrait",
            )
            for index, sheet in enumerate(judge_sheets):
                if index:
                    document.page_break()
                self.write_sheet(document, sheet, rows, scores, roles, organisation)
                done += 1
                if progress:
                    progress(done, total)
            document.finish()
        if not by_judge:  # still a document, saying why it holds no sheet
            document = DocumentSheet(
                book,
                str(self.verbose_name),
                WIDTHS,
                styles=styles,
                organisation=organisation,
                orientation="portrait",
            )
            document.document_header()
            document.title([_("Score sheet").upper(), *self.title_lines()[1:]])
            document.line(_("No score sheet of this round has been submitted yet."))
        if progress:
            progress(done, total)

    def write_sheet(self, document, sheet, rows, scores, roles, organisation) -> None:
        entry = sheet.entry
        document.document_header()
        document.title([_("Score sheet").upper(), *self.title_lines()[1:]])
        document.fields(
            [
                (_("Panel"), sheet.panel.name),
                (_("Product"), entry.product_name),
                (_("Product group"), entry.product_group),
                (_("Voting code"), entry.voting_code),
                (_("Judge"), str(sheet.judge)),
                (_("Title on the panel"), roles.get((sheet.panel_id, sheet.judge_id), "")),
            ]
        )
        document.blank()
        document.table_header([_("No."), _("Criterion"), _("Max points"), _("Points"), _("Note")])
        max_total = Decimal("0")
        given_total = Decimal("0")
        for number, criterion, leaves in rows:
            if leaves:  # a parent: its sub-criteria's sum, as on the judge's page
                parts = [scores[(sheet.pk, pk)][0] for pk in leaves if (sheet.pk, pk) in scores]
                points = sum(parts, Decimal("0")) if parts else None
                note = ""
            else:
                points, note = scores.get((sheet.pk, criterion.pk), (None, ""))
            if criterion.parent_id is None:
                max_total += criterion.max_points
                given_total += points or 0
            values = [number, criterion.text, criterion.max_points, points, note]
            document.row(values, KINDS, WRAPS, bold=bool(leaves))
        document.row(["", TOTAL, max_total, given_total, ""], KINDS, WRAPS, bold=True)
        document.blank()
        document.line(f"{_('Comment (nhận xét)')}:", bold=True)
        for text in comment_lines(sheet.comment):
            document.line(text)
        submitted = sheet.submitted_at
        document.signature(
            Signature(
                place=organisation.signing_place,
                date=timezone.localdate(submitted) if submitted else None,
                title=_("Scored by"),
                name=str(sheet.judge),
            )
        )
