"""Admin pages for facilities. Saves and deletes go through applicants.services so that the
admin writes the same activity log as the pages and the API."""

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from applicants import rules, services
from applicants.models import Facility, FacilityMember


class FacilityMemberForm(forms.ModelForm):
    """Refuses, next to the field, the account services.add_member would refuse: the admin
    calls the service only after the facility is saved, too late to show a form error."""

    class Meta:
        model = FacilityMember
        fields = ["facility", "user"]

    def clean_user(self):
        user = self.cleaned_data["user"]
        if user is not None and not rules.can_be_member(user):
            raise forms.ValidationError(
                _("Only a facility (applicant) account can be a member."), code="role"
            )
        return user


def add_member(request, member: FacilityMember) -> FacilityMember:
    """Save a new membership through the service (which logs it on the facility), and give
    the admin's unsaved `member` the row it goes on with."""
    saved = services.add_member(actor=request.user, facility=member.facility, user=member.user)
    member.pk = saved.pk
    member.created_at = saved.created_at
    member._state.adding = False
    member._state.db = saved._state.db
    return saved


def remove_member(request, member: FacilityMember) -> None:
    services.remove_member(actor=request.user, member=member)


class FacilityMemberInline(admin.TabularInline):
    """Members are added (services.add_member) or removed (logged), never changed: an
    existing row shows as text."""

    model = FacilityMember
    form = FacilityMemberForm
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "tax_code", "ward", "province", "updated_at"]
    list_filter = [
        "legal_form",
        "woman_owned",
        "ethnic_minority_owned",
        "exporter",
        "has_artisan",
        "province",
    ]
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
        (
            _("Priority"),
            {
                "fields": [
                    "woman_owned",
                    "ethnic_minority_owned",
                    "exporter",
                    "local_materials_over_half",
                    "has_artisan",
                ]
            },
        ),
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

    def save_formset(self, request, form, formset, change):
        if formset.model is not FacilityMember:
            super().save_formset(request, form, formset, change)
            return
        # commit=False: nothing is written here; the rows go through add_member/remove_member.
        # The inline allows no change, so formset.changed_objects is always empty.
        formset.save(commit=False)
        for member in formset.deleted_objects:
            remove_member(request, member)
        for member in formset.new_objects:
            member.facility = formset.instance
            add_member(request, member)


@admin.register(FacilityMember)
class FacilityMemberAdmin(admin.ModelAdmin):
    """Add and delete only; a membership is never edited (delete it and add another)."""

    form = FacilityMemberForm
    list_display = ["facility", "user", "created_at"]
    search_fields = ["facility__name", "facility__tax_code", "user__username", "user__full_name"]
    autocomplete_fields = ["facility", "user"]
    list_select_related = ["facility", "user"]

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Only an addition reaches here: has_change_permission refuses every change.
        add_member(request, obj)

    def delete_model(self, request, obj):
        remove_member(request, obj)

    def delete_queryset(self, request, queryset):
        # All the selected memberships, or none of them.
        with transaction.atomic():
            for member in queryset.select_related("facility", "user"):
                remove_member(request, member)
