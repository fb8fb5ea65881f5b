"""Product groups and criteria templates: the official groups, and the reusable scoring
sheets officers write (awards.services.save_criteria_template)."""

from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from api.awards.permissions import CriteriaTemplatePermission
from api.parsers import JSONParser
from api.serializers import ServiceModelSerializer
from awards import services
from awards.models import (
    CriteriaTemplate,
    ProductGroup,
    TemplateCriterion,
)


class ProductGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProductGroup
        fields = ["code", "name"]


class SubCriterionSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    max_points = serializers.DecimalField(max_digits=5, decimal_places=1)


class CriterionSerializer(SubCriterionSerializer):
    children = SubCriterionSerializer(many=True)


def criteria_tree(criteria) -> list[dict]:
    """Criteria (a flat, ordered iterable, e.g. prefetched) as nested data: no query per parent."""
    criteria = list(criteria)
    children: dict[int, list] = {}
    for criterion in criteria:
        if criterion.parent_id is not None:
            children.setdefault(criterion.parent_id, []).append(criterion)
    tree = [
        {
            "code": c.code,
            "text": c.text,
            "max_points": c.max_points,
            "children": [
                {"code": child.code, "text": child.text, "max_points": child.max_points}
                for child in children.get(c.pk, [])
            ],
        }
        for c in criteria
        if c.parent_id is None
    ]
    return CriterionSerializer(tree, many=True).data


class CriteriaTemplateSerializer(serializers.ModelSerializer):
    criteria = serializers.SerializerMethodField()

    class Meta:
        model = CriteriaTemplate
        fields = ["id", "name", "description", "is_default", "criteria", "created_at"]
        read_only_fields = fields

    @extend_schema_field(CriterionSerializer(many=True))
    def get_criteria(self, template):
        return criteria_tree(template.criteria.all())


class SubCriterionInputSerializer(ServiceModelSerializer):
    """A criterion's fields as the model has them (lengths, digits and range, in the schema);
    the range is checked by the service (TemplateCriterion.full_clean), with the sums."""

    class Meta:
        model = TemplateCriterion
        fields = ["code", "text", "max_points"]
        # Codes are unique in a template: the service checks them, at their positions.
        validators = []


class CriterionInputSerializer(SubCriterionInputSerializer):
    children = SubCriterionInputSerializer(many=True, required=False)

    class Meta(SubCriterionInputSerializer.Meta):
        fields = [*SubCriterionInputSerializer.Meta.fields, "children"]


@extend_schema_field(CriterionInputSerializer(many=True))
class CriteriaField(serializers.Field):
    """The criteria, always complete: they replace the template's own. Checked apart from the
    template's serializer, whose `partial` (a PATCH) would otherwise reach the criteria and
    make their own fields optional."""

    def to_internal_value(self, data):
        criteria = CriterionInputSerializer(data=data, many=True, allow_empty=True)
        criteria.is_valid(raise_exception=True)
        return criteria.validated_data


class CriteriaTemplateInputSerializer(ServiceModelSerializer):
    """Input of POST and PUT /criteria-templates/: the criteria replace the template's own.
    A PATCH may leave out any of the three; what is left out stays as it is."""

    criteria = CriteriaField()

    class Meta:
        model = CriteriaTemplate
        fields = ["name", "description", "criteria"]
        # The name's uniqueness is checked by the service (full_clean), with the criteria.
        validators = []


class ProductGroupViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The official product groups (code and name). Four rows: not paginated."""

    queryset = ProductGroup.objects.all()
    serializer_class = ProductGroupSerializer
    pagination_class = None
    filter_backends = []


@extend_schema_view(
    create=extend_schema(
        request=CriteriaTemplateInputSerializer, responses={201: CriteriaTemplateSerializer}
    ),
    update=extend_schema(request=CriteriaTemplateInputSerializer),
    partial_update=extend_schema(request=CriteriaTemplateInputSerializer),
)
class CriteriaTemplateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Reusable scoring sheets. Staff read them; officers and administrators write them. Saving
    replaces the template's criteria; rounds that have started keep their own copies."""

    queryset = CriteriaTemplate.objects.prefetch_related("criteria")
    serializer_class = CriteriaTemplateSerializer
    lookup_value_converter = "id"
    # Criteria with their sub-criteria: a nested body only JSON can say.
    parser_classes = [JSONParser]
    permission_classes = [IsAuthenticated, CriteriaTemplatePermission]
    filter_backends = []

    def create(self, request, *args, **kwargs):
        serializer = CriteriaTemplateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        template = services.save_criteria_template(actor=request.user, **serializer.validated_data)
        return Response(self._render(template), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        template = self.get_object()
        serializer = CriteriaTemplateInputSerializer(
            data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        data = {
            "name": template.name,
            "description": template.description,
            "criteria": criteria_tree(template.criteria.all()),
            **serializer.validated_data,
        }
        template = services.save_criteria_template(actor=request.user, template=template, **data)
        return Response(self._render(template))

    def _render(self, template):
        return self.get_serializer(self.get_queryset().get(pk=template.pk)).data
