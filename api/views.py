"""Thin viewsets: parse the request, call one service or query, render the result.

Permissions come from core.roles and applicants.rules (see api.permissions), visibility from
applicants.queries, and every change from a service; a service's ValidationError or
PermissionDenied is turned into the API's answer by api.exceptions.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, generics, mixins, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from api.filters import WardFilter
from api.permissions import CanManageUsers, FacilityPermission
from api.serializers import (
    FacilitySerializer,
    MeSerializer,
    ProvinceSerializer,
    TokenSerializer,
    UserCreateSerializer,
    UserSerializer,
    WardSerializer,
)
from applicants import services as facility_services
from applicants.filters import FacilityFilter
from applicants.queries import facilities_visible_to
from core.models import Province, Ward
from core.services import create_user

User = get_user_model()


@extend_schema(tags=["auth"], responses=TokenSerializer)
class TokenView(ObtainAuthToken):
    """Exchange a username and password for the account's API token (`Authorization: Token …`)."""

    # The credentials are in the body: a browser's session cookie must not make this request
    # subject to the session's CSRF check.
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"


@extend_schema(tags=["auth"])
class MeView(generics.RetrieveAPIView):
    """The signed-in account: its role and the facilities it is a member of."""

    serializer_class = MeSerializer
    filter_backends = []

    def get_object(self):
        return self.request.user


@extend_schema_view(
    create=extend_schema(request=UserCreateSerializer, responses={201: UserSerializer}),
)
class UserViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Accounts. Officers create judges and applicants; administrators create any role."""

    queryset = User.objects.prefetch_related("groups").order_by("username", "id")
    serializer_class = UserSerializer
    permission_classes = [IsAuthenticated, CanManageUsers]
    filter_backends = []

    def create(self, request, *args, **kwargs):
        serializer = UserCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            user = create_user(actor=request.user, **serializer.validated_data)
        except PermissionDenied as error:
            # The actor may create accounts (CanManageUsers), just not with this role.
            raise exceptions.ValidationError({"role": [str(error)]}, code="not_allowed") from None
        return Response(self.get_serializer(user).data, status=status.HTTP_201_CREATED)


class FacilityViewSet(viewsets.ModelViewSet):
    """Rural industrial facilities. An applicant sees and edits their own; officers, managers and
    administrators see all; officers and administrators edit; only administrators delete."""

    serializer_class = FacilitySerializer
    permission_classes = [IsAuthenticated, FacilityPermission]
    filterset_class = FacilityFilter
    ordering_fields = ["name", "created_at", "tax_code", "province"]

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


class ProvinceViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The 34 provinces of the 2025 reform. Public: the self-registration page needs them."""

    queryset = Province.objects.all()
    serializer_class = ProvinceSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    filter_backends = []


class WardViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The commune-level units of one province (`?province=<code>`, required). Public."""

    queryset = Ward.objects.all()
    serializer_class = WardSerializer
    permission_classes = [AllowAny]
    pagination_class = None
    filter_backends = [DjangoFilterBackend]
    filterset_class = WardFilter
