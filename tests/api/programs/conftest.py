"""Plans and proposals for the programme API tests, built through the services
(tests.programs.world)."""

import pytest

from tests.programs.world import approved, contracted, equipment_proposal, local_rule, make_plan


@pytest.fixture
def rule(db):
    """The local equipment rule: 50 %, at most 250 million đồng (× 1.5 for a line)."""
    return local_rule()


@pytest.fixture
def plan(db):
    return make_plan()


@pytest.fixture
def draft(rule, plan, applicant, facility):
    """A draft equipment project of `facility`: one new machine of 400 million, asking 200."""
    return equipment_proposal(applicant, plan, facility)


@pytest.fixture
def approved_proposal(draft, applicant, officer, manager):
    return approved(draft, facility_user=applicant, officer=officer, manager=manager)


@pytest.fixture
def contracted_proposal(approved_proposal, officer):
    return contracted(approved_proposal, officer=officer)


def detail(proposal) -> str:
    return f"/api/v1/proposals/{proposal.pk}/"
