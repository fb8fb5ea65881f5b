"""The results API: /rounds/{id}/results/, /recognition/, /nominations/, /certificates/."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from awards.models import AwardRound, Recognition
from awards.services import propose_recognition
from core.workflow import transition
from tests.awards.test_results_compute import scored_round
from tests.factories import AwardRoundFactory, FacilityMemberFactory, PanelMemberFactory

pytestmark = pytest.mark.django_db

PASSING = ["T2026-2-001", "T2026-2-002", "T2026-1-001", "T2026-2-005", "T2026-2-003", "T2026-2-004"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def api_as():
    """The conftest's api_as, asking for English answers (the site's default is Vietnamese)."""

    def make(user):
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def deliberating(db):
    award_round, entries, _judges = scored_round()
    return award_round, entries


def results_url(award_round):
    return reverse("api:round-results", kwargs={"pk": award_round.pk})


def test_results_api_answers_every_field_for_staff(deliberating, api_as, officer):
    award_round, entries = deliberating

    response = api_as(officer).get(results_url(award_round))

    assert response.status_code == 200
    data = response.json()
    assert data["tie_rule"].startswith("Ranked by the mean of the judges' totals")
    assert [c["code"] for c in data["criteria"]] == ["1", "2", "3", "4"]
    first = data["results"][0]
    entry = entries["T2026-2-001"]
    assert first == {
        "entry": entry.pk,
        "voting_code": "T2026-2-001",
        "product_name": entry.product_name,
        "group": 2,
        "group_name": entry.product_group.name,
        "sheets": 3,
        "has_result": True,
        "mean": "78.00",
        "criterion_means": {"1": "32.00", "2": "30.00", "3": "8.00", "4": "8.00"},
        "stdev": "2.83",
        "spread": "6.00",
        "disagreement": False,
        "normalized": first["normalized"],
        "rank_in_group": 1,
        "rank_overall": 1,
        "passes": True,
        "state": "eligible",
        "facility": {"id": entry.facility.pk, "name": entry.facility.name},
        "recognition": None,
    }
    last = data["results"][-1]
    assert (last["voting_code"], last["has_result"], last["mean"], last["rank_overall"]) == (
        "T2026-2-006",
        False,
        None,
        None,
    )


def test_results_api_shows_the_chair_no_facility(deliberating, api_as, chair):
    award_round, _entries = deliberating
    PanelMemberFactory(panel=award_round.panels.get(), judge=chair, role="chair")

    data = api_as(chair).get(results_url(award_round)).json()

    assert all("facility" not in row and "recognition" not in row for row in data["results"])


def test_results_api_before_deliberation_is_a_conflict(api_as, officer):
    judging = AwardRoundFactory(state="judging")

    response = api_as(officer).get(results_url(judging))

    assert response.status_code == 409
    assert response.json()["detail"].startswith("The round has no results yet")


def test_results_api_refuses_who_sees_the_round_but_not_results(api_as, applicant):
    published = AwardRoundFactory(state="published")

    assert api_as(applicant).get(results_url(published)).status_code == 403


def test_recognition_api_records_and_refuses_field_by_field(deliberating, api_as, officer):
    award_round, entries = deliberating
    url = reverse("api:round-recognition", kwargs={"pk": award_round.pk})
    client = api_as(officer)

    refused = client.post(
        url,
        {
            "entries": [entries[c].pk for c in [*PASSING[:-1], "T2026-2-007"]],
            "excluded": [{"entry": entries["T2026-2-004"].pk, "reason": ""}],
        },
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json() == {
        "entries": ["T2026-2-007 does not pass: an entry that fails is never recognised."],
        "excluded": ["Say why T2026-2-004 is left out although it passes."],
    }
    assert not Recognition.objects.exists()

    reason = "Cơ sở chưa bổ sung giấy chứng nhận ATTP."
    done = client.post(
        url,
        {
            "entries": [entries[c].pk for c in PASSING[:-1]],
            "excluded": [{"entry": entries["T2026-2-004"].pk, "reason": reason}],
        },
        format="json",
    )
    assert done.status_code == 200
    assert done.json() == {
        "entries": sorted(entries[c].pk for c in PASSING[:-1]),
        "excluded": [{"entry": entries["T2026-2-004"].pk, "reason": reason}],
    }


def test_recognition_api_in_vietnamese(deliberating, api_as, officer):
    award_round, entries = deliberating
    url = reverse("api:round-recognition", kwargs={"pk": award_round.pk})

    response = api_as(officer).post(
        url, {"entries": [entries["T2026-2-007"].pk]}, format="json", HTTP_ACCEPT_LANGUAGE="vi"
    )

    assert response.status_code == 400
    assert "T2026-2-007" in response.json()["entries"][0]


@pytest.fixture
def finalized(deliberating, officer, manager):
    award_round, entries = deliberating
    propose_recognition(
        actor=officer,
        award_round=award_round,
        entries=[entries[c].pk for c in PASSING],
        excluded=[],
    )
    transition(
        award_round,
        action="finalize",
        actor=manager,
        decision_number="1234/QĐ-UBND",
        decision_date=datetime.date(2026, 12, 10),
    )
    return AwardRound.objects.get(pk=award_round.pk), entries


def test_nominations_api(finalized, api_as, officer):
    award_round, entries = finalized
    url = reverse("api:round-nominations", kwargs={"pk": award_round.pk})
    client = api_as(officer)

    refused = client.post(
        url,
        {"entries": [entries["T2026-2-007"].pk], "decision_number": "", "decision_date": None},
        format="json",
    )
    assert refused.status_code == 400
    assert set(refused.json()) == {"entries", "decision_number", "decision_date"}

    body = {
        "entries": [entries["T2026-2-001"].pk],
        "decision_number": "15/QĐ-SCT",
        "decision_date": "2026-12-20",
    }
    response = client.post(url, body, format="json")
    assert response.status_code == 201
    assert response.json() == {
        "nominations": [
            {
                "entry": entries["T2026-2-001"].pk,
                "voting_code": "T2026-2-001",
                "decision_number": "15/QĐ-SCT",
                "decision_date": "2026-12-20",
                "next_entry": None,
            }
        ],
        "skipped": [],
    }


def test_certificates_api_staff_see_all_and_filter_by_round(finalized, api_as, officer):
    award_round, _entries = finalized

    data = api_as(officer).get(reverse("api:certificate-list"), {"round": award_round.pk}).json()
    none = api_as(officer).get(reverse("api:certificate-list"), {"round": award_round.pk + 99})

    assert [c["number"] for c in data["results"]] == [f"{n:02d}/2026/GCN-SCT" for n in range(1, 7)]
    assert data["results"][0]["valid_until"] == "2029-12-31"
    assert none.json()["results"] == []


def test_certificates_api_applicant_sees_theirs_once_published(finalized, api_as, officer):
    award_round, entries = finalized
    member = FacilityMemberFactory(facility=entries["T2026-2-001"].facility).user
    url = reverse("api:certificate-list")

    assert api_as(member).get(url).json()["results"] == []
    transition(award_round, action="publish", actor=officer)
    results = api_as(member).get(url).json()["results"]

    assert [(c["entry"]["id"], c["number"]) for c in results] == [
        (entries["T2026-2-001"].pk, "01/2026/GCN-SCT")
    ]


def test_certificates_api_list_query_count_is_constant(
    finalized, api_as, officer, django_assert_num_queries
):
    _award_round, _entries = finalized
    client = api_as(officer)
    url = reverse("api:certificate-list")
    client.get(url)  # warm caches (content types, the user's groups)
    with django_assert_num_queries(2) as one:
        assert len(client.get(url, {"page_size": 1}).json()["results"]) == 1
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(url, {"page_size": 3}).json()["results"]) == 3
