"""How much extension funding a proposal may ask: the support limit.

The rule in force on the day (the submission date, today for a draft) for the proposal's fund
and activity caps the funding at `max_rate` % of the cost and at `ceiling` VND (× the rule's
multiplier for a production line). For an equipment-support project the cost is what its new
items cost (used equipment is not supported); for any other proposal it is its budget's cost.
Rates are applied rounding down: the limit never exceeds the rate.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from core.formatting import format_date, format_vnd
from programs.models import Activity, Proposal, SupportRule


def allowed_support(
    cost: int,
    *,
    rate: Decimal | None,
    ceiling: int | None,
    multiplier: Decimal = Decimal(1),
    production_line: bool = False,
) -> int | None:
    """min(rate × cost, ceiling × (multiplier if a production line else 1)), in whole đồng
    rounded down; a missing rate or ceiling does not cap; None when neither caps."""
    caps = []
    if rate is not None:
        caps.append(_floor(Decimal(cost) * Decimal(rate) / 100))
    if ceiling is not None:
        caps.append(_floor(Decimal(ceiling) * (Decimal(multiplier) if production_line else 1)))
    return min(caps) if caps else None


def _floor(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def rule_in_force(fund_source: str, activity: Activity, on: datetime.date) -> SupportRule | None:
    return (
        SupportRule.objects.filter(fund_source=fund_source, activity=activity, valid_from__lte=on)
        .exclude(valid_to__lt=on)
        .order_by("-valid_from")
        .first()
    )


@dataclass(frozen=True)
class SupportLimit:
    """The computation, with each step in words for the page and the API."""

    on: datetime.date
    rule: SupportRule | None
    cost: int
    excluded_cost: int
    production_line: bool
    by_rate: int | None
    cap: int | None
    allowed: int | None
    asked: int
    steps: list[str] = field(default_factory=list)

    @property
    def exceeded(self) -> bool:
        return self.allowed is not None and self.asked > self.allowed

    def refusal(self) -> str:
        """The message that refuses a submission asking more than the limit."""
        return _(
            "The extension funding asked (%(asked)s) exceeds the support allowed "
            "(%(allowed)s) by %(rule)s."
        ) % {
            "asked": format_vnd(self.asked),
            "allowed": format_vnd(self.allowed),
            "rule": self.rule.legal_basis,
        }


def equipment_costs(items) -> tuple[int, int, bool]:
    """(cost of the new items, cost of the used ones, whether a new item is part of a line)."""
    eligible = sum(item.cost for item in items if item.is_new)
    excluded = sum(item.cost for item in items if not item.is_new)
    line = any(item.production_line for item in items if item.is_new)
    return eligible, excluded, line


def support_limit(
    proposal: Proposal,
    *,
    on: datetime.date | None = None,
    lines=None,
    items=None,
) -> SupportLimit:
    """The limit for `proposal` on `on` (its submission date, else today). `lines` and `items`
    default to the stored budget lines and equipment; a page computing as the user types passes
    what the form holds."""
    if on is None:
        on = timezone.localdate(proposal.submitted_at) if proposal.submitted_at else None
        on = on or timezone.localdate()
    lines = list(proposal.budget_lines.all()) if lines is None else list(lines)
    asked = sum(line.extension_share for line in lines)
    if proposal.activity.has_equipment:
        items = list(proposal.equipment.all()) if items is None else list(items)
        cost, excluded, line = equipment_costs(items)
    else:
        cost, excluded, line = sum(line.cost for line in lines), 0, False
    rule = rule_in_force(proposal.plan.fund_source, proposal.activity, on)
    return compute_limit(
        on=on, rule=rule, cost=cost, excluded=excluded, production_line=line, asked=asked
    )


def compute_limit(*, on, rule, cost, excluded, production_line, asked) -> SupportLimit:
    steps = []
    if excluded:
        steps.append(
            _("Used equipment is not supported: %(amount)s left out of the cost.")
            % {"amount": format_vnd(excluded)}
        )
    steps.append(_("Eligible cost: %(amount)s.") % {"amount": format_vnd(cost)})
    if rule is None:
        steps.append(
            _("No support rule is in force on %(day)s for this fund and activity: no limit.")
            % {"day": format_date(on)}
        )
        return SupportLimit(
            on, None, cost, excluded, production_line, None, None, None, asked, steps
        )
    by_rate = allowed_support(cost, rate=rule.max_rate, ceiling=None)
    cap = allowed_support(
        0,
        rate=None,
        ceiling=rule.ceiling,
        multiplier=rule.line_multiplier,
        production_line=production_line,
    )
    if by_rate is not None:
        steps.append(
            _("%(rate)s %% of the cost: %(amount)s.")
            % {"rate": _percent(rule.max_rate), "amount": format_vnd(by_rate)}
        )
    if cap is not None:
        if production_line and rule.line_multiplier != 1:
            steps.append(
                _("Ceiling for a production line: %(ceiling)s × %(multiplier)s = %(amount)s.")
                % {
                    "ceiling": format_vnd(rule.ceiling),
                    "multiplier": _percent(rule.line_multiplier),
                    "amount": format_vnd(cap),
                }
            )
        else:
            steps.append(_("Ceiling: %(amount)s.") % {"amount": format_vnd(cap)})
    caps = [value for value in (by_rate, cap) if value is not None]
    allowed = min(caps) if caps else None
    if allowed is not None:
        steps.append(
            _("Support allowed: %(amount)s (%(rule)s).")
            % {"amount": format_vnd(allowed), "rule": rule.legal_basis}
        )
    return SupportLimit(
        on, rule, cost, excluded, production_line, by_rate, cap, allowed, asked, steps
    )


def _percent(value: Decimal) -> str:
    """50.00 → "50", 1.50 → "1,5" (Vietnamese decimal comma)."""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")
