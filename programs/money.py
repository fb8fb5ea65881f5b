"""A proposal's money, derived from its rows: the budget's cost and its extension and
counterpart shares, the payments made and what remains of the approved funding. Every page,
API answer and list reads it from here (totals are never stored beside the lines)."""

from dataclasses import dataclass

from programs.models import Proposal


def extension_asked(proposal: Proposal) -> int:
    """The extension funding the budget asks for (the lines' extension shares)."""
    return sum(line.extension_share for line in proposal.budget_lines.all())


@dataclass(frozen=True)
class Money:
    cost: int
    extension: int
    counterpart: int
    approved: int | None
    paid: int
    settled: bool

    @property
    def remaining(self) -> int | None:
        """What the fund still owes on the approved funding; None before approval."""
        return None if self.approved is None else self.approved - self.paid


def money_of(proposal: Proposal) -> Money:
    """From the proposal's budget lines and payments (prefetch them for a list)."""
    lines = proposal.budget_lines.all()
    cost = sum(line.cost for line in lines)
    extension = sum(line.extension_share for line in lines)
    payments = proposal.payments.all()
    return Money(
        cost=cost,
        extension=extension,
        counterpart=cost - extension,
        approved=proposal.approved_funding,
        paid=sum(payment.amount for payment in payments),
        settled=any(payment.kind == "settlement" for payment in payments),
    )
