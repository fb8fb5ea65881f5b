"""Serializers parse input and render output; they hold no business rule.

Rules (tax-code check digit, ward in province, uniqueness, which roles an actor may create,
password strength) live in the models, validators and services, which the viewsets call with the
parsed data. Their Django ValidationErrors become field-level 400 answers in api.exceptions.
"""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from applicants.eligibility import is_rural_industrial_facility
from applicants.models import Facility
from applicants.services import EDITABLE_FIELDS
from core.models import Province, Ward
from core.roles import Role, role_of

User = get_user_model()

# Dates are accepted as the Vietnamese forms print them (dd/mm/yyyy) or in ISO 8601; they are
# answered in ISO 8601.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "iso-8601"]

# Fields the facility service rewrites in a canonical form before validating them.
NORMALIZED_FIELDS = frozenset({"tax_code", "phone"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class FacilityRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Facility
        fields = ["id", "name"]


class RoleField(serializers.ChoiceField):
    """A user's role key (core.roles), or null for an account without a role."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Role.choices)
        super().__init__(**kwargs)


class UserSerializer(serializers.ModelSerializer):
    role = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "email", "role", "is_active"]
        read_only_fields = fields

    @extend_schema_field(RoleField(allow_null=True))
    def get_role(self, user) -> str | None:
        role = role_of(user)
        return role.value if role else None


class MeSerializer(UserSerializer):
    facilities = serializers.SerializerMethodField()

    class Meta(UserSerializer.Meta):
        fields = ["id", "username", "full_name", "email", "role", "facilities"]
        read_only_fields = fields

    @extend_schema_field(FacilityRefSerializer(many=True))
    def get_facilities(self, user):
        facilities = Facility.objects.filter(memberships__user=user).order_by("name", "id")
        return FacilityRefSerializer(facilities, many=True).data


class UserCreateSerializer(serializers.Serializer):
    """Input of POST /users/; core.services.create_user validates and creates the account."""

    username = serializers.CharField()
    password = serializers.CharField(write_only=True, style={"input_type": "password"})
    full_name = serializers.CharField(required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    role = RoleField()


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["code", "name", "short_name"]


class WardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ward
        fields = ["code", "name", "short_name", "kind", "province"]


class EligibilitySerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    legal_basis = serializers.CharField()
    on = serializers.DateField()


class ServiceModelSerializer(serializers.ModelSerializer):
    """A model serializer that parses types and leaves value rules (validators, ranges) to the
    model's full_clean, which the service runs once with the cross-field rules: the rules are
    not run twice with two sets of messages."""

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        for rule in ("validators", "min_value", "max_value"):
            kwargs.pop(rule, None)
        if issubclass(field_class, serializers.DateField):
            kwargs["input_formats"] = DATE_INPUT_FORMATS
        return field_class, kwargs


class FacilitySerializer(ServiceModelSerializer):
    """A rural industrial facility; province and ward are their codes."""

    # Input is the fields of applicants.services.EDITABLE_FIELDS. The model's validators are not
    # run here: the service's full_clean runs them once, with the cross-field rules (ward in
    # province, tax code required unless a household business), and reports every error at once.

    province_name = serializers.CharField(source="province.name", read_only=True)
    ward_name = serializers.CharField(source="ward.name", read_only=True)
    eligibility = serializers.SerializerMethodField()

    class Meta:
        model = Facility
        fields = [
            "id",
            *EDITABLE_FIELDS,
            "province_name",
            "ward_name",
            "eligibility",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]
        # Uniqueness of the tax code is checked by the service (Facility.full_clean), on the
        # normalized value; build_standard_field drops the field's UniqueValidator too.
        validators = []

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_name in NORMALIZED_FIELDS:
            # "0300.588.569-001" or "(+84) 912 345 678" are longer than what the service stores.
            kwargs.pop("max_length", None)
        return field_class, kwargs

    @extend_schema_field(EligibilitySerializer)
    def get_eligibility(self, facility):
        result = is_rural_industrial_facility(facility)
        return {
            "eligible": result.eligible,
            "reasons": [str(reason) for reason in result.reasons],
            "legal_basis": result.legal_basis,
            "on": result.on.isoformat(),
        }
