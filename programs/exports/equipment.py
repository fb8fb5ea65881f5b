"""Danh mục đề án hỗ trợ máy móc thiết bị: the plan's equipment-support projects, each with its
items and the support allowed for it (programs.support: rate × the new items' cost, capped by
the ceiling, × the multiplier for a production line), beside the funding it asks."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applicants.models import Facility
from core.documents import tick
from core.spreadsheets import Column, Kind, register
from core.spreadsheets.cells import roman
from programs.exports.common import PlanExporter, PlanSheet, beneficiary_names, listed_proposals
from programs.models import EquipmentItem, Proposal, SupportRule
from programs.support import SupportLimit, compute_limit, equipment_costs


def projects_of(plan):
    return (
        listed_proposals(plan)
        .filter(activity__has_equipment=True)
        .select_related("plan", "activity")
        .prefetch_related(
            Prefetch("beneficiaries", queryset=Facility.objects.only("id", "name")),
            "budget_lines",
            Prefetch("equipment", queryset=EquipmentItem.objects.order_by("position", "id")),
        )
        .order_by("code")
    )


def limit_of(proposal: Proposal, rules: list[SupportRule]) -> SupportLimit:
    """support_limit(proposal) from the prefetched rows and the rules read once for the list:
    the same day (the submission's, else today), the same rule (the latest in force on it) and
    the same computation (compute_limit), without a query per project."""
    on: datetime.date = (
        timezone.localdate(proposal.submitted_at) if proposal.submitted_at else None
    ) or timezone.localdate()
    in_force = [
        rule
        for rule in rules
        if rule.activity_id == proposal.activity_id
        and rule.fund_source == proposal.plan.fund_source
        and rule.in_force(on)
    ]
    rule = max(in_force, key=lambda r: r.valid_from, default=None)
    cost, excluded, line = equipment_costs(proposal.equipment.all())
    asked = sum(line.extension_share for line in proposal.budget_lines.all())
    return compute_limit(
        on=on, rule=rule, cost=cost, excluded=excluded, production_line=line, asked=asked
    )


@register
class EquipmentList(PlanExporter):
    identifier = "equipment"
    verbose_name = gettext_lazy("List of equipment-support projects")
    file_stem = "danh-muc-de-an-ho-tro-thiet-bi"

    columns = (
        Column("name", gettext_lazy("Equipment"), width=30),
        Column("specification", gettext_lazy("Specification"), width=34),
        Column("quantity", gettext_lazy("Quantity"), Kind.INTEGER, width=10),
        Column("unit_price", gettext_lazy("Unit price (VND)"), Kind.MONEY),
        Column("cost", gettext_lazy("Cost (VND)"), Kind.MONEY),
        Column("condition", gettext_lazy("New or used"), width=14),
        Column("line", gettext_lazy("Production line"), width=11),
    )

    def row_count(self) -> int:
        return EquipmentItem.objects.filter(
            proposal__in=listed_proposals(self.plan).filter(activity__has_equipment=True)
        ).count()

    def write(self, book, progress=None) -> None:
        sheet = PlanSheet(book, self, self.columns)
        rules = list(SupportRule.objects.filter(fund_source=self.plan.fund_source))
        states = dict(Proposal.State.choices)
        total, done = self.row_count(), 0
        for index, proposal in enumerate(projects_of(self.plan), start=1):
            sheet.group_heading(
                f"{roman(index)}. {proposal.code} {proposal.title} - "
                f"{beneficiary_names(proposal)} ({states[proposal.state]})"
            )
            for number, item in enumerate(proposal.equipment.all(), start=1):
                done += 1
                sheet.data_row(
                    number,
                    [
                        item.name,
                        item.specification,
                        item.quantity,
                        item.unit_price,
                        item.cost,
                        _("New") if item.is_new else _("Used"),
                        tick(item.production_line),
                    ],
                )
                if progress and done % 500 == 0:
                    progress(done, total)
            limit = limit_of(proposal, rules)
            basis = limit.rule.legal_basis if limit.rule else _("No support rule in force")
            sheet.summary_row(_("Eligible cost (new equipment)"), {"cost": limit.cost})
            sheet.summary_row(_("Support allowed"), {"specification": basis, "cost": limit.allowed})
            sheet.summary_row(_("Extension funding asked"), {"cost": limit.asked})
        sheet.close(self)
        if progress:
            progress(done, total)
