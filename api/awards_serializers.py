"""Serializers of award rounds, criteria, entries and their dossiers. They parse and render; the
rules (registration window, open groups, eligibility, sums of sub-criteria, what a submission
needs) are in awards.services, awards.workflows and the models, which the viewsets call."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import FacilityRefSerializer, ServiceModelSerializer
from api.workflow import AvailableTransitionsField
from applicants.queries import facilities_visible_to
from awards import dossier
from awards.models import (
    Attachment,
    AwardRound,
    CriteriaTemplate,
    Entry,
    ProductGroup,
    ScreeningCheck,
)
from awards.queries import rounds_visible_to
from awards.services import ENTRY_FIELDS
from core.roles import is_staff_role


class GroupCodesField(serializers.SlugRelatedField):
    """Product groups by their official code (1–4)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        kwargs.setdefault("queryset", ProductGroup.objects.all())
        super().__init__(**kwargs)


# The same choices under one field name in several components make drf-spectacular warn about
# enum naming; a named component per choice set answers that without a global setting.
@extend_schema_field(
    serializers.ChoiceField(choices=AwardRound.State.choices), component_name="RoundStateEnum"
)
class RoundStateField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=AwardRound.State.choices, **kwargs)


@extend_schema_field(
    serializers.ChoiceField(choices=Entry.State.choices), component_name="EntryStateEnum"
)
class EntryStateField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Entry.State.choices, **kwargs)


@extend_schema_field(
    serializers.ChoiceField(choices=Attachment.Kind.choices), component_name="AttachmentKindEnum"
)
class AttachmentKindField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Attachment.Kind.choices, **kwargs)


# ---- Product groups and criteria ------------------------------------------------------------


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


class SubCriterionInputSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    # Digits and range are the model's rules (TemplateCriterion.full_clean in the service).
    max_points = serializers.DecimalField(max_digits=None, decimal_places=None)


class CriterionInputSerializer(SubCriterionInputSerializer):
    children = SubCriterionInputSerializer(many=True, required=False)


class CriteriaTemplateInputSerializer(serializers.Serializer):
    """Input of POST and PUT /criteria-templates/: the criteria replace the template's own.
    A PATCH may leave out any of the three; what is left out stays as it is."""

    name = serializers.CharField()
    description = serializers.CharField(required=False, allow_blank=True, default="")
    criteria = CriterionInputSerializer(many=True, allow_empty=True)


# ---- Rounds ---------------------------------------------------------------------------------


class RoundRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardRound
        fields = ["id", "title"]


class RoundSerializer(ServiceModelSerializer):
    """A round: its settings (writable by officers), its state and its own copy of the criteria
    (empty until registration opens)."""

    product_groups = GroupCodesField(many=True, required=False)
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    state = RoundStateField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    available_transitions = AvailableTransitionsField()
    criteria = serializers.SerializerMethodField()

    class Meta:
        model = AwardRound
        fields = [
            "id",
            "title",
            "year",
            "level",
            "level_label",
            "organiser_name",
            "product_groups",
            "criteria_template",
            "registration_opens",
            "registration_closes",
            "judging_ends",
            "pass_score",
            "min_score_sheets",
            "judges_see_identity",
            "judges_see_other_scores",
            "nominee_quota",
            "next_round",
            "state",
            "state_label",
            "available_transitions",
            "decision_number",
            "decision_date",
            "criteria",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "state",
            "decision_number",
            "decision_date",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(CriterionSerializer(many=True))
    def get_criteria(self, award_round):
        return criteria_tree(award_round.criteria.all())


# ---- Entries --------------------------------------------------------------------------------


class ScreeningCheckSerializer(serializers.ModelSerializer):
    condition_label = serializers.CharField(source="get_condition_display", read_only=True)

    class Meta:
        model = ScreeningCheck
        fields = ["condition", "condition_label", "passed", "reason", "checked_at"]
        read_only_fields = fields


class EntryListSerializer(serializers.ModelSerializer):
    """An entry as the list shows it: everything read from the entry's row and its prefetched
    checklist, so the list costs the same number of queries for 1 or 100 entries."""

    round = RoundRefSerializer(read_only=True)
    facility = FacilityRefSerializer(read_only=True)
    product_group = serializers.IntegerField(source="product_group.code", read_only=True)
    product_group_name = serializers.CharField(source="product_group.name", read_only=True)
    state = EntryStateField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    screening_checks = ScreeningCheckSerializer(many=True, read_only=True)

    def to_representation(self, entry):
        data = super().to_representation(entry)
        request = self.context.get("request")
        if request is None or not is_staff_role(request.user):
            # The checklist and its reasons are the center's working notes; the facility reads
            # the decision and its reason (state_reason), as on its entry page.
            data.pop("screening_checks", None)
        return data

    class Meta:
        model = Entry
        fields = [
            "id",
            "round",
            "facility",
            "product_name",
            "product_group",
            "product_group_name",
            "is_product_set",
            "features",
            "materials",
            "production_process",
            "markets",
            "price",
            "quality_standards",
            "awards_received",
            "state",
            "state_label",
            "state_reason",
            "voting_code",
            "submitted_at",
            "screening_checks",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class EntrySerializer(EntryListSerializer):
    """One entry: the list's fields, the steps the user may take, and, while the facility can
    still edit it, what its dossier lacks for submission (null once it cannot be edited)."""

    available_transitions = AvailableTransitionsField()
    missing = serializers.SerializerMethodField()

    class Meta(EntryListSerializer.Meta):
        fields = [*EntryListSerializer.Meta.fields, "available_transitions", "missing"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_missing(self, entry):
        if not entry.is_editable:
            return None
        return [str(message) for message in dossier.missing_for_submission(entry)]


class EntryUpdateSerializer(ServiceModelSerializer):
    """Input of PUT/PATCH /entries/{id}/: the facility's description of its product."""

    product_group = GroupCodesField()

    class Meta:
        model = Entry
        fields = ENTRY_FIELDS
        # The product name's uniqueness in the round is checked by the service (full_clean).
        validators = []


class EntryCreateSerializer(EntryUpdateSerializer):
    """Input of POST /entries/: the round and facility by id, then the product."""

    class Meta(EntryUpdateSerializer.Meta):
        fields = ["round", "facility", *ENTRY_FIELDS]

    def get_fields(self):
        fields = super().get_fields()
        # Only what the user can see is a valid choice: an unknown id and another facility's id
        # are answered the same way.
        request = self.context.get("request")
        user = request.user if request is not None else AnonymousUser()
        fields["round"].queryset = rounds_visible_to(user)
        fields["facility"].queryset = facilities_visible_to(user)
        return fields


class ScreeningCheckInputSerializer(serializers.Serializer):
    passed = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ScreeningInputSerializer(serializers.Serializer):
    """Input of POST /entries/{id}/screening/: conditions ticked or failed, and optionally the
    decision, made in the same transaction."""

    checks = serializers.DictField(
        child=ScreeningCheckInputSerializer(),
        required=False,
        default=dict,
        help_text="{condition: {passed, reason}}; conditions: "
        "made_by_facility, no_ip_infringement, meets_standards, mass_producible, "
        "meets_market_demand, dossier_complete.",
    )
    decision = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="eligible, ineligible or returned; empty to record the checklist only.",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class BulkTransitionSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    to = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


# ---- Attachments ----------------------------------------------------------------------------


class AttachmentSerializer(serializers.ModelSerializer):
    """A file of the dossier; uploaded as multipart `kind` and `file`."""

    kind = AttachmentKindField()
    file = serializers.FileField(write_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    download_url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "kind",
            "kind_label",
            "file",
            "original_name",
            "content_type",
            "size",
            "width",
            "height",
            "uploaded_at",
            "download_url",
            "thumbnail_url",
        ]
        read_only_fields = [name for name in fields if name not in ("kind", "file")]

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    # The API's own file endpoints, which accept token authentication like the rest of it.
    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, attachment) -> str:
        args = [attachment.entry_id, attachment.pk]
        return self._absolute(reverse("api:entry-attachment-file", args=args))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_thumbnail_url(self, attachment) -> str | None:
        if not (attachment.is_image and attachment.thumbnail):
            return None
        args = [attachment.entry_id, attachment.pk]
        return self._absolute(reverse("api:entry-attachment-thumbnail", args=args))
