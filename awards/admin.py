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


@admin.register(ProductGroup)
class ProductGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name")


class TemplateCriterionInline(admin.TabularInline):
    model = TemplateCriterion
    extra = 0


@admin.register(CriteriaTemplate)
class CriteriaTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "is_default", "created_at")
    inlines = [TemplateCriterionInline]


class RoundCriterionInline(admin.TabularInline):
    """Read-only: a round's criteria are a copy fixed when registration opens."""

    model = RoundCriterion
    extra = 0
    can_delete = False
    readonly_fields = ("code", "text", "max_points", "position", "parent")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(AwardRound)
class AwardRoundAdmin(admin.ModelAdmin):
    """States change only through the workflow (pages and API), never by editing the field."""

    list_display = ("title", "year", "level", "state")
    list_filter = ("level", "state", "year")
    search_fields = ("title",)
    readonly_fields = ("state", "decision_number", "decision_date")
    inlines = [RoundCriterionInline]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ("kind", "original_name", "content_type", "size", "uploaded_by")
    exclude = ("file", "thumbnail")


class ScreeningCheckInline(admin.TabularInline):
    model = ScreeningCheck
    extra = 0


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("product_name", "facility", "round", "product_group", "state", "voting_code")
    list_filter = ("round", "product_group", "state")
    search_fields = ("product_name", "facility__name", "voting_code")
    list_select_related = ("facility", "round", "product_group")
    readonly_fields = ("state", "voting_code", "submitted_at")
    raw_id_fields = ("facility",)
    inlines = [AttachmentInline, ScreeningCheckInline]
