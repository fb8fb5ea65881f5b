"""The programme pages on a phone: every table is a table of cards whose cells are labelled
with their column's header; the navigation names the programme pages by role."""

import pytest
from django.urls import reverse

from core.workflow import transition
from tests.programs.world import approved, contracted
from tests.web.test_table_cards import card_tables

pytestmark = pytest.mark.django_db


def assert_cards(html: str, count: int) -> None:
    tables = card_tables(html)
    assert len(tables) == count
    for table in tables:
        for row in table["rows"]:
            assert len(row) == len(table["headers"])
            assert row[0] is None
            assert row[1:] == table["headers"][1:]


def test_list_and_plan_tables_are_cards(client_as, officer, draft, plan):
    assert_cards(client_as(officer).get(reverse("programs:proposal-list")).text, 1)
    assert_cards(client_as(officer).get(reverse("programs:plan-list")).text, 1)
    # The plan's proposals, and its history.
    plan_page = client_as(officer).get(reverse("programs:plan-detail", args=[plan.pk])).text
    assert len(card_tables(plan_page)) >= 1


def test_proposal_page_tables_are_cards(client_as, applicant, officer, manager, draft):
    proposal = approved(draft, facility_user=applicant, officer=officer, manager=manager)
    proposal = contracted(proposal, officer=officer)
    transition(proposal, action="start_work", actor=officer)
    html = client_as(officer).get(reverse("programs:proposal-detail", args=[proposal.pk])).text
    tables = card_tables(html)
    # Budget lines, equipment (with the acceptance forms), history.
    assert len(tables) == 3
    for table in tables[:2]:
        for row in table["rows"]:
            assert row[0] is None
            assert row[1:] == table["headers"][1:]


def test_edit_tables_label_each_input_cell(client_as, applicant, draft):
    html = client_as(applicant).get(reverse("programs:proposal-edit", args=[draft.pk])).text
    tables = card_tables(html)
    assert [t["id"] for t in tables] == ["item-rows", "line-rows"]
    for table in tables:
        for row in table["rows"]:
            assert row[0] is None
            assert row[1:] == table["headers"][1:]


@pytest.mark.parametrize(
    ("persona", "present", "absent"),
    [
        ("officer", "Extension proposals", "My proposals"),
        ("manager", "Extension proposals", "My proposals"),
        ("applicant", "My proposals", "Extension proposals"),
    ],
)
def test_nav_names_the_programme_pages_by_role(persona, present, absent, personas, client_as):
    client = client_as(personas[persona])
    client.cookies["django_language"] = "en"
    html = client.get(reverse("programs:proposal-list"), HTTP_ACCEPT_LANGUAGE="en").text
    nav = html[html.index("<nav") : html.index("</nav>")]
    assert present in nav
    assert absent not in nav
