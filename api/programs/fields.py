"""Fields the programme serializers share: the named choice components of the schema and short
references to related rows."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from programs.models import Activity, FundSource, Plan, Proposal


# A named component per choice set, as in api.awards.fields: the same choices under one field
# name in several components would make drf-spectacular warn about enum naming.
@extend_schema_field(
    serializers.ChoiceField(choices=Plan.State.choices), component_name="PlanStateEnum"
)
class PlanStateField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Plan.State.choices, **kwargs)


@extend_schema_field(
    serializers.ChoiceField(choices=Proposal.State.choices), component_name="ProposalStateEnum"
)
class ProposalStateField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Proposal.State.choices, **kwargs)


@extend_schema_field(
    serializers.ChoiceField(choices=FundSource.choices), component_name="FundSourceEnum"
)
class FundSourceField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=FundSource.choices, **kwargs)


class ActivityRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", "code", "name", "has_equipment"]
        read_only_fields = fields


class PlanRefSerializer(serializers.ModelSerializer):
    fund_source = FundSourceField(read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "year", "fund_source", "title"]
        read_only_fields = fields
