"""A local plan with the equipment rule and a draft equipment-support project of `facility`."""

import pytest

from tests.programs.world import equipment_proposal, local_rule, make_plan


@pytest.fixture
def plan(db):
    local_rule()
    return make_plan()


@pytest.fixture
def draft(plan, applicant, facility):
    """400 million of new equipment asking 200 million: within 50 % and the 250 million cap."""
    return equipment_proposal(applicant, plan, facility)
