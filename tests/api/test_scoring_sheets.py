"""/api/v1/score-sheets/ and /api/v1/rounds/{id}/progress/."""

import json

import pytest
from django.utils import translation

from awards.models import ScoreSheet
from core.workflow import transition
from tests.awards.scoring_world import FULL, make_judging, split_first_criterion
from tests.factories import EntryFactory, ScoreSheetFactory, give_scores

pytestmark = pytest.mark.django_db

LIST = "/api/v1/score-sheets/"


def detail(sheet) -> str:
    return f"/api/v1/score-sheets/{sheet.pk}/"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def j(judge, chair, facility):
    return make_judging(judge, chair, facility=facility)


def _en(client):
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def test_judge_lists_their_own_sheets_only(api_as, j, judge, other_judge):
    answer = api_as(judge).get(LIST)
    other = api_as(other_judge).get(LIST)

    assert answer.status_code == 200
    assert [row["id"] for row in answer.json()["results"]] == [j.sheet.pk]
    assert other.json()["results"] == []


def test_chair_lists_their_panel_s_sheets(api_as, j, chair):
    answer = api_as(chair).get(LIST)

    assert sorted(row["id"] for row in answer.json()["results"]) == sorted(
        [j.sheet.pk, j.chair_sheet.pk]
    )


def test_judge_who_has_not_declared_sees_no_sheet(api_as, judge, chair):
    j = make_judging(judge, chair, declared=False)

    assert api_as(judge).get(LIST).json()["results"] == []
    assert api_as(judge).get(detail(j.sheet)).status_code == 404


def test_sheet_representation(api_as, j, judge):
    give_scores(j.sheet, [35.5, 30, 8, 7.5])

    data = api_as(judge).get(detail(j.sheet)).json()

    assert {k: v for k, v in data.items() if k != "available_transitions"} == {
        "id": j.sheet.pk,
        "round": j.round.pk,
        "panel": j.panel.pk,
        "entry": j.entry.pk,
        "voting_code": j.entry.voting_code,
        "product_name": "Kẹo dừa sáp",
        "product_group": 2,
        "facility": None,
        "judge": judge.full_name,
        "state": "draft",
        "state_label": "Bản nháp",
        "scores": [
            {"criterion": "1", "points": "35.5", "note": ""},
            {"criterion": "2", "points": "30.0", "note": ""},
            {"criterion": "3", "points": "8.0", "note": ""},
            {"criterion": "4", "points": "7.5", "note": ""},
        ],
        "total": "81.0",
        "comment": "",
        "entered_by": None,
        "submitted_at": None,
    }
    assert [t["action"] for t in data["available_transitions"]] == ["submit"]


def test_filter_by_round_and_state(api_as, j, judge, chair):
    other = make_judging(judge, chair)
    give_scores(other.sheet, [1, 1, 1, 1], submit=True)
    client = api_as(judge)

    by_round = client.get(LIST, {"round": other.round.pk}).json()["results"]
    by_state = client.get(LIST, {"state": "submitted"}).json()["results"]
    drafts = client.get(LIST, {"state": "draft"}).json()["results"]

    assert [r["id"] for r in by_round] == [other.sheet.pk]
    assert [r["id"] for r in by_state] == [other.sheet.pk]
    assert [r["id"] for r in drafts] == [j.sheet.pk]


def test_put_scores_and_comment(api_as, j, judge):
    body = {"scores": FULL, "comment": "Sản phẩm đẹp"}

    answer = api_as(judge).put(detail(j.sheet), body, format="json")

    assert answer.status_code == 200, answer.json()
    assert answer.json()["total"] == "81.0"
    assert answer.json()["comment"] == "Sản phẩm đẹp"


def test_put_replaces_the_sheet_and_patch_changes_what_it_lists(api_as, j, judge):
    client = api_as(judge)
    client.put(detail(j.sheet), {"scores": FULL, "comment": "Tốt"}, format="json")

    patched = client.patch(
        detail(j.sheet), {"scores": [{"criterion": "2", "points": "20"}]}, format="json"
    ).json()
    put = client.put(
        detail(j.sheet), {"scores": [{"criterion": "1", "points": 10}]}, format="json"
    ).json()

    assert (patched["total"], patched["comment"]) == ("71.0", "Tốt")
    assert [s["criterion"] for s in put["scores"]] == ["1"]
    assert (put["total"], put["comment"]) == ("10.0", "")


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ("45", "Give between 0 and 40 points."),
        ("-1", "Give between 0 and 40 points."),
        ("35.3", "Points go in steps of 0.5 (such as 35 or 35.5)."),
        ("trên 30", "Enter the points as a number, such as 35.5."),
    ],
)
def test_put_invalid_points_answers_field_errors_by_criterion(api_as, j, judge, points, message):
    body = {"scores": [{"criterion": "1", "points": points}, FULL[1]]}

    answer = _en(api_as(judge)).patch(detail(j.sheet), body, format="json")

    assert answer.status_code == 400
    assert answer.json() == {"scores": {"1": [message]}}
    assert j.sheet.scores.count() == 0


def test_put_unknown_and_parent_criterion_answer_on_their_code(api_as, j, judge):
    split_first_criterion(j.round)
    body = {
        "scores": [
            {"criterion": "1", "points": "30"},
            {"criterion": "1.1", "points": "20"},
            {"criterion": "X", "points": "3"},
        ]
    }

    answer = _en(api_as(judge)).patch(detail(j.sheet), body, format="json")

    assert answer.status_code == 400
    assert answer.json() == {
        "scores": {
            "1": ["This criterion has sub-criteria: its points are the sum of theirs."],
            "X": ["This criterion is not one of the round's."],
        }
    }


def test_errors_in_vietnamese_by_default(api_as, j, judge):
    with translation.override("vi"):
        answer = api_as(judge).patch(
            detail(j.sheet), {"scores": [{"criterion": "1", "points": "41"}]}, format="json"
        )

    assert answer.json() == {"scores": {"1": ["Điểm phải từ 0 đến 40."]}}


def test_put_on_someone_else_s_sheet(api_as, j, chair, other_judge, officer):
    body = {"scores": FULL}

    assert api_as(other_judge).put(detail(j.sheet), body, format="json").status_code == 404
    assert api_as(chair).put(detail(j.sheet), body, format="json").status_code == 403
    assert api_as(officer).put(detail(j.sheet), body, format="json").status_code == 403
    assert j.sheet.scores.count() == 0


def test_put_after_submission_and_after_judging(api_as, j, judge, chair, officer):
    give_scores(j.sheet, [30, 30, 8, 8], submit=True)
    submitted = _en(api_as(judge)).patch(detail(j.sheet), {"scores": FULL}, format="json")
    transition(j.round, action="end_judging", actor=officer)
    ended = _en(api_as(chair)).patch(detail(j.chair_sheet), {"scores": FULL}, format="json")

    assert submitted.status_code == 400
    assert submitted.json() == {
        "non_field_errors": [
            "This sheet was submitted: it changes only once the chair or an officer reopens it."
        ]
    }
    assert ended.status_code == 400
    assert ended.json() == {
        "non_field_errors": ["Score sheets change only while the round is judging."]
    }


def test_secretary_enters_a_paper_sheet_through_the_api(api_as, j):
    client = api_as(j.secretary)

    answer = client.put(detail(j.sheet), {"scores": FULL}, format="json")
    submitted = client.post(detail(j.sheet) + "transition/", {"action": "submit"}, format="json")

    assert answer.status_code == 200
    assert answer.json()["entered_by"] == j.secretary.full_name
    assert answer.json()["scores"][0]["points"] == "35.5"
    assert submitted.json()["state"] == "submitted"


def test_submit_through_the_transition_endpoint_requires_all_scores(api_as, j, judge):
    client = _en(api_as(judge))
    client.patch(detail(j.sheet), {"scores": FULL[:2]}, format="json")

    refused = client.post(detail(j.sheet) + "transition/", {"action": "submit"}, format="json")
    client.patch(detail(j.sheet), {"scores": FULL[2:]}, format="json")
    done = client.post(detail(j.sheet) + "transition/", {"action": "submit"}, format="json")

    assert refused.status_code == 400
    assert refused.json() == {"requirements": ["Give points for every criterion; missing: 3, 4."]}
    assert done.status_code == 200
    assert done.json()["state"] == "submitted"


def test_reopen_through_the_transition_endpoint(api_as, j, chair, officer):
    give_scores(j.sheet, [30, 30, 8, 8], submit=True)
    url = detail(j.sheet) + "transition/"

    no_reason = _en(api_as(chair)).post(url, {"action": "reopen_by_chair"}, format="json")
    by_chair = api_as(chair).post(
        url, {"action": "reopen_by_chair", "note": "Chấm lại tiêu chí 2"}, format="json"
    )
    give_scores(j.sheet, [30, 30, 8, 8], submit=True)
    by_officer = api_as(officer).post(
        url, {"action": "reopen_by_officer", "note": "Nhầm điểm"}, format="json"
    )

    assert no_reason.status_code == 400
    assert list(no_reason.json()) == ["note"]
    assert by_chair.status_code == 200
    assert by_officer.json()["state"] == "draft"


# ---- What a chair and a blind round's judges read -------------------------------------------


def test_chair_does_not_see_another_judge_s_scores(api_as, j, chair):
    give_scores(j.sheet, [30, 30, 8, 8], submit=True)
    j.sheet.comment = "Nhận xét riêng"
    j.sheet.save()

    listed = {r["id"]: r for r in api_as(chair).get(LIST).json()["results"]}[j.sheet.pk]
    shown = api_as(chair).get(detail(j.sheet)).json()
    own = api_as(chair).get(detail(j.chair_sheet)).json()

    for data in (listed, shown):
        assert (data["scores"], data["total"], data["comment"]) == (None, None, None)
    assert own["scores"] == []
    assert own["total"] == "0.0"


def test_chair_sees_other_scores_when_the_round_allows(api_as, judge, chair):
    j = make_judging(judge, chair, judges_see_other_scores=True)
    give_scores(j.sheet, [30, 30, 8, 8], submit=True)

    shown = api_as(chair).get(detail(j.sheet)).json()

    assert shown["total"] == "76.0"
    assert len(shown["scores"]) == 4


def _leaks(text: str, facility) -> list[str]:
    secrets = [
        facility.name,
        facility.tax_code,
        facility.address_line,
        facility.phone,
        facility.email,
        facility.representative_name,
    ]
    return [s for s in secrets if s and s in text]


def test_blind_round_leaks_no_facility_data_through_score_sheets(api_as, j, judge, chair, facility):
    give_scores(j.sheet, [30, 30, 8, 8])
    answers = []
    for user, sheet in ((judge, j.sheet), (chair, j.sheet), (chair, j.chair_sheet)):
        client = api_as(user)
        answers.append(client.get(LIST))
        answers.append(client.get(detail(sheet)))
        answers.append(client.get(detail(sheet) + "history/"))
    answers.append(
        api_as(judge).post(detail(j.sheet) + "transition/", {"action": "submit"}, format="json")
    )
    answers.append(
        api_as(chair).post(
            detail(j.sheet) + "transition/",
            {"action": "reopen_by_chair", "note": "Xem lại"},
            format="json",
        )
    )
    answers.append(api_as(judge).patch(detail(j.sheet), {"scores": FULL}, format="json"))

    assert [a.status_code for a in answers] == [200] * len(answers)
    for answer in answers:
        text = json.dumps(answer.json(), ensure_ascii=False)
        assert _leaks(text, facility) == [], text
    assert answers[1].json()["facility"] is None


def test_round_showing_identity_shows_the_facility_name(api_as, judge, chair, facility):
    j = make_judging(judge, chair, facility=facility, judges_see_identity=True)

    data = api_as(judge).get(detail(j.sheet)).json()

    assert data["facility"] == {"id": facility.pk, "name": facility.name}


def test_staff_see_the_facility_and_every_sheet(api_as, j, officer, manager, facility):
    for user in (officer, manager):
        results = api_as(user).get(LIST).json()["results"]
        assert sorted(r["id"] for r in results) == sorted([j.sheet.pk, j.chair_sheet.pk])
        assert results[0]["facility"]["name"] == facility.name


def test_applicants_see_no_sheet(api_as, j, applicant):
    assert api_as(applicant).get(LIST).json()["results"] == []
    assert api_as(applicant).get(detail(j.sheet)).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_score_sheet_list_query_count_is_constant(
    api_as, judge, chair, django_assert_num_queries, count
):
    j = make_judging(judge, chair)
    give_scores(j.sheet, [30, 30, 8, 8])
    for _ in range(count - 1):
        sheet = ScoreSheetFactory(
            panel=j.panel,
            judge=judge,
            entry=EntryFactory(round=j.round, state="eligible"),
        )
        give_scores(sheet, [10, 10, 5, 5], submit=True)
    client = api_as(chair)
    client.get(LIST)  # warm the caches of things read once per process (content types)

    with django_assert_num_queries(5):
        answer = client.get(LIST)

    assert len(answer.json()["results"]) == count + 1
    assert ScoreSheet.objects.count() == count + 1


# ---- Progress -------------------------------------------------------------------------------


def progress(award_round) -> str:
    return f"/api/v1/rounds/{award_round.pk}/progress/"


def test_progress_numbers_for_an_officer(api_as, j, judge, chair, officer):
    give_scores(j.sheet, [30, 30, 8, 8], submit=True)
    give_scores(j.chair_sheet, {"1": 30})  # begun only
    extra = EntryFactory(round=j.round, state="eligible")
    ScoreSheetFactory(panel=j.panel, judge=judge, entry=extra)

    data = api_as(officer).get(progress(j.round)).json()

    assert data["round"] == j.round.pk
    assert data["panels"] == [{"id": j.panel.pk, "name": j.panel.name}]
    judges = {row["judge"]: row for row in data["judges"]}
    assert {k: v for k, v in judges[judge.pk].items() if k != "name"} == {
        "judge": judge.pk,
        "panel": j.panel.pk,
        "assigned": 2,
        "drafted": 0,
        "submitted": 1,
    }
    assert (judges[chair.pk]["assigned"], judges[chair.pk]["drafted"]) == (1, 1)
    entries = {row["entry"]: row for row in data["entries"]}
    assert entries[j.entry.pk] == {
        "entry": j.entry.pk,
        "voting_code": j.entry.voting_code,
        "product_group": 2,
        "panel": j.panel.pk,
        "submitted": 1,
        "minimum": 3,
        "complete": False,
    }
    assert entries[extra.pk]["submitted"] == 0


def test_progress_for_chair_judge_and_applicant(api_as, j, judge, chair, other_judge, applicant):
    assert api_as(chair).get(progress(j.round)).status_code == 200
    assert api_as(judge).get(progress(j.round)).status_code == 403
    assert api_as(other_judge).get(progress(j.round)).status_code == 403
    assert api_as(applicant).get(progress(j.round)).status_code == 404


def test_progress_of_a_chair_covers_their_panels_only(api_as, j, judge, chair):
    from tests.factories import PanelFactory, PanelMemberFactory, ProductGroup

    group = ProductGroup.objects.get(code=1)
    j.panel.product_groups.remove(group)
    other_panel = PanelFactory(round=j.round, name="Hội đồng thủ công", groups=[group])
    PanelMemberFactory(panel=other_panel, judge=judge, role="chair")
    EntryFactory(round=j.round, state="eligible", product_group=group)

    data = api_as(chair).get(progress(j.round)).json()

    assert [p["id"] for p in data["panels"]] == [j.panel.pk]
    assert {row["panel"] for row in data["entries"]} == {j.panel.pk}


@pytest.mark.parametrize("count", [1, 3])
def test_progress_query_count_is_constant(
    api_as, judge, chair, officer, django_assert_num_queries, count
):
    j = make_judging(judge, chair)
    for _ in range(count - 1):
        entry = EntryFactory(round=j.round, state="eligible")
        give_scores(ScoreSheetFactory(panel=j.panel, judge=judge, entry=entry), {"1": 5})
    client = api_as(officer)
    client.get(progress(j.round))

    with django_assert_num_queries(7):
        answer = client.get(progress(j.round))

    assert len(answer.json()["entries"]) == count
