"""Theo dõi cấp phát kinh phí: per approved proposal of a plan, each payment made (advance,
further payments, the settlement) and the approved funding, what is paid and what remains
(programs.money), then the plan's totals."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applicants.models import Facility
from core.spreadsheets import Column, Kind, register
from core.spreadsheets.cells import roman
from programs.exports.common import PlanExporter, PlanSheet, beneficiary_names
from programs.models import FUNDED, Payment, Proposal
from programs.money import money_of


def funded_of(plan):
    return Proposal.objects.filter(plan=plan, state__in=FUNDED)


@register
class PaymentList(PlanExporter):
    identifier = "payments"
    verbose_name = gettext_lazy("Payments of extension funding")
    file_stem = "theo-doi-cap-phat-kinh-phi"

    columns = (
        Column("kind", gettext_lazy("Payment"), width=30),
        Column("paid_on", gettext_lazy("Paid on"), Kind.DATE),
        Column("reference", gettext_lazy("Document number"), width=20),
        Column("amount", gettext_lazy("Amount (VND)"), Kind.MONEY),
    )

    def row_count(self) -> int:
        return Payment.objects.filter(proposal__in=funded_of(self.plan)).count()

    def write(self, book, progress=None) -> None:
        sheet = PlanSheet(book, self, self.columns)
        kinds = dict(Payment.Kind.choices)
        proposals = (
            funded_of(self.plan)
            .prefetch_related(
                Prefetch("beneficiaries", queryset=Facility.objects.only("id", "name")),
                "budget_lines",
                Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "id")),
            )
            .order_by("code")
        )
        total, done = self.row_count(), 0
        approved = paid = remaining = 0
        for index, proposal in enumerate(proposals, start=1):
            names = beneficiary_names(proposal)
            heading = f"{roman(index)}. {proposal.code} {proposal.title}"
            sheet.group_heading(f"{heading} - {names}" if names else heading)
            for number, payment in enumerate(proposal.payments.all(), start=1):
                done += 1
                sheet.data_row(
                    number,
                    [str(kinds[payment.kind]), payment.paid_on, payment.reference, payment.amount],
                )
                if progress and done % 500 == 0:
                    progress(done, total)
            money = money_of(proposal)
            sheet.summary_row(_("Approved funding"), {"amount": money.approved})
            sheet.summary_row(_("Paid"), {"amount": money.paid})
            sheet.summary_row(
                _("Remaining (settled)") if money.settled else _("Remaining"),
                {"amount": money.remaining},
            )
            approved += money.approved
            paid += money.paid
            remaining += money.remaining
        sheet.summary_row(_("Total approved funding"), {"amount": approved})
        sheet.summary_row(_("Total paid"), {"amount": paid})
        sheet.summary_row(_("Total remaining"), {"amount": remaining})
        sheet.close(self)
        if progress:
            progress(done, total)
