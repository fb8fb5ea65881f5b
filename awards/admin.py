"""Admin pages of the award app: for looking only. Rounds, entries, their screening and files,
and criteria templates change through the pages and the API, which go through awards.services
and core.workflow (guards, one transaction, the activity log); an admin form would bypass all
three. Product groups are reference data that only an administrator keeps: editable here."""

from django.contrib import admin

from awards.models import (
    Attachment,
    AwardRound,
    CriteriaTemplate,
    Entry,
    ProductGroup,
    RoundCriterion,
    ScreeningCheck,
    TemplateCriterion,
)
from core.admin import ReadOnlyMixin


@admin.register(ProductGroup)
class ProductGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name")


class TemplateCriterionInline(ReadOnlyMixin, admin.TabularInline):
    model = TemplateCriterion
    extra = 0
    fields = ("position", "code", "text", "max_points", "parent")


@admin.register(CriteriaTemplate)
class CriteriaTemplateAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Templates are written on the criteria template pages (awards.services
    .save_criteria_template), which check that sub-criteria sum to their parent."""

    list_display = ("name", "is_default", "created_at")
    inlines = [TemplateCriterionInline]


class RoundCriterionInline(ReadOnlyMixin, admin.TabularInline):
    """A round's criteria are a copy fixed when registration opens."""

    model = RoundCriterion
    extra = 0
    fields = ("position", "code", "text", "max_points", "parent")


@admin.register(AwardRound)
class AwardRoundAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("title", "year", "level", "state")
    list_filter = ("level", "state", "year")
    search_fields = ("title",)
    inlines = [RoundCriterionInline]


class AttachmentInline(ReadOnlyMixin, admin.TabularInline):
    model = Attachment
    extra = 0
    # The files are private: downloaded only through the permission-checked view.
    fields = ("kind", "original_name", "content_type", "size", "uploaded_by")


class ScreeningCheckInline(ReadOnlyMixin, admin.TabularInline):
    model = ScreeningCheck
    extra = 0


@admin.register(Entry)
class EntryAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("product_name", "facility", "round", "product_group", "state", "voting_code")
    list_filter = ("round", "product_group", "state")
    search_fields = ("product_name", "facility__name", "voting_code")
    list_select_related = ("facility", "round", "product_group")
    inlines = [AttachmentInline, ScreeningCheckInline]
