"""Admin pages of the programmes: for looking only. Plans, rules, proposals, payments and councils
change through the pages and the API, which go through programs.services and core.workflow
(the no-overlap check of the rules, the payment lock, the activity log); an admin form would
bypass them."""

from django.contrib import admin

from core.admin import ReadOnlyMixin
from programs.models import (
    Activity,
    AppraisalCouncil,
    BudgetLine,
    EquipmentItem,
    Payment,
    Plan,
    Proposal,
    SupportRule,
)


@admin.register(Activity)
class ActivityAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("position", "code", "name", "has_equipment")


@admin.register(SupportRule)
class SupportRuleAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("activity", "fund_source", "max_rate", "ceiling", "valid_from", "valid_to")
    list_filter = ("fund_source",)


@admin.register(Plan)
class PlanAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("title", "year", "fund_source", "budget", "state")


class BudgetLineInline(ReadOnlyMixin, admin.TabularInline):
    model = BudgetLine
    extra = 0


class EquipmentItemInline(ReadOnlyMixin, admin.TabularInline):
    model = EquipmentItem
    extra = 0


class PaymentInline(ReadOnlyMixin, admin.TabularInline):
    model = Payment
    extra = 0


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("code", "title", "plan", "activity", "state", "approved_funding")
    list_filter = ("state", "plan")
    search_fields = ("code", "title")
    inlines = [BudgetLineInline, EquipmentItemInline, PaymentInline]


@admin.register(AppraisalCouncil)
class AppraisalCouncilAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("name", "plan", "concluded_on")
