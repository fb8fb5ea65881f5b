"""The results page, the recognition and nomination forms, and the facility's published result."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from awards.models import AwardRound, Nomination, Recognition
from awards.services import propose_recognition
from core.workflow import transition
from tests.awards.test_results_compute import scored_round
from tests.factories import (
    AwardRoundFactory,
    EntryFactory,
    FacilityMemberFactory,
    PanelMemberFactory,
)

pytestmark = pytest.mark.django_db

PASSING = ["T2026-2-001", "T2026-2-002", "T2026-1-001", "T2026-2-005", "T2026-2-003", "T2026-2-004"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def client_as(client, settings):
    """The conftest's client_as, reading the pages in English (the site's default is
    Vietnamese)."""

    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return make


@pytest.fixture
def deliberating(db):
    award_round, entries, _judges = scored_round()
    return award_round, entries


def page(client, award_round, **query):
    return client.get(reverse("awards:round-results", kwargs={"pk": award_round.pk}), query)


def codes_in_order(html: str) -> list[str]:
    return re.findall(r'data-code="([^"]+)"', html)


def test_results_page_lists_every_entry_with_flags(deliberating, client_as, officer):
    award_round, entries = deliberating

    html = page(client_as(officer), award_round).content.decode()

    assert codes_in_order(html) == [
        "T2026-2-001",
        "T2026-2-002",
        "T2026-1-001",
        "T2026-2-005",
        "T2026-2-003",
        "T2026-2-004",
        "T2026-2-007",
        "T2026-2-006",
    ]
    assert html.count('data-flag="disagreement"') == 2
    assert "No result: fewer than 3 submitted sheets." in html
    assert 'id="tie-rule"' in html and "Normalised (informative)" in html
    assert entries["T2026-2-001"].facility.name in html
    assert 'id="recognition-form"' in html


def test_results_page_sorts_by_group(deliberating, client_as, officer):
    award_round, _entries = deliberating

    html = page(client_as(officer), award_round, sort="group").content.decode()

    assert codes_in_order(html)[:2] == ["T2026-1-001", "T2026-2-001"]


def test_results_page_shows_the_chair_no_facility(deliberating, client_as, chair):
    award_round, entries = deliberating
    PanelMemberFactory(panel=award_round.panels.get(), judge=chair, role="chair")

    html = page(client_as(chair), award_round).content.decode()

    assert "T2026-2-001" in html
    assert not any(entry.facility.name in html for entry in entries.values())
    assert 'id="recognition-form"' not in html


def test_results_page_before_deliberation_says_so(client_as, officer):
    html = page(client_as(officer), AwardRoundFactory(state="judging")).content.decode()

    assert 'id="results-none"' in html


def test_results_page_query_count_is_constant(client_as, officer, django_assert_num_queries):
    from tests.awards.test_results_compute import _entries_with_three_sheets
    from tests.factories import PanelFactory, UserFactory

    award_round = AwardRoundFactory(state="deliberation")
    panel = PanelFactory(round=award_round)
    judges = [UserFactory(role="judge") for _ in range(3)]
    client = client_as(officer)
    _entries_with_three_sheets(award_round, panel, judges, 1, 1)
    page(client, award_round)
    with CaptureQueriesContext(connection) as one:
        page(client, award_round)
    _entries_with_three_sheets(award_round, panel, judges, 2, 2)
    with django_assert_num_queries(len(one.captured_queries)):
        page(client, award_round)


def test_recognition_form_needs_a_reason_to_leave_out(deliberating, client_as, officer):
    award_round, entries = deliberating
    url = reverse("awards:round-recognition", kwargs={"pk": award_round.pk})
    ticked = {f"recognize_{entries[c].pk}": "on" for c in PASSING[:-1]}

    refused = client_as(officer).post(url, ticked)

    assert refused.status_code == 200
    assert "Say why T2026-2-004 is left out although it passes." in refused.content.decode()
    assert not Recognition.objects.exists()

    done = client_as(officer).post(
        url, {**ticked, f"reason_{entries['T2026-2-004'].pk}": "Chưa đủ hồ sơ chất lượng."}
    )
    assert done.status_code == 302
    assert Recognition.objects.filter(recognized=False).get().entry == entries["T2026-2-004"]


def test_recognition_form_cannot_tick_a_failing_entry(deliberating, client_as, officer):
    award_round, entries = deliberating

    html = page(client_as(officer), award_round).content.decode()

    assert f'name="recognize_{entries["T2026-2-007"].pk}"' not in html
    assert f'name="recognize_{entries["T2026-2-001"].pk}"' in html


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


def test_finalized_results_page_lists_certificates_and_nominates(finalized, client_as, officer):
    award_round, entries = finalized
    award_round.nominee_quota = 1
    award_round.save()
    client = client_as(officer)

    html = page(client, award_round).content.decode()
    assert "01/2026/GCN-SCT" in html and 'id="nomination-form"' in html
    url = reverse("awards:round-nominations", kwargs={"pk": award_round.pk})
    two = [str(entries[c].pk) for c in PASSING[:2]]
    refused = client.post(
        url, {"entries": two, "decision_number": "15/QĐ-SCT", "decision_date": "20/12/2026"}
    )
    assert "At most 1 nominees" in refused.content.decode()
    done = client.post(
        url, {"entries": two[:1], "decision_number": "15/QĐ-SCT", "decision_date": "20/12/2026"}
    )
    assert done.status_code == 302
    assert Nomination.objects.get().entry == entries["T2026-2-001"]


def test_round_page_links_to_the_results(deliberating, client_as, officer):
    award_round, _entries = deliberating

    response = client_as(officer).get(reverse("awards:round-detail", args=[award_round.pk]))

    assert reverse("awards:round-results", args=[award_round.pk]) in response.content.decode()


# ---- The facility ------------------------------------------------------------------------------


def test_facility_reads_its_result_after_publication_without_sheets(finalized, client_as, officer):
    award_round, entries = finalized
    entry = entries["T2026-2-001"]
    member = FacilityMemberFactory(facility=entry.facility).user
    client = client_as(member)
    url = reverse("awards:entry-detail", args=[entry.pk])

    assert 'id="entry-outcome"' not in client.get(url).content.decode()
    transition(award_round, action="publish", actor=officer)
    html = client.get(url).content.decode()

    assert 'id="entry-outcome"' in html
    assert "78.00" in html and "01/2026/GCN-SCT" in html and "31/12/2029" in html
    # Never a judge's sheet: no judge's name, no sheet total.
    for sheet in entry.score_sheets.select_related("judge"):
        assert sheet.judge.full_name not in html
    assert "82.0" not in html and "76.0" not in html
    my_entries = client.get(reverse("awards:my-entries")).content.decode()
    assert "78.00" in my_entries and 'data-field="certificate"' in my_entries


def test_my_entries_query_count_is_constant_with_results(
    finalized, client_as, officer, applicant, facility, django_assert_num_queries
):
    award_round, entries = finalized
    transition(award_round, action="publish", actor=officer)
    entries["T2026-2-001"].facility.memberships.create(user=applicant)
    client = client_as(applicant)
    url = reverse("awards:my-entries")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    entries["T2026-2-002"].facility.memberships.create(user=applicant)
    EntryFactory(facility=facility)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)
