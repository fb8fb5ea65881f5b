"""The proposals of the programme demo, built through the services: an equipment-support
project of a demo facility, a non-equipment proposal, a training course, and the steps from the
contract to the settlement."""

import datetime
from decimal import Decimal

from applicants.demo import FACILITIES
from applicants.models import Facility
from core.workflow import transition
from programs.demo import data
from programs.demo.data import DemoProject
from programs.models import Activity, FundSource, Plan, Proposal, SupportRule
from programs.services.payments import record_payment
from programs.services.proposals import create_proposal, save_budget_line, save_equipment_item
from programs.services.reference import save_support_rule
from programs.services.steps import accept, sign_contract
from programs.support import allowed_support

MILLION = 1_000_000


def _facility(index: int) -> Facility:
    return Facility.objects.select_related("ward", "province").get(
        name=FACILITIES[index].name, ward__province_id="86"
    )


def _activity(code: str) -> Activity:
    return Activity.objects.get(code=code)


def seed_local_rule(*, officer) -> None:
    exists = SupportRule.objects.filter(
        fund_source=FundSource.LOCAL,
        activity__code="equipment",
        valid_from=data.LOCAL_EQUIPMENT_RULE["valid_from"],
    ).exists()
    if not exists:
        rule = data.LOCAL_EQUIPMENT_RULE
        save_support_rule(
            actor=officer,
            data={
                **rule,
                "fund_source": FundSource.LOCAL,
                "activity": _activity("equipment"),
                "max_rate": Decimal(rule["max_rate"]),
                "line_multiplier": Decimal(rule["line_multiplier"]),
            },
        )


def _base_data(activity: str, title: str, facility: Facility, year: int, **extra) -> dict:
    return {
        "activity": _activity(activity),
        "title": title,
        "province": facility.province,
        "ward": facility.ward,
        "objectives": extra.pop(
            "objectives", "Nâng cao năng suất, chất lượng sản phẩm và giảm chi phí sản xuất."
        ),
        "expected_results": extra.pop(
            "expected_results", "Cơ sở làm chủ công nghệ, tăng doanh thu và việc làm."
        ),
        "starts_on": datetime.date(year, 4, 15),
        "ends_on": datetime.date(year, 11, 30),
        **extra,
    }


def equipment_project(
    *, actor, plan: Plan, index: int, number: int, on=None, rate=50, ceiling=250 * MILLION
) -> Proposal:
    """An equipment-support project for FACILITIES[index]: its trade's machine (one in seven
    projects also lists a used machine, which is not supported), its budget asking the most the
    rule allows, rounded down to the million."""
    facility = _facility(index)
    machines = data.MACHINES.get(FACILITIES[index].sector, data.DEFAULT_MACHINES)
    name, specification, price, line = machines[number % len(machines)]
    price = price + (number % 5) * 10 * MILLION
    quantity = 2 if price < 100 * MILLION else 1
    proposal = create_proposal(
        actor=actor,
        plan=plan,
        data=_base_data(
            "equipment", f"Hỗ trợ ứng dụng {name.lower()} vào sản xuất", facility, plan.year
        ),
        beneficiaries=[facility],
        on=on,
    )
    items = [(name, specification, quantity, price, True, line)]
    if number % 7 == 3:
        items.append(
            ("Máy phát điện dự phòng (đã qua sử dụng)", "30 kVA", 1, 40 * MILLION, False, False)
        )
    for position, (item, spec, qty, unit_price, new, in_line) in enumerate(items, start=1):
        save_equipment_item(
            actor=actor,
            proposal=proposal,
            data={
                "position": position,
                "name": item,
                "specification": spec,
                "quantity": qty,
                "unit_price": unit_price,
                "supplier": "Công ty TNHH Cơ khí Phú Thành",
                "origin": "Việt Nam",
                "is_new": new,
                "production_line": in_line,
            },
            on=on,
        )
    new_cost = quantity * price
    allowed = allowed_support(
        new_cost,
        rate=Decimal(rate),
        ceiling=ceiling,
        multiplier=Decimal("1.5"),
        production_line=line,
    )
    cost = sum(qty * unit_price for _n, _s, qty, unit_price, _new, _l in items)
    lines = (
        ("Mua sắm máy móc thiết bị", "bộ", 1, cost, allowed // MILLION * MILLION),
        ("Lắp đặt, vận hành thử", "lần", 1, 15 * MILLION, 0),
    )
    _budget(actor, proposal, lines, on=on)
    return proposal


def _budget(actor, proposal: Proposal, lines, on=None) -> None:
    for position, (item, unit, quantity, unit_cost, share) in enumerate(lines, start=1):
        save_budget_line(
            actor=actor,
            proposal=proposal,
            data={
                "position": position,
                "item": item,
                "unit": unit,
                "quantity": Decimal(quantity),
                "unit_cost": unit_cost,
                "extension_share": share,
            },
            on=on,
        )


def submitted(proposal: Proposal, *, actor, on) -> Proposal:
    return transition(proposal, action="submit", actor=actor, on=on)


def day_after(first: datetime.date, number: int) -> datetime.date:
    return first + datetime.timedelta(days=number * 2)


def approve_proposal(proposal, *, manager, on, number=data.APPROVAL_DECISION) -> Proposal:
    return transition(
        proposal, action="approve", actor=manager, decision_number=number, decision_date=on, on=on
    )


def carry_out(proposal: Proposal, *, officer, days: dict, contract: str, advance_rate=70):
    """Contract, advance (70 % for training and consulting, domain.md §3), the work, acceptance,
    the settlement of the rest and settled, each on its day of `days`."""
    proposal = sign_contract(
        actor=officer,
        proposal=proposal,
        number=contract,
        date=days["contract"],
        value=proposal.approved_funding,
        on=days["contract"],
    )
    advance = proposal.approved_funding * advance_rate // 100 // MILLION * MILLION
    record_payment(
        actor=officer,
        proposal=proposal,
        data={
            "kind": "advance",
            "amount": advance,
            "paid_on": days["advance"],
            "reference": f"UNC-{contract}",
        },
        on=days["advance"],
    )
    proposal = transition(proposal, action="start_work", actor=officer, on=days["work"])
    if "accepted" not in days:
        return proposal
    proposal = accept(
        actor=officer,
        proposal=proposal,
        date=days["accepted"],
        result="passed",
        findings="",
        on=days["accepted"],
    )
    record_payment(
        actor=officer,
        proposal=proposal,
        data={
            "kind": "settlement",
            "amount": proposal.approved_funding - advance,
            "paid_on": days["settlement"],
            "reference": f"QT-{contract}",
        },
        on=days["settlement"],
    )
    return transition(proposal, action="settle", actor=officer, on=days["settled"])


def extension_project(spec: DemoProject, *, officer, plan, on) -> Proposal:
    beneficiaries = [_facility(index) for index in spec.beneficiaries]
    proposal = create_proposal(
        actor=officer,
        plan=plan,
        data=_base_data(
            spec.activity,
            spec.title,
            beneficiaries[0],
            plan.year,
            implementing_unit=spec.implementing,
            implementing_name=spec.implementing_name,
        ),
        beneficiaries=beneficiaries,
        on=on,
    )
    _budget(officer, proposal, spec.lines, on=on)
    return proposal


def training_course(title: str, index: int, *, officer, plan, on) -> Proposal:
    proposal = create_proposal(
        actor=officer,
        plan=plan,
        data=_base_data(
            "training",
            title,
            _facility(index),
            plan.year,
            implementing_unit="center",
            objectives="Nâng cao năng lực quản lý, tiết kiệm chi phí cho các cơ sở CNNT.",
            expected_results="50 học viên của các cơ sở CNNT được tập huấn.",
        ),
        on=on,
    )
    _budget(officer, proposal, data.TRAINING_LINES, on=on)
    return proposal
