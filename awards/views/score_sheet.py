"""The score sheet page of a judge (awards:judging-sheet): the entry as the judge sees it
(never the facility unless the round shows it) and the sheet laid out as Phụ lục 4 of TT
26/2014, saved and submitted through awards.services.scoring and the sheet's workflow; the
panel's secretary enters a judge's paper sheet here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from awards import judging_rules
from awards.forms.scoring import ScoreSheetForm
from awards.models import (
    ScoreSheet,
)
from awards.views.common import posted
from awards.views.entries import attachment_groups, description_rows
from awards.views.judging import must_declare, require_judge
from core.history import state_since
from core.http import require_form
from core.workflow import TransitionConflict, transition

S = ScoreSheet.State


def _sheet_for(user, pk) -> tuple[ScoreSheet, bool]:
    """The sheet, and whether the user is its panel's secretary entering it (not its judge);
    404 for anyone else."""
    require_judge(user)
    sheet = get_object_or_404(
        ScoreSheet.objects.select_related(
            "round",
            "panel",
            "judge",
            "entered_by",
            "entry",
            "entry__product_group",
            "entry__facility",
            "entry__facility__province",
            "entry__facility__ward",
        ),
        pk=pk,
    )
    if judging_rules.is_sheet_judge(user, sheet):
        return sheet, False
    if judging_rules.is_secretary(user, sheet.panel):
        return sheet, True
    raise Http404


def _stale_reason(sheet: ScoreSheet, shown: str) -> str | None:
    """Why a sheet the page showed in state `shown` can no longer be written, in words: the
    round left judging, or the sheet moved (submitted, reopened, voided) meanwhile."""
    if not sheet.round.phase.scores:
        return " ".join(
            [
                state_since(sheet.round),
                _("Judging of this round has ended: the score sheet can no longer change."),
            ]
        )
    if sheet.state != S.DRAFT or (shown and shown != sheet.state):
        return " ".join(
            [state_since(sheet), _("The score sheet was not changed: here it is as it is now.")]
        )
    return None


@require_form
@login_required
def judging_sheet(request, pk):
    sheet, as_secretary = _sheet_for(request.user, pk)
    award_round = sheet.round
    if not judging_rules.has_declared(request.user, award_round):
        return must_declare(request, award_round)
    if request.method == "POST":
        stale = _stale_reason(sheet, request.POST.get("from", ""))
        if stale:
            messages.error(request, stale)
            return redirect("awards:judging-sheet", pk=sheet.pk)
    submitting = request.POST.get("action") == "submit"
    form = ScoreSheetForm(posted(request), sheet=sheet, submitting=submitting)
    if request.method == "POST" and form.is_valid():
        done = _write_sheet(request, sheet, form, submitting=submitting)
        if done is not None:
            return done
    return render_sheet(request, sheet, form, as_secretary=as_secretary)


def _write_sheet(request, sheet: ScoreSheet, form: ScoreSheetForm, *, submitting: bool):
    """Saves the scores, and submits the sheet with them when `submitting` (both or neither);
    the redirect, or None with the refusal on the form."""
    from awards.services.scoring import save_scores

    try:
        with transaction.atomic():
            save_scores(
                actor=request.user,
                sheet=sheet,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
            if submitting:
                transition(sheet, action="submit", actor=request.user, expected=S.DRAFT)
    except TransitionConflict:
        sheet.refresh_from_db()
        messages.error(request, _stale_reason(sheet, S.DRAFT) or state_since(sheet))
        return redirect("awards:judging-sheet", pk=sheet.pk)
    except ValidationError as error:
        sheet.refresh_from_db()
        stale = _stale_reason(sheet, S.DRAFT)
        if stale:
            messages.error(request, stale)
            return redirect("awards:judging-sheet", pk=sheet.pk)
        form.add_scores_error(error)
        return None
    if submitting:
        messages.success(
            request,
            _("The score sheet of %(code)s was submitted.") % {"code": sheet.entry.voting_code},
        )
        return redirect("awards:judging-round", pk=sheet.round_id)
    messages.success(request, _("The draft was saved."))
    return redirect("awards:judging-sheet", pk=sheet.pk)


def identity_rows(sheet: ScoreSheet) -> list[tuple[str, str]]:
    """The facility as a judge may see it where the round allows (else nothing)."""
    if not judging_rules.sees_identity(sheet.round):
        return []
    facility = sheet.entry.facility
    return [
        (_("Facility"), facility.name),
        (_("Tax code"), facility.tax_code),
        (_("Address"), facility.full_address),
        (_("Representative"), facility.representative_name),
        (_("Phone"), facility.phone),
        (_("Email"), facility.email),
    ]


def render_sheet(request, sheet: ScoreSheet, form: ScoreSheetForm, *, as_secretary: bool):
    entry, award_round = sheet.entry, sheet.round
    editable = sheet.state == S.DRAFT and award_round.phase.scores
    photos, documents = attachment_groups(entry)
    rows = form.rows()
    given = {score.criterion_id: score for score in sheet.scores.select_related("criterion")}
    points = {score.criterion.code: score.points for score in given.values()}
    for row in rows:
        row["given"] = given.get(row["criterion"].pk)
        if not row["scored"]:
            parts = [points[code] for code in row["leaves"] if code in points]
            row["subtotal"] = sum(parts) if parts else None
    submit = ScoreSheet.workflow.get("submit")
    context = {
        "sheet": sheet,
        "entry": entry,
        "round": award_round,
        "form": form,
        "rows": rows,
        "max_total": sum(
            (c.max_points for c in award_round.criteria.all() if c.parent_id is None),
        ),
        "editable": editable,
        "as_secretary": as_secretary,
        "photos": photos,
        "documents": documents,
        "description": description_rows(entry),
        "identity": identity_rows(sheet),
        "submit_label": submit.label,
        "submit_confirm": submit.confirmation(sheet),
        "closed_reason": None if editable else _closed_reason(sheet),
    }
    return render(request, "awards/judging_sheet.html", context)


def _closed_reason(sheet: ScoreSheet) -> str:
    if sheet.state == S.VOID:
        return _("This sheet was voided: its judge declared a conflict of interest.")
    if not sheet.round.phase.scores:
        return _("Judging of this round has ended: the score sheet can no longer change.")
    return _("This sheet was submitted: only the panel's chair or an officer can reopen it.")


# ---- The panel's sheets -----------------------------------------------------------------------
