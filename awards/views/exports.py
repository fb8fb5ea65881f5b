"""The official lists of a round as downloads from its pages (issue 9), with the filters of the
page they are downloaded from (the query string). The same answers as the API: 404 for whoever
may not see the round, 403 for whoever sees it but may not have the list."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from awards import rules
from awards.models import AwardRound
from core.http import require_safe
from core.spreadsheets import ExportNotAllowed, registry
from core.spreadsheets.delivery import respond


@require_safe
@login_required
def round_export(request, pk, identifier):
    award_round = get_object_or_404(AwardRound, pk=pk)
    exporter = registry.get(identifier)(user=request.user, subject=award_round, params=request.GET)
    try:
        exporter.check_allowed()
    except ExportNotAllowed:
        if rules.can_view_round(request.user, award_round):
            raise PermissionDenied from None
        raise Http404 from None
    return respond(request, exporter)


# The lists whose data the results page shows (the register of entries is the entry list's).
RESULT_LISTS = ("recognized", "nominees", "scores", "score-sheets")


def export_urls(user, award_round: AwardRound, only=None) -> list[tuple[str, str, str]]:
    """(identifier, name, URL) of the round's lists this user may download (of those named in
    `only`, when given): a page's menu."""
    from django.urls import reverse

    links = []
    for identifier, exporter_class in registry.for_subject(AwardRound).items():
        if only is not None and identifier not in only:
            continue
        try:
            exporter_class(user=user, subject=award_round).check_allowed()
        except ExportNotAllowed:
            continue
        url = reverse(f"awards:round-export-{identifier}", args=[award_round.pk])
        links.append((identifier, str(exporter_class.verbose_name), url))
    return links
