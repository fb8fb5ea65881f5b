"""Accounts: the API token, the signed-in account (`me/`) and the users officers and
administrators create (core.services.create_user)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, generics, mixins, serializers, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from api.applicants.serializers import FacilityRefSerializer
from api.parsers import FormParser, JSONParser, MultiPartParser
from api.serializers import TextField
from applicants.models import Facility
from core.roles import Role, role_of, roles_creatable_by
from core.services import create_user
from notifications.services import unread_count

User = get_user_model()


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class RoleField(serializers.ChoiceField):
    """A user's role key (core.roles), or null for an account without a role."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Role.choices)
        super().__init__(**kwargs)


class UserSerializer(serializers.ModelSerializer):
    # An account may have no email (stored as ""): the schema says so (`allow_blank`), as "" is
    # not an email address for `format: email`.
    email = serializers.EmailField(
        read_only=True, allow_blank=True, label=User._meta.get_field("email").verbose_name
    )
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
    unread_notifications = serializers.SerializerMethodField()

    class Meta(UserSerializer.Meta):
        fields = [
            "id",
            "username",
            "full_name",
            "email",
            "role",
            "facilities",
            "unread_notifications",
        ]
        read_only_fields = fields

    @extend_schema_field(FacilityRefSerializer(many=True))
    def get_facilities(self, user):
        facilities = Facility.objects.filter(memberships__user=user).order_by("name", "id")
        return FacilityRefSerializer(facilities, many=True).data

    def get_unread_notifications(self, user) -> int:
        """How many of the account's notifications are unread (api/v1/notifications/)."""
        return unread_count(user)


def max_length(name: str) -> int:
    """The user model's length limit (checked by create_user's full_clean), for the schema."""
    return User._meta.get_field(name).max_length


class UserCreateSerializer(serializers.Serializer):
    """Input of POST /users/; core.services.create_user validates and creates the account."""

    # Text cleaned as stored before its length is counted (api.serializers.TextField); the
    # password exactly as sent.
    username = TextField(max_length=max_length("username"))
    password = serializers.CharField(write_only=True, style={"input_type": "password"})
    full_name = TextField(required=False, allow_blank=True, max_length=max_length("full_name"))
    email = serializers.EmailField(required=False, allow_blank=True, max_length=max_length("email"))
    role = RoleField()


class CanManageUsers(BasePermission):
    """Officers and admins (any role that may create accounts) list, read and create users."""

    def has_permission(self, request, view) -> bool:
        return bool(roles_creatable_by(request.user))


@extend_schema(tags=["auth"], responses=TokenSerializer)
class TokenView(ObtainAuthToken):
    """Exchange a username and password for the account's API token (`Authorization: Token …`)."""

    # The credentials are in the body: a browser's session cookie must not make this request
    # subject to the session's CSRF check.
    authentication_classes = []
    # ObtainAuthToken names DRF's parsers; ours answer a bad body with a 400 in Vietnamese.
    parser_classes = [JSONParser, FormParser, MultiPartParser]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"


@extend_schema(tags=["auth"])
class MeView(generics.RetrieveAPIView):
    """The signed-in account: its role, the facilities it is a member of and how many of its
    notifications are unread."""

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
    lookup_value_converter = "id"
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
