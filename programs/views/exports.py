"""A plan's lists (the proposal list, the equipment projects, the payments) as downloads from
its page. The same answers as the API: 404 for whoever may not see the plan, 403 for whoever
sees it but may not have the list."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from core.http import require_safe
from core.spreadsheets import ExportNotAllowed, registry
from core.spreadsheets.delivery import respond
from programs.models import Plan
from programs.queries import plans_visible_to


@require_safe
@login_required
def plan_export(request, pk, identifier):
    plan = get_object_or_404(Plan, pk=pk)
    exporter = registry.get(identifier)(user=request.user, subject=plan, params=request.GET)
    try:
        exporter.check_allowed()
    except ExportNotAllowed:
        if plans_visible_to(request.user).filter(pk=plan.pk).exists():
            raise PermissionDenied from None
        raise Http404 from None
    return respond(request, exporter)


def export_urls(user, plan: Plan) -> list[tuple[str, str, str]]:
    """(identifier, name, URL) of the plan's lists this user may download: the page's menu."""
    links = []
    for identifier, exporter_class in registry.for_subject(Plan).items():
        try:
            exporter_class(user=user, subject=plan).check_allowed()
        except ExportNotAllowed:
            continue
        url = reverse(f"programs:plan-export-{identifier}", args=[plan.pk])
        links.append((identifier, str(exporter_class.verbose_name), url))
    return links
