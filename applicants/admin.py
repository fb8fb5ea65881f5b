"""Admin pages for facilities. Saves and deletes go through applicants.services so that the
admin writes the same activity log as the pages and the API."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from applicants import services
from applicants.models import Facility, FacilityMember


class FacilityMemberInline(admin.TabularInline):
    model = FacilityMember
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at"]


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "tax_code", "ward", "province", "updated_at"]
    list_filter = ["legal_form", "woman_owned", "ethnic_minority_owned", "province"]
    search_fields = ["name", "tax_code", "representative_name", "craft_village", "phone"]
    list_select_related = ["province", "ward"]
    # 3,321 wards make a plain select unusable; Facility.clean checks ward ∈ province.
    autocomplete_fields = ["province", "ward"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [FacilityMemberInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "legal_form",
                    "tax_code",
                    ("business_registration_number", "business_registration_date"),
                    ("representative_name", "representative_title"),
                    ("phone", "email"),
                ]
            },
        ),
        (_("Address"), {"fields": ["province", "ward", "address_line", "old_address"]}),
        (
            _("Production"),
            {"fields": ["sector", "craft_village", "main_products", "workers", "founded_year"]},
        ),
        (_("Priority"), {"fields": ["woman_owned", "ethnic_minority_owned"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        if change:
            saved = services.update_facility(actor=request.user, facility=obj, data=data)
        else:
            saved = services.create_facility(actor=request.user, data=data)
        # The admin goes on with `obj` (inlines, its own log, the redirect): give it the row.
        obj.pk = saved.pk
        obj._state.adding = False
        obj._state.db = saved._state.db

    def delete_model(self, request, obj):
        services.delete_facility(actor=request.user, facility=obj)

    def delete_queryset(self, request, queryset):
        for facility in queryset:
            services.delete_facility(actor=request.user, facility=facility)


@admin.register(FacilityMember)
class FacilityMemberAdmin(admin.ModelAdmin):
    list_display = ["facility", "user", "created_at"]
    search_fields = ["facility__name", "facility__tax_code", "user__username", "user__full_name"]
    autocomplete_fields = ["facility", "user"]
    list_select_related = ["facility", "user"]
