"""What the API answers for a proposal is what its schema allows (the schemathesis run checks the
same on the demo; this keeps the case that was missed)."""

import pytest
from django.urls import reverse

from tests.programs.world import equipment_proposal, local_rule, make_plan

pytestmark = pytest.mark.django_db


def test_a_proposal_not_yet_accepted_has_a_blank_result_the_schema_allows(
    api_as, officer, applicant, facility
):
    local_rule()
    proposal = equipment_proposal(applicant, make_plan(), facility)
    answer = api_as(officer).get(reverse("api:proposal-detail", args=[proposal.pk]))
    assert answer.json()["acceptance_result"] == ""
    schema = api_as(officer).get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    field = schema.json()["components"]["schemas"]["Proposal"]["properties"]["acceptance_result"]
    allowed = {ref["$ref"].rsplit("/", 1)[1] for ref in field["oneOf"]}
    assert allowed == {"AcceptanceResultEnum", "BlankEnum"}
