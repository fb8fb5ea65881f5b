"""Danh mục đề án: the proposals of a plan by activity, with the funding each asks (extension,
counterpart, total; programs.money), a totals row under each activity and the plan's total."""

from itertools import groupby

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applicants.models import Facility
from core.documents import TOTAL
from core.models import Organisation
from core.spreadsheets import Column, Kind, register
from core.spreadsheets.cells import roman
from programs.exports.common import PlanExporter, PlanSheet, beneficiary_names, listed_proposals
from programs.models import ImplementingUnit, Proposal
from programs.money import money_of


def proposals_of(plan):
    """The listed proposals with what their rows print, in the list's order (activity, code);
    one query each for the beneficiaries, lines and payments, whatever the length."""
    return (
        listed_proposals(plan)
        .select_related("activity", "province", "ward")
        .prefetch_related(
            Prefetch("beneficiaries", queryset=Facility.objects.only("id", "name")),
            "budget_lines",
            "payments",
        )
        .order_by("activity__position", "activity_id", "code")
    )


def implementing_unit(proposal: Proposal, center: str) -> str:
    if proposal.implementing_unit == ImplementingUnit.CENTER:
        return center
    if proposal.implementing_unit == ImplementingUnit.OTHER:
        return proposal.implementing_name
    return beneficiary_names(proposal)


def location(proposal: Proposal) -> str:
    return ", ".join(str(part) for part in (proposal.ward, proposal.province) if part)


def duration(proposal: Proposal) -> str:
    """03/2024 - 10/2024: the months a proposal runs, as the plans write it."""
    if proposal.starts_on is None or proposal.ends_on is None:
        return ""
    return f"{proposal.starts_on:%m/%Y} - {proposal.ends_on:%m/%Y}"


@register
class ProposalList(PlanExporter):
    identifier = "proposals"
    verbose_name = gettext_lazy("List of extension proposals")
    file_stem = "danh-muc-de-an-khuyen-cong"

    columns = (
        Column("code", gettext_lazy("Code"), width=15, wrap=False),
        Column("title", gettext_lazy("Proposal"), width=36),
        Column("beneficiaries", gettext_lazy("Beneficiary facilities"), width=28),
        Column("implementing", gettext_lazy("Implementing unit"), width=26),
        Column("location", gettext_lazy("Location"), width=26),
        Column("duration", gettext_lazy("Duration"), width=18, wrap=False),
        Column("state", gettext_lazy("State"), width=16),
        Column("extension", gettext_lazy("Extension funding (VND)"), Kind.MONEY, total=True),
        Column("counterpart", gettext_lazy("Counterpart funding (VND)"), Kind.MONEY, total=True),
        Column("total", gettext_lazy("Total (VND)"), Kind.MONEY, total=True),
    )

    def row_count(self) -> int:
        return listed_proposals(self.plan).count()

    def write(self, book, progress=None) -> None:
        sheet = PlanSheet(book, self, self.columns)
        center = Organisation.current().center_name
        states = dict(Proposal.State.choices)
        total, done, totals_rows = self.row_count(), 0, []
        groups = groupby(proposals_of(self.plan), key=lambda p: p.activity)
        for index, (activity, proposals) in enumerate(groups, start=1):
            sheet.group_heading(f"{roman(index)}. {activity.name}")
            first = sheet.next_row
            for proposal in proposals:
                done += 1
                money = money_of(proposal)
                sheet.data_row(
                    done,
                    [
                        proposal.code,
                        proposal.title,
                        beneficiary_names(proposal),
                        implementing_unit(proposal, center),
                        location(proposal),
                        duration(proposal),
                        str(states[proposal.state]),
                        money.extension,
                        money.counterpart,
                        money.cost,
                    ],
                )
                if progress and done % 500 == 0:
                    progress(done, total)
            totals_rows.append(sheet.group_totals(_("Subtotal"), first, sheet.next_row - 1))
        sheet.sum_of_rows(TOTAL, totals_rows)
        sheet.close(self)
        if progress:
            progress(done, total)
