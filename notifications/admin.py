from django.contrib import admin

from notifications.models import Notification, NotificationPreferences


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """What was told to whom, and whether its e-mail went out (a failed one shows its error)."""

    list_display = ["created_at", "recipient", "kind", "title", "read_at", "email_status"]
    list_filter = ["kind", "email_status"]
    search_fields = ["title", "recipient__username", "recipient__email"]
    list_select_related = ["recipient"]
    readonly_fields = [field.name for field in Notification._meta.concrete_fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(NotificationPreferences)
class NotificationPreferencesAdmin(admin.ModelAdmin):
    list_display = ["user", "email", "round_openings", "updated_at"]
    list_filter = ["email", "round_openings"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
