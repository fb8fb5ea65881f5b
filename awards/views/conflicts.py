"""The judge's conflict-of-interest declaration for a round (awards.services.declare_conflicts).

The facilities taking part in the groups of the judge's panels are listed by name: a judge
needs the names to say whom they have a conflict with, even in a blind round. Their products
and voting codes are never shown beside them, so the list does not undo the blinding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from awards.forms.panels import DeclarationForm
from awards.models import AwardRound, Conflict, ConflictDeclaration
from awards.services import declare_conflicts
from awards.services.judging import declarable_facilities, judge_panels
from awards.views.common import posted
from core.http import require_form
from core.roles import Role, role_of


@require_form
@login_required
def judging_declaration(request, pk):
    award_round = get_object_or_404(AwardRound, pk=pk)
    if role_of(request.user) != Role.JUDGE:
        raise PermissionDenied
    if not judge_panels(request.user, award_round).exists():
        raise Http404
    declaration = ConflictDeclaration.objects.filter(round=award_round, judge=request.user).first()
    declared = list(
        Conflict.objects.filter(round=award_round, judge=request.user)
        .select_related("facility")
        .order_by("facility__sort_name", "id")
    )
    facilities = list(declarable_facilities(request.user, award_round))
    open_ = not award_round.phase.final
    form = DeclarationForm(
        posted(request) if open_ else None,
        facilities=facilities,
        declared_ids={c.facility_id for c in declared},
        allow_none=declaration is None,
    )
    if request.method == "POST" and open_ and form.is_valid():
        none = form.cleaned_data.get("none", False)
        try:
            declare_conflicts(
                actor=request.user,
                award_round=award_round,
                conflicts=form.conflicts(),
                none=none,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Your declaration was recorded."))
            return redirect("awards:judging-declaration", pk=award_round.pk)
    context = {
        "round": award_round,
        "declaration": declaration,
        "declared": declared,
        "form": form,
        "rows": form.row_fields(),
        "open": open_,
        "judging": award_round.phase.scores,
    }
    return render(request, "awards/conflict_declaration.html", context)
