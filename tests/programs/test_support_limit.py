"""The support limit: on a table of cases, and as properties (hypothesis)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from programs.models import EquipmentItem
from programs.support import allowed_support, equipment_costs, support_limit
from tests.programs.world import equipment_proposal, local_rule, make_plan

M = 1_000_000  # a million đồng


@pytest.mark.parametrize(
    ("cost", "line", "expected"),
    [
        (100 * M, False, 50 * M),  # under the ceiling: half the cost
        (500 * M, False, 250 * M),  # at the ceiling exactly
        (800 * M, False, 250 * M),  # over it: the ceiling
        (800 * M, True, 375 * M),  # a production line: 1.5 × the ceiling
        (600 * M, True, 300 * M),  # a line under its raised ceiling: the rate again
        (0, False, 0),
        (3, False, 1),  # rounded down: never above the rate
    ],
)
def test_allowed_support_on_cases(cost, line, expected):
    limit = allowed_support(
        cost,
        rate=Decimal(50),
        ceiling=250 * M,
        multiplier=Decimal("1.5"),
        production_line=line,
    )
    assert limit == expected


def test_a_missing_rate_or_ceiling_does_not_cap():
    assert allowed_support(100 * M, rate=None, ceiling=10 * M) == 10 * M
    assert allowed_support(100 * M, rate=Decimal(30), ceiling=None) == 30 * M
    assert allowed_support(100 * M, rate=None, ceiling=None) is None


def item(quantity, price, *, new=True, line=False):
    return EquipmentItem(quantity=quantity, unit_price=price, is_new=new, production_line=line)


def test_used_equipment_is_left_out_and_a_used_line_item_does_not_raise_the_ceiling():
    items = [item(2, 100 * M), item(1, 300 * M, new=False, line=True)]
    assert equipment_costs(items) == (200 * M, 300 * M, False)


@pytest.mark.django_db
def test_the_limit_of_a_proposal_step_by_step(applicant, facility):
    local_rule()
    plan = make_plan()
    proposal = equipment_proposal(
        applicant,
        plan,
        facility,
        items=((2, 300 * M, True, True), (1, 100 * M, False, False)),
        asked=380 * M,
    )
    limit = support_limit(proposal)
    assert (limit.cost, limit.excluded_cost, limit.production_line) == (600 * M, 100 * M, True)
    assert (limit.by_rate, limit.cap, limit.allowed) == (300 * M, 375 * M, 300 * M)
    assert limit.asked == 380 * M and limit.exceeded
    text = "\n".join(limit.steps)
    assert "100.000.000 ₫" in text  # the used machine, left out
    assert "250.000.000 ₫ × 1,5 = 375.000.000 ₫" in text
    assert "Nghị quyết 11/2025/NQ-HĐND" in limit.refusal()
    assert "300.000.000 ₫" in limit.refusal()


@pytest.mark.django_db
def test_the_rule_in_force_on_the_day_decides(applicant, facility):
    """A new rule from 1 July: a submission on 30 June reads the old one, on 1 July the new."""
    plan = make_plan()
    year = plan.year
    local_rule(valid_from=datetime.date(2025, 1, 1), valid_to=datetime.date(year, 6, 30))
    local_rule(rate=40, ceiling=200 * M, valid_from=datetime.date(year, 7, 1))
    proposal = equipment_proposal(applicant, plan, facility)
    before = support_limit(proposal, on=datetime.date(year, 6, 30))
    after = support_limit(proposal, on=datetime.date(year, 7, 1))
    assert before.allowed == 200 * M  # 50 % of 400 million
    assert after.allowed == 160 * M  # 40 % of 400 million
    assert support_limit(proposal, on=datetime.date(2024, 12, 31)).rule is None


money = st.integers(min_value=0, max_value=10**13)
rates = st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2))
ceilings = st.one_of(st.none(), st.integers(min_value=0, max_value=10**12))
multipliers = st.decimals(min_value=1, max_value=10, places=2)


@settings(max_examples=300, deadline=None)
@given(money, money, rates, ceilings, multipliers, st.booleans())
def test_the_support_never_exceeds_its_caps_and_never_falls_as_the_cost_rises(
    cost, more, rate, ceiling, multiplier, line
):
    def limit(c):
        return allowed_support(
            c, rate=rate, ceiling=ceiling, multiplier=multiplier, production_line=line
        )

    allowed = limit(cost)
    if rate is None and ceiling is None:
        assert allowed is None
        return
    assert allowed >= 0
    if rate is not None:
        assert allowed <= cost * rate / 100
    if ceiling is not None:
        assert allowed <= ceiling * (multiplier if line else 1)
    assert limit(cost + more) >= allowed
