"""The judging progress page (awards:round-progress) and reopening a sheet from it."""

import pytest
from django.urls import reverse

from awards.models import ScoreSheet
from core.workflow import transition
from tests.awards.scoring_world import make_judging
from tests.factories import give_scores

pytestmark = pytest.mark.django_db


@pytest.fixture
def j(judge, chair, facility):
    j = make_judging(judge, chair, facility=facility)
    give_scores(j.sheet, [30, 30, 8, 8], submit=True)
    give_scores(j.chair_sheet, {"1": 20})
    return j


def url(j, **query):
    base = reverse("awards:round-progress", kwargs={"pk": j.round.pk})
    return f"{base}?entry={query['entry']}" if query else base


def test_officer_sees_judges_and_entries(client_as, j, officer, judge, chair):
    page = client_as(officer).get(url(j))

    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-judge="{judge.pk}"' in html
    assert f'data-judge="{chair.pk}"' in html
    assert '<progress class="w-100" max="1" value="1"' in html
    assert f'data-entry="{j.entry.pk}"' in html
    assert "1 / 3" in html
    assert "Tiến độ chấm điểm" in html


def test_progress_page_shows_no_facility_to_the_chair(client_as, j, chair, facility):
    html = client_as(chair).get(url(j, entry=j.entry.pk)).content.decode()

    assert facility.name not in html
    assert facility.tax_code not in html
    assert j.entry.voting_code in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [("officer", 200), ("manager", 200), ("admin_user", 200), ("chair", 200), ("judge", 403)],
)
def test_who_sees_the_progress_page(client_as, j, request, persona, status):
    user = request.getfixturevalue(persona)

    assert client_as(user).get(url(j)).status_code == status


def test_applicant_does_not_find_the_progress_of_a_round_in_judging(client_as, j, applicant):
    assert client_as(applicant).get(url(j)).status_code == 404


def test_round_page_links_to_progress(client_as, j, officer):
    html = client_as(officer).get(reverse("awards:round-detail", args=[j.round.pk])).content

    assert url(j).encode() in html


def test_officer_reopens_a_sheet_with_a_reason(client_as, j, officer):
    client = client_as(officer)
    page = client.get(url(j, entry=j.entry.pk)).content.decode()
    reopen = reverse("awards:sheet-reopen", args=[j.sheet.pk])

    refused = client.post(reopen, {"action": "reopen_by_officer", "from": "submitted", "note": ""})
    done = client.post(
        reopen, {"action": "reopen_by_officer", "from": "submitted", "note": "Tiêu chí 2 nhầm"}
    )

    assert f'action="{reopen}"' in page
    assert refused.status_code == 200
    assert "lý do mở lại phiếu" in refused.content.decode()
    assert done.status_code == 302
    j.sheet.refresh_from_db()
    assert j.sheet.state == "draft"


def test_chair_reopens_a_sheet_of_their_panel(client_as, j, chair):
    reopen = reverse("awards:sheet-reopen", args=[j.sheet.pk])

    done = client_as(chair).post(
        reopen, {"action": "reopen_by_chair", "from": "submitted", "note": "Chấm lại"}
    )

    assert done.status_code == 302
    assert ScoreSheet.objects.get(pk=j.sheet.pk).state == "draft"


def test_reopen_after_judging_is_refused_with_the_reason(client_as, j, officer):
    transition(j.round, action="end_judging", actor=officer)
    reopen = reverse("awards:sheet-reopen", args=[j.sheet.pk])

    answer = client_as(officer).post(
        reopen, {"action": "reopen_by_officer", "from": "submitted", "note": "Chấm lại"}
    )

    assert answer.status_code == 200
    assert ScoreSheet.objects.get(pk=j.sheet.pk).state == "submitted"


@pytest.mark.parametrize(
    ("persona", "status"), [("judge", 403), ("manager", 403), ("other_judge", 403)]
)
def test_who_may_not_reopen(client_as, j, request, persona, status):
    reopen = reverse("awards:sheet-reopen", args=[j.sheet.pk])
    user = request.getfixturevalue(persona)

    answer = client_as(user).post(
        reopen, {"action": "reopen_by_officer", "from": "submitted", "note": "x"}
    )

    assert answer.status_code == status
    assert ScoreSheet.objects.get(pk=j.sheet.pk).state == "submitted"


@pytest.mark.parametrize("count", [1, 3])
def test_progress_page_query_count_is_constant(
    client_as, judge, chair, officer, django_assert_num_queries, count
):
    from tests.factories import EntryFactory, ScoreSheetFactory

    j = make_judging(judge, chair)
    for _ in range(count - 1):
        entry = EntryFactory(round=j.round, state="eligible")
        give_scores(ScoreSheetFactory(panel=j.panel, judge=judge, entry=entry), {"1": 5})
    client = client_as(officer)
    client.get(url(j))

    with django_assert_num_queries(12):
        page = client.get(url(j))

    assert page.content.decode().count("data-entry=") == count
