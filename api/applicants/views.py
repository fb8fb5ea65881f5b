"""Facilities: a thin viewset over applicants.queries (who sees what) and applicants.services
(every change)."""

from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated

from api.applicants.permissions import FacilityPermission
from api.applicants.serializers import FacilitySerializer
from applicants import services as facility_services
from applicants.filters import FacilityFilter
from applicants.queries import facilities_visible_to


class FacilityViewSet(viewsets.ModelViewSet):
    """Rural industrial facilities. An applicant sees and edits their own; officers, managers and
    administrators see all; officers and administrators edit; only administrators delete."""

    serializer_class = FacilitySerializer
    lookup_value_converter = "id"
    # A facility other records refer to is not deleted: 409 (applicants.services, "protected").
    conflict_actions = ("destroy",)
    permission_classes = [IsAuthenticated, FacilityPermission]
    filterset_class = FacilityFilter
    ordering_fields = ["name", "created_at", "tax_code", "province"]
    ordering_keys = {"name": "sort_name", "province": "province__sort_name"}

    def get_queryset(self):
        return facilities_visible_to(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = facility_services.create_facility(
            actor=self.request.user, data=serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = facility_services.update_facility(
            actor=self.request.user, facility=serializer.instance, data=serializer.validated_data
        )

    def perform_destroy(self, instance):
        facility_services.delete_facility(actor=self.request.user, facility=instance)
