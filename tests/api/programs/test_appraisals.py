import pytest

from core.workflow import transition
from programs.models import AppraisalCouncil
from tests.programs.world import equipment_proposal

pytestmark = pytest.mark.django_db

URL = "/api/v1/appraisals/"


@pytest.fixture
def in_appraisal(draft, applicant, officer, plan, facility):
    """Two proposals under appraisal."""
    second = equipment_proposal(applicant, plan, facility, title="Máy thứ hai")
    moved = []
    for proposal in (draft, second):
        proposal = transition(proposal, action="submit", actor=applicant)
        moved.append(transition(proposal, action="start_appraisal", actor=officer))
    return moved


@pytest.fixture
def council_body(plan, in_appraisal, judge, other_judge, manager):
    return {
        "plan": plan.pk,
        "name": "Hội đồng thẩm định 2026",
        "decision_number": "12/QĐ-TTKC",
        "decision_date": "2026-03-02",
        "proposals": [p.pk for p in in_appraisal],
        "member_list": [
            {"user": manager.pk, "role": "chair"},
            {"user": judge.pk, "role": "member"},
            {"user": other_judge.pk, "role": "secretary"},
        ],
    }


@pytest.fixture
def council(api_as, officer, council_body):
    response = api_as(officer).post(URL, council_body, format="json")
    assert response.status_code == 201, response.content
    return AppraisalCouncil.objects.get(pk=response.json()["id"])


def opinions(council) -> str:
    return f"{URL}{council.pk}/opinions/"


@pytest.mark.parametrize(
    ("persona", "status"), [("manager", 403), ("judge", 403), ("officer", 201), ("admin", 201)]
)
def test_officers_set_up_councils(api_as, personas, council_body, persona, status):
    response = api_as(personas[persona]).post(URL, council_body, format="json")

    assert response.status_code == status
    if status == 201:
        data = response.json()
        assert [m["role"] for m in data["members"]] == ["chair", "member", "secretary"]
        assert [r["rank"] for r in data["ranking"]] == [None, None]


def test_two_chairs_are_a_field_error(api_as, officer, council_body, judge):
    council_body["member_list"][1]["role"] = "chair"

    response = api_as(officer).post(URL, council_body, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["members"]


def test_applicants_never_see_councils(api_as, applicant, council):
    client = api_as(applicant)

    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}{council.pk}/").status_code == 404
    assert client.get(opinions(council)).status_code == 404
    assert client.post(URL, {}, format="json").status_code == 404


def test_staff_list_councils_a_member_its_own(api_as, officer, judge, chair, council):
    assert [c["id"] for c in api_as(officer).get(URL).json()["results"]] == [council.pk]
    assert [c["id"] for c in api_as(judge).get(URL).json()["results"]] == [council.pk]
    assert api_as(chair).get(URL).json()["results"] == []


def test_members_give_opinions_and_the_ranking_follows(
    api_as, manager, judge, officer, council, in_appraisal
):
    first, second = in_appraisal
    chair, member = api_as(manager), api_as(judge)

    assert (
        chair.post(
            opinions(council),
            {"proposal": first.pk, "verdict": "agree", "score": 80},
            format="json",
        ).status_code
        == 200
    )
    assert (
        member.post(
            opinions(council),
            {"proposal": first.pk, "verdict": "agree", "score": 90},
            format="json",
        ).status_code
        == 200
    )
    changed = member.post(
        opinions(council),
        {"proposal": second.pk, "verdict": "agree_with_changes", "score": 95, "comment": "Sửa."},
        format="json",
    )

    assert changed.status_code == 200
    ranking = api_as(officer).get(f"{URL}{council.pk}/").json()["ranking"]
    assert [(r["proposal"], r["mean_score"], r["rank"]) for r in ranking] == [
        (second.pk, 95.0, 1),
        (first.pk, 85.0, 2),
    ]
    assert len(api_as(officer).get(opinions(council)).json()) == 3
    assert len(member.get(opinions(council)).json()) == 2


def test_a_member_updates_its_opinion(api_as, judge, council, in_appraisal):
    client = api_as(judge)
    body = {"proposal": in_appraisal[0].pk, "verdict": "agree", "score": 60}
    client.post(opinions(council), body, format="json")

    client.post(opinions(council), {**body, "score": 70}, format="json")

    assert [o["score"] for o in client.get(opinions(council)).json()] == [70]


def test_opinion_refusals(api_as, judge, other_judge, officer, council, in_appraisal):
    body = {"proposal": in_appraisal[0].pk, "verdict": "agree", "score": 60}

    secretary = api_as(other_judge).post(opinions(council), body, format="json")
    not_member = api_as(officer).post(opinions(council), body, format="json")
    no_comment = api_as(judge).post(
        opinions(council), {**body, "verdict": "disagree"}, format="json"
    )
    over = api_as(judge).post(opinions(council), {**body, "score": 101}, format="json")

    assert (secretary.status_code, not_member.status_code) == (403, 403)
    assert (no_comment.status_code, list(no_comment.json())) == (400, ["comment"])
    assert (over.status_code, list(over.json())) == (400, ["score"])


def test_a_proposal_the_council_does_not_appraise(
    api_as, judge, council, applicant, plan, facility
):
    outside = equipment_proposal(applicant, plan, facility)

    response = api_as(judge).post(
        opinions(council), {"proposal": outside.pk, "verdict": "agree", "score": 50}, format="json"
    )

    assert (response.status_code, list(response.json())) == (400, ["proposal"])


def test_the_conclusion_closes_the_opinions(api_as, officer, judge, council, in_appraisal):
    refused = api_as(judge).post(f"{URL}{council.pk}/conclude/", {"conclusion": "X"})
    empty = api_as(officer).post(f"{URL}{council.pk}/conclude/", {"conclusion": ""})
    concluded = api_as(officer).post(
        f"{URL}{council.pk}/conclude/",
        {"conclusion": "Đề nghị phê duyệt.", "concluded_on": "2026-03-10"},
    )
    late = api_as(judge).post(
        opinions(council),
        {"proposal": in_appraisal[0].pk, "verdict": "agree", "score": 60},
        format="json",
    )

    assert refused.status_code == 403
    assert (empty.status_code, list(empty.json())) == (400, ["conclusion"])
    assert concluded.status_code == 200
    assert concluded.json()["concluded_on"] == "2026-03-10"
    assert late.status_code == 400
