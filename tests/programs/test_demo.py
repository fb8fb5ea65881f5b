"""The programme demo on its own (after the demo accounts and facilities): the seed's 2024
extension year and the 2026 plan, through the services, and a second run creating nothing."""

import datetime
from collections import Counter

import pytest
from django.utils import timezone

from applicants import demo as applicants_demo
from core import demo as core_demo
from core.activity import history_of
from core.models import ActivityLog
from programs import demo
from programs.exports.proposals import ProposalList
from programs.models import AppraisalOpinion, Payment, Plan, Proposal, SupportRule
from programs.money import money_of
from programs.services.appraisal import ranking
from programs.support import support_limit
from tests.awards.export_files import sheet_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    core_demo.seed_organisation()
    users = {s.account.username: s.user for s in core_demo.seed_accounts()}
    applicants_demo.seed_facilities(officer=users["officer"], members=users)
    result = demo.seed_programs(officer=users["officer"], manager=users["manager"], members=users)
    return users, result


def test_the_2024_local_plan(seeded):
    users, result = seeded
    assert (result.plans_created, result.proposals_created) == (3, 25 + 4 + 3 + 6 + 5)
    plan = Plan.objects.get(year=2024, fund_source="local")
    assert plan.state == "approved" and plan.decision_date == datetime.date(2024, 4, 19)
    proposals = plan.proposals.select_related("activity")
    equipment = [p for p in proposals if p.activity.code == "equipment"]
    assert len(equipment) == 25 and {p.state for p in equipment} == {"approved"}
    rule = SupportRule.objects.get(fund_source="local", activity__code="equipment")
    assert (rule.max_rate, rule.ceiling, rule.valid_from) == (
        50,
        250_000_000,
        datetime.date(2024, 1, 1),
    )
    for proposal in equipment:
        limit = support_limit(proposal)
        assert limit.rule == rule and not limit.exceeded
        assert proposal.approved_funding == limit.asked > 0
        assert timezone.localdate(proposal.submitted_at).year == 2024
    council = plan.councils.get()
    assert council.concluded_on == datetime.date(2024, 4, 5)
    assert Counter(council.members.values_list("role", flat=True)) == {
        "chair": 1,
        "member": 1,
        "secretary": 1,
    }
    assert AppraisalOpinion.objects.filter(member__council=council).count() == 25 * 2
    assert [row.rank is not None for row in ranking(council)] == [True] * 25
    carried = [p for p in proposals if p.activity.code != "equipment"]
    assert Counter(p.activity.code for p in carried)["training"] == 3
    assert len(carried) == 7 and {p.state for p in carried} == {"settled"}
    for proposal in carried:
        money = money_of(proposal)
        assert money.remaining == 0 and money.settled
        steps = [
            (r.transition, timezone.localdate(r.created_at).year)
            for r in history_of(proposal).filter(action="transition").order_by("created_at", "id")
        ]
        assert {year for _t, year in steps} == {2024}
        assert [t for t, _y in steps][-1] == "settle"
    # The whole history of the 2024 proposals is dated 2024 (core.clock), lines and payments too.
    logs = ActivityLog.objects.filter(
        content_type__model="proposal", object_id__in=[str(p.pk) for p in proposals]
    )
    assert {timezone.localdate(log.created_at).year for log in logs} == {2024}
    assert {timezone.localdate(p.created_at).year for p in Payment.objects.all()} >= {2024}
    # The list of the plan holds all 32.
    assert ProposalList(user=users["officer"], subject=plan).row_count() == 32
    sheet_of(ProposalList(user=users["officer"], subject=plan))


def test_the_national_plan_and_the_2026_plan(seeded):
    _users, _result = seeded
    national = Plan.objects.get(year=2024, fund_source="national")
    assert Counter(national.proposals.values_list("state", flat=True)) == {
        "submitted": 4,
        "appraisal": 2,
    }
    plan = Plan.objects.get(year=2026, fund_source="local")
    states = Counter(plan.proposals.values_list("state", flat=True))
    assert states == {"draft": 2, "submitted": 2, "in_progress": 1}
    drafts = plan.proposals.filter(state="draft")
    assert {p.created_by.username for p in drafts} == {"applicant"}
    running = plan.proposals.get(state="in_progress")
    assert [p.kind for p in Payment.objects.filter(proposal=running)] == ["advance"]
    assert 0 < money_of(running).remaining < running.approved_funding


def test_a_second_run_creates_nothing(seeded):
    users, _result = seeded
    counts = (
        Plan.objects.count(),
        Proposal.objects.count(),
        Payment.objects.count(),
        SupportRule.objects.count(),
    )
    again = demo.seed_programs(officer=users["officer"], manager=users["manager"], members=users)
    assert (again.plans_created, again.proposals_created) == (0, 0)
    assert (again.plans_kept, again.proposals_kept) == (3, 43)
    assert counts == (
        Plan.objects.count(),
        Proposal.objects.count(),
        Payment.objects.count(),
        SupportRule.objects.count(),
    )
