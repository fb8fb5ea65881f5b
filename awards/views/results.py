"""The results page of a round (issue 8: results): the results table for the center's staff and
the panels' chairs (the chairs without the facilities), the officer's recognition proposal while
the round deliberates, and once it is final its certificates and the nomination form.

Finalizing stays the round's own step, on the round page (its decision number and date)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from awards import rules, services
from awards.forms.results import NominationForm, RecognitionForm
from awards.models import AwardRound, Certificate, Entry, Nomination, Recognition
from awards.result_access import can_view_results, sees_facilities
from awards.results import compute_results
from awards.views.exports import RESULT_LISTS, export_urls
from core.forms import add_service_errors, call_service
from core.http import require_POST, require_safe
from core.roles import Role, has_role

SORTS = ("score", "group")


def _round_for_results(user, pk) -> AwardRound:
    """404 for whoever may not see the round, 403 for whoever sees it but not its results."""
    award_round = get_object_or_404(
        AwardRound.objects.select_related("next_round", "criteria_template"), pk=pk
    )
    if not can_view_results(user, award_round):
        if rules.can_view_round(user, award_round):
            raise PermissionDenied
        raise Http404
    return award_round


def _is_officer(user) -> bool:
    return has_role(user, Role.OFFICER, Role.ADMIN)


def _deliberating(award_round: AwardRound) -> bool:
    return award_round.phase.results_visible and not award_round.phase.final


def _nomination_choices(award_round: AwardRound):
    return [
        (str(entry.pk), f"{entry.voting_code} · {entry.product_name}")
        for entry in Entry.objects.filter(round=award_round, state=Entry.State.RECOGNIZED).order_by(
            "voting_code"
        )
    ]


def render_results(
    request, award_round: AwardRound, *, recognition_form=None, nomination_form=None, status=200
):
    user = request.user
    context = {
        "round": award_round,
        "staff": sees_facilities(user),
        "visible": award_round.phase.results_visible,
        "sort": request.GET.get("sort") if request.GET.get("sort") in SORTS else "score",
        # A chair downloads here what the round's page (staff only) offers staff.
        "export_links": export_urls(user, award_round, only=RESULT_LISTS),
    }
    if not award_round.phase.results_visible:
        return render(request, "awards/results.html", context, status=status)
    results = compute_results(award_round)
    rows = list(results.rows)
    if context["sort"] == "group":
        rows.sort(
            key=lambda r: (
                r.group.code,
                r.rank_in_group is None,
                r.rank_in_group or 0,
                r.voting_code,
            )
        )
    can_recognize = _is_officer(user) and _deliberating(award_round)
    if can_recognize and recognition_form is None:
        recognition_form = RecognitionForm(results=results, initial=_initial_proposal(award_round))
    final = award_round.phase.final
    can_nominate = _is_officer(user) and final
    if can_nominate and nomination_form is None:
        nomination_form = NominationForm(
            choices=_nomination_choices(award_round),
            initial={
                "entries": [
                    str(pk)
                    for pk in Nomination.objects.filter(round=award_round).values_list(
                        "entry_id", flat=True
                    )
                ]
            },
        )
    proposal = {}
    if context["staff"]:
        proposal = {r.entry_id: r for r in Recognition.objects.filter(round=award_round)}
    context.update(
        {
            "results": results,
            "rows": [(row, proposal.get(row.entry_id)) for row in rows],
            "criteria": results.criteria,
            "can_recognize": can_recognize,
            "recognition_form": recognition_form,
            "can_nominate": can_nominate,
            "nomination_form": nomination_form,
            "final": final,
            "certificates": (
                list(
                    Certificate.objects.filter(round=award_round)
                    .select_related("entry", "entry__facility")
                    .order_by("sequence")
                )
                if final and context["staff"]
                else []
            ),
            "nominations": (
                list(
                    Nomination.objects.filter(round=award_round)
                    .select_related("entry", "next_entry")
                    .order_by("entry__voting_code")
                )
                if final and context["staff"]
                else []
            ),
        }
    )
    return render(request, "awards/results.html", context, status=status)


def _initial_proposal(award_round: AwardRound) -> dict:
    """The stored proposal as the form's initial values (every passing entry ticked when
    there is none yet)."""
    initial = {}
    for recognition in Recognition.objects.filter(round=award_round):
        initial[f"recognize_{recognition.entry_id}"] = recognition.recognized
        initial[f"reason_{recognition.entry_id}"] = recognition.reason
    return initial


@require_safe
@login_required
def round_results(request, pk):
    return render_results(request, _round_for_results(request.user, pk))


@require_POST
@login_required
def round_recognition(request, pk):
    award_round = _round_for_results(request.user, pk)
    if not _is_officer(request.user):
        raise PermissionDenied
    if not _deliberating(award_round):
        messages.error(request, _("Recognition is proposed while the round deliberates."))
        return redirect("awards:round-results", pk=award_round.pk)
    form = RecognitionForm(request.POST, results=compute_results(award_round))
    saved = call_service(
        form,
        lambda: services.propose_recognition(
            actor=request.user,
            award_round=award_round,
            entries=form.proposal()[0],
            excluded=form.proposal()[1],
        ),
    )
    if saved is not None:
        messages.success(request, _("The recognition proposal was saved."))
        return redirect("awards:round-results", pk=award_round.pk)
    return render_results(request, award_round, recognition_form=form)


@require_POST
@login_required
def round_nominations(request, pk):
    award_round = _round_for_results(request.user, pk)
    if not _is_officer(request.user):
        raise PermissionDenied
    form = NominationForm(request.POST, choices=_nomination_choices(award_round))
    if form.is_valid():
        try:
            outcome = services.nominate(
                actor=request.user,
                award_round=award_round,
                entries=[int(pk) for pk in form.cleaned_data["entries"]],
                decision_number=form.cleaned_data["decision_number"],
                decision_date=form.cleaned_data["decision_date"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The nominations were recorded."))
            for _entry, message in outcome.skipped:
                messages.warning(request, message)
            return redirect("awards:round-results", pk=award_round.pk)
    return render_results(request, award_round, nomination_form=form)
