"""The programme pages (namespace "programs", mounted at /programs/): applying for support, the
proposals and their steps, the plans and the appraisal councils."""

from django.urls import include, path

from core import converters  # noqa: F401  (registers <id:…>)
from programs.views import councils, detail, plans, proposals, reference

app_name = "programs"
urlpatterns = [
    path("proposals/", proposals.proposal_list, name="proposal-list"),
    path("proposals/new/", proposals.proposal_create, name="proposal-create"),
    path("proposals/<id:pk>/", detail.proposal_detail, name="proposal-detail"),
    path("proposals/<id:pk>/edit/", proposals.proposal_edit, name="proposal-edit"),
    path("proposals/<id:pk>/support/", proposals.proposal_support, name="proposal-support"),
    path("proposals/<id:pk>/transition/", detail.proposal_transition, name="proposal-transition"),
    path("proposals/<id:pk>/payments/", detail.payment_create, name="payment-create"),
    path("equipment/<id:pk>/check/", detail.item_check, name="item-check"),
    path("plans/", plans.plan_list, name="plan-list"),
    path("plans/<id:pk>/", plans.plan_detail, name="plan-detail"),
    path("plans/<id:pk>/transition/", plans.plan_transition, name="plan-transition"),
    path("plans/<id:pk>/councils/new/", councils.council_create, name="council-create"),
    path("councils/<id:pk>/", plans.council_detail, name="council-detail"),
    path(
        "councils/<id:pk>/proposals/",
        councils.council_add_proposals,
        name="council-add-proposals",
    ),
    path(
        "councils/<id:pk>/proposals/<id:proposal_pk>/opinion/",
        plans.opinion_save,
        name="opinion-save",
    ),
    path("councils/<id:pk>/conclude/", plans.council_conclude, name="council-conclude"),
    path("rules/", reference.rule_list, name="rule-list"),
    path("rules/new/", reference.rule_create, name="rule-create"),
    path("rules/<id:pk>/edit/", reference.rule_edit, name="rule-edit"),
    path("rules/<id:pk>/delete/", reference.rule_delete, name="rule-delete"),
    path("", include("programs.views.documents")),
]

# A plan's lists, one path per list (core.spreadsheets.registry).
from core.spreadsheets import registry  # noqa: E402
from programs.models import Plan  # noqa: E402
from programs.views import exports as export_views  # noqa: E402

urlpatterns += [
    path(
        f"plans/<id:pk>/exports/{identifier}.xlsx",
        export_views.plan_export,
        {"identifier": identifier},
        name=f"plan-export-{identifier}",
    )
    for identifier in registry.for_subject(Plan)
]
