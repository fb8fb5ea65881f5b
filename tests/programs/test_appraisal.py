"""Appraisal councils: members' opinions, the ranking they give, the conclusion."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.roles import Role
from core.workflow import transition
from programs.services.appraisal import conclude, create_council, give_opinion, ranking
from tests.factories import UserFactory
from tests.programs.world import equipment_proposal, local_rule, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(applicant, facility, officer):
    local_rule()
    plan = make_plan()
    proposals = []
    for _ in range(3):
        proposal = equipment_proposal(applicant, plan, facility)
        proposal = transition(proposal, action="submit", actor=applicant)
        proposals.append(transition(proposal, action="start_appraisal", actor=officer))
    members = [UserFactory(role=Role.OFFICER) for _ in range(3)]
    return create_council(
        actor=officer,
        plan=plan,
        data={"name": "Hội đồng thẩm định đề án 2026"},
        proposals=proposals,
        members=[(members[0], "chair"), (members[1], "member"), (members[2], "secretary")],
    )


def opinion(member, council, proposal, score, verdict="agree", comment=""):
    return give_opinion(
        actor=member,
        council=council,
        proposal=proposal,
        data={"verdict": verdict, "score": score, "comment": comment},
    )


def test_the_ranking_follows_the_mean_score_and_unscored_come_last(council):
    chair, member = (m.user for m in council.members.exclude(role="secretary").order_by("role"))
    first, second, third = council.proposals.order_by("code")
    opinion(chair, council, first, 70)
    opinion(member, council, first, 80)
    opinion(chair, council, second, 90, "agree_with_changes", "Giảm số lượng máy.")
    opinion(member, council, second, 90)
    rows = ranking(council)
    assert [(r.proposal, r.mean_score, r.rank) for r in rows] == [
        (second, 90, 1),
        (first, 75, 2),
        (third, None, None),
    ]
    assert (rows[0].agree, rows[0].agree_with_changes) == (1, 1)


def test_a_member_changes_its_opinion_until_the_council_concludes(council, officer):
    chair = council.members.get(role="chair").user
    proposal = council.proposals.first()
    opinion(chair, council, proposal, 60)
    opinion(chair, council, proposal, 65)
    assert [r.mean_score for r in ranking(council) if r.proposal == proposal] == [65]
    conclude(
        actor=officer, council=council, conclusion="Đề nghị phê duyệt.", on=timezone.localdate()
    )
    with pytest.raises(ValidationError):
        opinion(chair, council, proposal, 99)


def test_who_gives_opinions(council, applicant, officer):
    proposal = council.proposals.first()
    secretary = council.members.get(role="secretary").user
    for outsider in (applicant, officer, secretary):
        with pytest.raises(PermissionDenied):
            opinion(outsider, council, proposal, 50)


def test_bad_opinions_get_field_errors(council):
    chair = council.members.get(role="chair").user
    proposal = council.proposals.first()
    with pytest.raises(ValidationError) as refused:
        opinion(chair, council, proposal, 101)
    assert "score" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        opinion(chair, council, proposal, 40, verdict="disagree")
    assert "comment" in refused.value.message_dict


def test_a_council_has_one_chair_and_appraises_its_plan_only(council, officer, applicant, facility):
    other_plan = make_plan(year=council.plan.year + 1)
    foreign = equipment_proposal(applicant, other_plan, facility)
    user = UserFactory(role=Role.OFFICER)
    with pytest.raises(ValidationError) as refused:
        create_council(
            actor=officer,
            plan=council.plan,
            data={"name": "Hội đồng 2"},
            proposals=[foreign],
            members=[(user, "chair"), (UserFactory(role=Role.OFFICER), "chair")],
        )
    assert {"proposals", "members"} <= set(refused.value.message_dict)
    with pytest.raises(PermissionDenied):
        create_council(actor=applicant, plan=council.plan, data={"name": "x"})


def test_a_conclusion_is_written(council, officer):
    with pytest.raises(ValidationError) as refused:
        conclude(actor=officer, council=council, conclusion="  ", on=timezone.localdate())
    assert "conclusion" in refused.value.message_dict
