"""Plans and proposals for the programme tests, built through the services (so a test of a
later step starts from a proposal that really went through the earlier ones)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from core.workflow import transition
from programs.models import Activity, FundSource, Plan, Proposal, SupportRule
from programs.services.proposals import create_proposal, save_budget_line, save_equipment_item
from programs.services.steps import sign_contract
from tests.factories import ward_in


def activity(code: str = "equipment") -> Activity:
    return Activity.objects.get(code=code)


def make_plan(*, year=None, fund=FundSource.LOCAL, budget=5_000_000_000, **extra) -> Plan:
    year = year or timezone.localdate().year
    return Plan.objects.create(
        year=year, fund_source=fund, title=f"Kế hoạch khuyến công {year}", budget=budget, **extra
    )


def local_rule(code="equipment", *, rate=50, ceiling=250_000_000, multiplier="1.5", **extra):
    return SupportRule.objects.create(
        fund_source=FundSource.LOCAL,
        activity=activity(code),
        max_rate=Decimal(rate) if rate is not None else None,
        ceiling=ceiling,
        line_multiplier=Decimal(multiplier),
        legal_basis=extra.pop("legal_basis", "Nghị quyết 11/2025/NQ-HĐND"),
        valid_from=extra.pop("valid_from", datetime.date(2025, 1, 1)),
        **extra,
    )


def proposal_data(code="equipment", year=None, **extra) -> dict:
    year = year or timezone.localdate().year
    ward = ward_in()
    return {
        "activity": activity(code),
        "title": "Hỗ trợ máy đóng gói kẹo dừa",
        "province": ward.province,
        "ward": ward,
        "objectives": "Nâng công suất, giảm lao động thủ công.",
        "starts_on": datetime.date(year, 3, 1),
        "ends_on": datetime.date(year, 10, 31),
        **extra,
    }


def equipment_proposal(
    actor, plan, facility, *, items=((1, 400_000_000, True, False),), asked=None, **extra
) -> Proposal:
    """A draft equipment-support project: items as (quantity, unit price, new, production line);
    one budget line for the machines asking `asked` (half the cost by default)."""
    proposal = create_proposal(
        actor=actor, plan=plan, data=proposal_data(**extra), beneficiaries=[facility]
    )
    cost = 0
    for position, (quantity, price, new, line) in enumerate(items, start=1):
        save_equipment_item(
            actor=actor,
            proposal=proposal,
            data={
                "position": position,
                "name": f"Máy số {position}",
                "quantity": quantity,
                "unit_price": price,
                "is_new": new,
                "production_line": line,
                "origin": "Việt Nam",
            },
        )
        cost += quantity * price
    save_budget_line(
        actor=actor,
        proposal=proposal,
        data={
            "item": "Mua sắm máy móc thiết bị",
            "unit": "bộ",
            "quantity": Decimal(1),
            "unit_cost": cost,
            "extension_share": cost // 2 if asked is None else asked,
        },
    )
    return proposal


def approved(proposal, *, facility_user, officer, manager, on=None) -> Proposal:
    """Submitted, appraised and approved (decision QĐ-01)."""
    proposal = transition(proposal, action="submit", actor=facility_user, on=on)
    proposal = transition(proposal, action="start_appraisal", actor=officer, on=on)
    return transition(
        proposal,
        action="approve",
        actor=manager,
        decision_number="123/QĐ-SCT",
        decision_date=on or timezone.localdate(),
        on=on,
    )


def contracted(proposal, *, officer, value=None) -> Proposal:
    return sign_contract(
        actor=officer,
        proposal=proposal,
        number="HĐ-01",
        date=timezone.localdate(),
        value=value if value is not None else proposal.approved_funding,
    )


def listed_plan(*, applicant, facility, other_applicant, other_facility, officer, manager):
    """A local plan for the lists: an approved and contracted equipment project with an advance
    paid (one new machine, two used ones), a submitted one on a production line, an approved
    training course of the center (no beneficiary) and a draft (not listed)."""
    from programs.services.payments import record_payment

    local_rule()
    plan = make_plan()
    first = equipment_proposal(
        applicant,
        plan,
        facility,
        items=((1, 400_000_000, True, False), (2, 50_000_000, False, False)),
        asked=200_000_000,
        title="Máy đóng gói kẹo dừa",
    )
    first = approved(first, facility_user=applicant, officer=officer, manager=manager)
    first = contracted(first, officer=officer)
    record_payment(
        actor=officer,
        proposal=first,
        data={
            "kind": "advance",
            "amount": 60_000_000,
            "paid_on": timezone.localdate(),
            "reference": "UNC-01",
        },
    )
    second = equipment_proposal(
        other_applicant,
        plan,
        other_facility,
        items=((1, 600_000_000, True, True),),
        asked=250_000_000,
        title="Dây chuyền sấy bánh phồng",
    )
    transition(second, action="submit", actor=other_applicant)
    training = create_proposal(
        actor=officer,
        plan=plan,
        data=proposal_data(
            "training", title="Tập huấn quản lý sản xuất", implementing_unit="center"
        ),
    )
    for position, (item, quantity, cost, share) in enumerate(
        (("Học viên", 20, 1_500_000, 30_000_000), ("Thuê hội trường", 1, 10_000_000, 6_000_000)),
        start=1,
    ):
        save_budget_line(
            actor=officer,
            proposal=training,
            data={
                "position": position,
                "item": item,
                "unit": "người" if position == 1 else "ngày",
                "quantity": Decimal(quantity),
                "unit_cost": cost,
                "extension_share": share,
            },
        )
    training = approved(training, facility_user=officer, officer=officer, manager=manager)
    draft = equipment_proposal(applicant, plan, facility, title="Bản nháp")
    return plan, {"first": first, "second": second, "training": training, "draft": draft}
