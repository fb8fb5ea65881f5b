"""Serializers of facilities: they parse and render; the rules are in the model, its validators
and applicants.services, which the viewset calls."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import ServiceModelSerializer
from applicants.eligibility import is_rural_industrial_facility
from applicants.models import Facility
from applicants.services import EDITABLE_FIELDS

# Fields the facility service rewrites in a canonical form before validating them.
NORMALIZED_FIELDS = frozenset({"tax_code", "phone"})


class FacilityRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Facility
        fields = ["id", "name"]


class EligibilitySerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    legal_basis = serializers.CharField()
    on = serializers.DateField()


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
