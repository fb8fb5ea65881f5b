from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from core.models import ActivityLog, Organisation, Province, User, Ward


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Contact"), {"fields": ("full_name", "phone")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Contact"), {"fields": ("full_name", "email", "phone")}),
    )
    list_display = ("username", "full_name", "email", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email")


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("name", "code")


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "province")
    list_filter = ("kind", "province")
    search_fields = ("name", "code")
    list_select_related = ("province",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("center_name", "department_name", "province_name")
    fieldsets = (
        (None, {"fields": ("province", "province_name", "department_name", "center_name")}),
        (_("Certificates"), {"fields": ("certificate_number_format",)}),
        (
            _("Signature of the official lists"),
            {"fields": ("signing_place", "signer_title", "signer_name")},
        ),
    )

    def has_add_permission(self, request):
        return not Organisation.objects.exists() and super().has_add_permission(request)


@admin.register(ActivityLog)
class ActivityLogAdmin(admin.ModelAdmin):
    """Read-only: history is never edited."""

    list_display = ("created_at", "actor", "action", "content_type", "object_repr")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "note", "decision_number")
    list_select_related = ("actor", "content_type")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyMixin:
    """Listed and shown, never added, changed or deleted: for data that changes only through
    the services (guards, one transaction, the activity log), which an admin form would
    bypass. `obj=None` fits both the model admins' and the inlines' signatures."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
