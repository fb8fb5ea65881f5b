from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import accounts, admin_units, exceptions, export_jobs
from api import exports as list_exports
from api.applicants.views import FacilityViewSet
from api.awards import attachments, criteria, entries, panels, rounds, sheets
from api.awards import results as award_results
from api.notifications.views import NotificationViewSet
from api.programs import appraisals, budget, payments, plans, proposals, reference
from api.programs import documents as proposal_documents
from core import converters  # noqa: F401  (registers <id:…>)

app_name = "api"

# Path converters instead of regular expressions, so that each viewset's detail routes take
# `lookup_value_converter` ("id": a 64-bit row id, core.converters).
router = DefaultRouter(use_regex_path=False)
router.register("users", accounts.UserViewSet, basename="user")
router.register("facilities", FacilityViewSet, basename="facility")
router.register("provinces", admin_units.ProvinceViewSet, basename="province")
router.register("wards", admin_units.WardViewSet, basename="ward")
router.register("product-groups", criteria.ProductGroupViewSet, basename="product-group")
router.register(
    "criteria-templates", criteria.CriteriaTemplateViewSet, basename="criteria-template"
)
router.register("rounds", rounds.RoundViewSet, basename="round")
router.register("entries", entries.EntryViewSet, basename="entry")
router.register("notifications", NotificationViewSet, basename="notification")
# Judging (issue 8): scoring
router.register("score-sheets", sheets.ScoreSheetViewSet, basename="score-sheet")
# Judging (issue 8): panels
router.register("panels", panels.PanelViewSet, basename="panel")
router.register("conflicts", panels.ConflictViewSet, basename="conflict")
router.register("assignments", panels.AssignmentViewSet, basename="assignment")
# Issue 8: results.
router.register("certificates", award_results.CertificateViewSet, basename="certificate")
# Issue 10: extension programmes.
router.register("plans", plans.PlanViewSet, basename="plan")
router.register("activities", reference.ActivityViewSet, basename="activity")
router.register("support-rules", reference.SupportRuleViewSet, basename="support-rule")
router.register("proposals", proposals.ProposalViewSet, basename="proposal")
router.register("appraisals", appraisals.AppraisalViewSet, basename="appraisal")

entry_attachments = attachments.EntryAttachmentViewSet.as_view({"get": "list", "post": "create"})
entry_attachment = attachments.EntryAttachmentViewSet.as_view({"delete": "destroy"})
entry_attachment_file = attachments.EntryAttachmentViewSet.as_view({"get": "download"})
entry_attachment_thumbnail = attachments.EntryAttachmentViewSet.as_view({"get": "thumbnail"})
# Issue 10: the proposals' documents.
proposal_attachments = proposal_documents.ProposalDocumentViewSet.as_view(
    {"get": "list", "post": "create"}
)
proposal_attachment = proposal_documents.ProposalDocumentViewSet.as_view({"delete": "destroy"})
proposal_attachment_file = proposal_documents.ProposalDocumentViewSet.as_view({"get": "download"})

# Issue 10: a proposal's rows, nested under it (as an entry's attachments).
PROPOSAL_CHILDREN = [
    ("budget-lines", "budget-line", budget.BudgetLineViewSet),
    ("equipment", "equipment-item", budget.EquipmentItemViewSet),
]
proposal_child_routes = [
    route
    for prefix, name, viewset in PROPOSAL_CHILDREN
    for route in (
        path(
            f"proposals/<id:proposal_pk>/{prefix}/",
            viewset.as_view({"get": "list", "post": "create"}),
            name=f"proposal-{name}-list",
        ),
        path(
            f"proposals/<id:proposal_pk>/{prefix}/<id:pk>/",
            viewset.as_view(
                {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}
            ),
            name=f"proposal-{name}-detail",
        ),
    )
]
proposal_child_routes += [
    path(
        "proposals/<id:proposal_pk>/equipment/<id:pk>/acceptance/",
        budget.EquipmentItemViewSet.as_view({"post": "acceptance"}),
        name="proposal-equipment-item-acceptance",
    ),
    path(
        "proposals/<id:proposal_pk>/payments/",
        payments.PaymentViewSet.as_view({"get": "list", "post": "create"}),
        name="proposal-payment-list",
    ),
]

urlpatterns = [
    path("auth/token/", accounts.TokenView.as_view(), name="token"),
    path("me/", accounts.MeView.as_view(), name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up code from a URL instead of an inline script,
    # which the Content-Security-Policy (scripts from 'self' only) requires.
    # The template moves the page's inline <style> to a static file for the same reason.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path(
        "entries/<id:entry_pk>/attachments/",
        entry_attachments,
        name="entry-attachment-list",
    ),
    path(
        "entries/<id:entry_pk>/attachments/<id:pk>/",
        entry_attachment,
        name="entry-attachment-detail",
    ),
    path(
        "entries/<id:entry_pk>/attachments/<id:pk>/file/",
        entry_attachment_file,
        name="entry-attachment-file",
    ),
    path(
        "entries/<id:entry_pk>/attachments/<id:pk>/thumbnail/",
        entry_attachment_thumbnail,
        name="entry-attachment-thumbnail",
    ),
    # Issue 10: the proposals' documents.
    path(
        "proposals/<id:proposal_pk>/attachments/",
        proposal_attachments,
        name="proposal-attachment-list",
    ),
    path(
        "proposals/<id:proposal_pk>/attachments/<id:pk>/",
        proposal_attachment,
        name="proposal-attachment-detail",
    ),
    path(
        "proposals/<id:proposal_pk>/attachments/<id:pk>/file/",
        proposal_attachment_file,
        name="proposal-attachment-file",
    ),
    # Judging (issue 8): scoring. Before the router, whose round routes it would otherwise
    # share a prefix with.
    path(
        "rounds/<id:pk>/progress/",
        sheets.RoundProgressView.as_view(),
        name="round-progress",
    ),
    # Issue 8: results (paths before the router, whose rounds/<id>/ would not know them).
    path(
        "rounds/<id:pk>/results/",
        award_results.RoundResultsView.as_view(),
        name="round-results",
    ),
    path(
        "rounds/<id:pk>/recognition/",
        award_results.RoundRecognitionView.as_view(),
        name="round-recognition",
    ),
    path(
        "rounds/<id:pk>/nominations/",
        award_results.RoundNominationsView.as_view(),
        name="round-nominations",
    ),
    # Issue 9: the official lists, one path per list of a round (before the router's rounds/).
    *(
        path(
            f"rounds/<id:pk>/exports/{identifier}.xlsx",
            view.as_view(),
            name=f"round-export-{identifier}",
        )
        for identifier, view in list_exports.round_export_views()
    ),
    # Issue 10: the lists of an extension plan.
    *(
        path(f"plans/<id:pk>/exports/{i}.xlsx", v.as_view(), name=f"plan-export-{i}")
        for i, v in list_exports.plan_export_views()
    ),
    path(
        "facilities/export.xlsx", list_exports.FacilityExportView.as_view(), name="facility-export"
    ),
    # Issue 9: background exports
    path("export-jobs/<id:pk>/", export_jobs.ExportJobView.as_view(), name="export-job"),
    path(
        "export-jobs/<id:pk>/file/", export_jobs.ExportJobFileView.as_view(), name="export-job-file"
    ),
    *proposal_child_routes,
    *router.urls,
    # Last: an address under /api/v1/ that matches nothing above (an id that is not one, a
    # mistyped path, one with a line break: hence [\s\S], not ".") answers the API's JSON 404,
    # not the site's HTML page. Only addresses with a trailing slash, so that a missing slash
    # is still redirected by CommonMiddleware.
    re_path(r"^[\s\S]*/$", exceptions.not_found, name="not-found"),
]
