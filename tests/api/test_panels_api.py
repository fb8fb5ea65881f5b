"""/api/v1/panels/, /api/v1/conflicts/, /api/v1/assignments/ (api.awards.panels)."""

from unittest.mock import ANY

import pytest
from rest_framework.test import APIClient

from awards.models import Conflict, ConflictDeclaration, Panel, ProductGroup, ScoreSheet
from core.roles import Role
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    PanelFactory,
    PanelMemberFactory,
    ScoreSheetFactory,
    UserFactory,
    give_scores,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_as():
    """api_as(user) -> an APIClient authenticated as that user, asking for English (the
    messages as written in the source); api_as(user, "vi") in Vietnamese."""

    def make(user, language="en"):
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
        client.force_authenticate(user)
        return client

    return make


def group(code):
    return ProductGroup.objects.get(code=code)


@pytest.fixture
def screening_round():
    return AwardRoundFactory(state="screening")


def seated_panel(award_round, chair, *members, groups=(2,), name=None):
    panel = PanelFactory(
        round=award_round, groups=[group(c) for c in groups], **({"name": name} if name else {})
    )
    PanelMemberFactory(panel=panel, judge=chair, role="chair")
    for member in members:
        PanelMemberFactory(panel=panel, judge=member)
    return panel


# ---- Panels -----------------------------------------------------------------------------------


def test_create_panel_answers_its_representation(api_as, officer, screening_round, chair, judge):
    response = api_as(officer).post(
        "/api/v1/panels/",
        {
            "round": screening_round.pk,
            "name": "Hội đồng nhóm 2",
            "product_groups": [2],
            "members": [
                {"judge": chair.pk, "role": "chair"},
                {"judge": judge.pk, "role": "member"},
            ],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    panel = Panel.objects.get()
    assert body == {
        "id": panel.pk,
        "round": screening_round.pk,
        "name": "Hội đồng nhóm 2",
        "product_groups": [2],
        "members": [
            {"judge": chair.pk, "name": chair.full_name, "role": "chair"},
            {"judge": judge.pk, "name": judge.full_name, "role": "member"},
        ],
    }


def test_panel_errors_are_field_level(api_as, officer, screening_round, applicant, judge):
    seated_panel(screening_round, UserFactory(role=Role.JUDGE), name="Hội đồng A")
    response = api_as(officer).post(
        "/api/v1/panels/",
        {
            "round": screening_round.pk,
            "name": "Hội đồng A",
            "product_groups": [2],
            "members": [
                {"judge": applicant.pk, "role": "chair"},
                {"judge": judge.pk, "role": "member"},
            ],
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "name": ["This round already has a panel with this name."],
        "product_groups": [f"The group “{group(2)}” is already judged by the panel “Hội đồng A”."],
        "members": {"0": {"judge": ["Choose an active account with the judge role."]}},
    }


def test_panel_errors_in_vietnamese(api_as, officer, screening_round, judge):
    response = api_as(officer, "vi").post(
        "/api/v1/panels/",
        {
            "round": screening_round.pk,
            "name": "Hội đồng",
            "product_groups": [2],
            "members": [{"judge": judge.pk, "role": "member"}],
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"members": ["Hội đồng có một chủ tịch: hãy chọn một người."]}


def test_patch_members_during_judging_and_groups_fixed(api_as, officer, chair, judge, other_judge):
    award_round = AwardRoundFactory(state="judging")
    panel = seated_panel(award_round, chair, judge)

    response = api_as(officer).patch(
        f"/api/v1/panels/{panel.pk}/",
        {
            "members": [
                {"judge": chair.pk, "role": "chair"},
                {"judge": judge.pk, "role": "member"},
                {"judge": other_judge.pk, "role": "secretary"},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert [m["role"] for m in response.json()["members"]] == ["chair", "member", "secretary"]

    response = api_as(officer).patch(
        f"/api/v1/panels/{panel.pk}/", {"product_groups": [2, 3]}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "product_groups": ["Judging has started: the groups a panel judges no longer change."]
    }
    response = api_as(officer).delete(f"/api/v1/panels/{panel.pk}/")
    assert response.status_code == 409


def test_panels_a_judge_reads_are_their_own_and_filter_by_round(
    api_as, screening_round, chair, judge, other_judge, manager
):
    mine = seated_panel(screening_round, chair, judge, name="Hội đồng 1")
    other_round = AwardRoundFactory(state="screening")
    seated_panel(other_round, other_judge, name="Hội đồng 2")

    def ids(user, query=""):
        response = api_as(user).get(f"/api/v1/panels/{query}")
        assert response.status_code == 200
        return [row["id"] for row in response.json()["results"]]

    assert ids(judge) == [mine.pk]
    assert len(ids(manager)) == 2
    assert ids(manager, f"?round={screening_round.pk}") == [mine.pk]


@pytest.mark.parametrize("count", [1, 3])
def test_panel_list_query_count_is_constant(
    api_as, manager, screening_round, count, django_assert_num_queries
):
    for n in range(count):
        seated_panel(
            screening_round,
            UserFactory(role=Role.JUDGE),
            UserFactory(role=Role.JUDGE),
            groups=(n + 1,),
            name=f"Hội đồng {n}",
        )
    client = api_as(manager)
    client.get("/api/v1/panels/")  # warm the role cache of the forced user

    with django_assert_num_queries(4):
        response = client.get("/api/v1/panels/")
    assert len(response.json()["results"]) == count


# ---- Conflicts --------------------------------------------------------------------------------


def test_declare_a_conflict_and_none(api_as, screening_round, chair, judge):
    seated_panel(screening_round, chair, judge)
    entry = EntryFactory(round=screening_round, state="eligible")

    response = api_as(judge).post(
        "/api/v1/conflicts/",
        {"round": screening_round.pk, "facility": entry.facility_id, "reason": "Vợ của chủ"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    conflict = Conflict.objects.get()
    assert response.json() == {
        "id": ConflictDeclaration.objects.get(judge=judge).pk,
        "round": screening_round.pk,
        "judge": {"id": judge.pk, "name": judge.full_name},
        "declared_at": response.json()["declared_at"],
        "none": False,
        "conflicts": [
            {
                "id": conflict.pk,
                "facility": {"id": entry.facility_id, "name": entry.facility.name},
                "reason": "Vợ của chủ",
                "declared_at": response.json()["conflicts"][0]["declared_at"],
            }
        ],
    }

    response = api_as(judge).post(
        "/api/v1/conflicts/", {"round": screening_round.pk, "none": True}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["none"]

    response = api_as(chair).post(
        "/api/v1/conflicts/", {"round": screening_round.pk, "none": True}, format="json"
    )
    assert response.status_code == 201
    assert (response.json()["none"], response.json()["conflicts"]) == (True, [])


def test_conflict_errors_are_the_body_fields(api_as, screening_round, chair, judge, other_judge):
    seated_panel(screening_round, chair, judge)
    client = api_as(judge)

    response = client.post(
        "/api/v1/conflicts/",
        {"round": screening_round.pk, "facility": 999999, "reason": " "},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "facility": ["This facility has no entry in the groups your panels judge."],
        "reason": ["Say what the conflict of interest is."],
    }
    response = client.post("/api/v1/conflicts/", {"round": screening_round.pk}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["facility"]
    response = api_as(other_judge).post(
        "/api/v1/conflicts/", {"round": screening_round.pk, "none": True}, format="json"
    )
    assert response.status_code == 403


def test_conflict_list_a_judge_their_own_staff_all(
    api_as, screening_round, chair, judge, officer, django_assert_num_queries
):
    seated_panel(screening_round, chair, judge)
    ConflictDeclaration.objects.create(round=screening_round, judge=chair)
    ConflictDeclaration.objects.create(round=screening_round, judge=judge)

    mine = api_as(judge).get(f"/api/v1/conflicts/?round={screening_round.pk}").json()["results"]
    assert [row["judge"]["id"] for row in mine] == [judge.pk]
    every = api_as(officer).get("/api/v1/conflicts/").json()["results"]
    assert {row["judge"]["id"] for row in every} == {judge.pk, chair.pk}


@pytest.mark.parametrize("count", [1, 3])
def test_conflict_list_query_count_is_constant(api_as, officer, count, django_assert_num_queries):
    for _ in range(count):
        award_round = AwardRoundFactory(state="screening")
        person = UserFactory(role=Role.JUDGE)
        seated_panel(award_round, person)
        entry = EntryFactory(round=award_round, state="eligible")
        ConflictDeclaration.objects.create(round=award_round, judge=person)
        Conflict.objects.create(
            round=award_round, judge=person, facility=entry.facility, reason="Họ hàng"
        )
    client = api_as(officer)
    client.get("/api/v1/conflicts/")

    with django_assert_num_queries(4):
        response = client.get("/api/v1/conflicts/")
    assert len(response.json()["results"]) == count


# ---- Assignments ------------------------------------------------------------------------------


@pytest.fixture
def judging(chair, judge):
    award_round = AwardRoundFactory(state="judging", judges_see_identity=False)
    panel = seated_panel(award_round, chair, judge)
    entry = EntryFactory(round=award_round, state="eligible")
    return award_round, panel, entry


def test_assignment_representation_never_shows_scores_or_facility(api_as, officer, judging, judge):
    award_round, panel, entry = judging
    sheet = give_scores(ScoreSheetFactory(panel=panel, entry=entry, judge=judge), [30, 30, 8, 8])

    body = api_as(officer).get(f"/api/v1/assignments/{sheet.pk}/").json()

    assert body == {
        "id": sheet.pk,
        "round": award_round.pk,
        "panel": panel.pk,
        "entry": entry.pk,
        "voting_code": entry.voting_code,
        "judge": {"id": judge.pk, "name": judge.full_name},
        "state": "draft",
        "state_label": "Draft",
    }


def test_add_and_remove_an_assignment(api_as, officer, judging, chair, judge):
    _award_round, panel, entry = judging
    client = api_as(officer)

    response = client.post(
        "/api/v1/assignments/", {"entry": entry.pk, "judge": chair.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    sheet = ScoreSheet.objects.get()
    assert response.json()["id"] == sheet.pk
    response = client.post(
        "/api/v1/assignments/", {"entry": entry.pk, "judge": chair.pk}, format="json"
    )
    assert response.json() == {"judge": ["This judge is already assigned this entry."]}

    give_scores(sheet, [30, 30, 8, 8], submit=True)
    assert client.delete(f"/api/v1/assignments/{sheet.pk}/").status_code == 409
    draft = ScoreSheetFactory(panel=panel, entry=entry, judge=judge)
    assert client.delete(f"/api/v1/assignments/{draft.pk}/").status_code == 204
    assert list(ScoreSheet.objects.values_list("pk", flat=True)) == [sheet.pk]


def test_assignment_filters_and_the_chair_reads_their_panel(api_as, officer, judging, chair, judge):
    award_round, panel, entry = judging
    other_entry = EntryFactory(round=award_round, state="eligible")
    a = ScoreSheetFactory(panel=panel, entry=entry, judge=judge)
    b = ScoreSheetFactory(panel=panel, entry=other_entry, judge=chair)
    elsewhere = ScoreSheetFactory()

    def ids(user, query=""):
        return [
            row["id"] for row in api_as(user).get(f"/api/v1/assignments/{query}").json()["results"]
        ]

    assert set(ids(officer)) == {a.pk, b.pk, elsewhere.pk}
    assert set(ids(officer, f"?round={award_round.pk}")) == {a.pk, b.pk}
    assert ids(officer, f"?judge={judge.pk}") == [a.pk]
    assert ids(officer, f"?entry={other_entry.pk}") == [b.pk]
    assert set(ids(officer, f"?panel={panel.pk}")) == {a.pk, b.pk}
    assert set(ids(chair)) == {a.pk, b.pk}
    assert ids(judge) == []


@pytest.mark.parametrize("count", [1, 3])
def test_assignment_list_query_count_is_constant(
    api_as, officer, judging, count, django_assert_num_queries
):
    award_round, panel, _entry = judging
    for _ in range(count):
        ScoreSheetFactory(panel=panel, entry=EntryFactory(round=award_round, state="eligible"))
    client = api_as(officer)
    client.get("/api/v1/assignments/")

    with django_assert_num_queries(2):
        response = client.get("/api/v1/assignments/")
    assert len(response.json()["results"]) == count


def test_patch_with_a_seat_missing_its_judge_is_a_field_error(api_as, officer):
    """Found by Schemathesis: a PATCH makes the nested seat's fields optional; a seat without
    its judge answered 500."""
    from tests.factories import AwardRoundFactory, PanelFactory, PanelMemberFactory

    panel = PanelFactory(round=AwardRoundFactory(state="screening"))
    PanelMemberFactory(panel=panel, role="chair")

    response = api_as(officer).patch(
        f"/api/v1/panels/{panel.pk}/", {"members": [{"role": "chair"}]}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["members"] == {"0": {"judge": [ANY]}}
