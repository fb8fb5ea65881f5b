"""The support limit of a proposal (programs.support): the stored computation, or one for lines
and items not yet saved, as a page computes it while the user types."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from api.parsers import JSONParser
from api.serializers import DATE_INPUT_FORMATS
from core.converters import MAX_INT64
from programs.models import BudgetLine, EquipmentItem
from programs.support import support_limit


class SupportRuleRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    legal_basis = serializers.CharField()
    rate = serializers.DecimalField(
        source="max_rate", max_digits=5, decimal_places=2, allow_null=True
    )
    ceiling = serializers.IntegerField(allow_null=True)
    multiplier = serializers.DecimalField(source="line_multiplier", max_digits=4, decimal_places=2)


class SupportLimitSerializer(serializers.Serializer):
    """The computation step by step; amounts in VND, null where nothing caps."""

    on = serializers.DateField(help_text="The day whose rule applies.")
    rule = SupportRuleRefSerializer(allow_null=True)
    cost = serializers.IntegerField(help_text="Eligible cost.")
    excluded_cost = serializers.IntegerField(help_text="Cost of used equipment, not supported.")
    production_line = serializers.BooleanField()
    by_rate = serializers.IntegerField(allow_null=True)
    cap = serializers.IntegerField(allow_null=True)
    allowed = serializers.IntegerField(allow_null=True)
    asked = serializers.IntegerField()
    exceeded = serializers.BooleanField()
    steps = serializers.ListField(child=serializers.CharField())


class DraftLineSerializer(serializers.Serializer):
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal(0))
    unit_cost = serializers.IntegerField(min_value=0, max_value=MAX_INT64)
    extension_share = serializers.IntegerField(min_value=0, max_value=MAX_INT64)


class DraftItemSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    unit_price = serializers.IntegerField(min_value=0, max_value=MAX_INT64)
    is_new = serializers.BooleanField(default=True)
    production_line = serializers.BooleanField(default=False)


class SupportLimitInputSerializer(serializers.Serializer):
    """What the form holds: lines and items left out are the stored ones."""

    lines = DraftLineSerializer(many=True, required=False)
    items = DraftItemSerializer(many=True, required=False)
    on = serializers.DateField(
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text="The day whose rule applies; by default the submission date, else today.",
    )


def limit_data(limit) -> dict:
    data = {
        name: getattr(limit, name)
        for name in (
            "on",
            "cost",
            "excluded_cost",
            "production_line",
            "by_rate",
            "cap",
            "allowed",
            "asked",
            "exceeded",
        )
    }
    data["rule"] = limit.rule
    data["steps"] = [str(step) for step in limit.steps]
    return SupportLimitSerializer(data).data


class SupportLimitMixin:
    """`GET|POST {id}/support-limit/` for the proposal viewset."""

    @extend_schema(methods=["GET"], responses=SupportLimitSerializer)
    @extend_schema(
        methods=["POST"], request=SupportLimitInputSerializer, responses=SupportLimitSerializer
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="support-limit",
        pagination_class=None,
        filter_backends=[],
        parser_classes=[JSONParser],
    )
    def support_limit(self, request, *args, **kwargs):
        """GET: the limit for the stored lines and items. POST: for the lines and items in the
        body, saving nothing (whoever may see the proposal may compute)."""
        proposal = self.get_object()
        if request.method == "GET":
            return Response(limit_data(support_limit(proposal)))
        serializer = SupportLimitInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        lines = items = None
        if "lines" in data:
            lines = [BudgetLine(proposal=proposal, **line) for line in data["lines"]]
        if "items" in data:
            items = [EquipmentItem(proposal=proposal, **item) for item in data["items"]]
        limit = support_limit(proposal, on=data.get("on"), lines=lines, items=items)
        return Response(limit_data(limit))
