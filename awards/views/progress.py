"""The progress of a round's judging: per judge (sheets assigned, drafted, submitted) and per
entry (sheets submitted against the minimum), per panel. Officers, managers and administrators
follow the whole round, a panel's chair their panel. An officer, or the chair on their panel,
reopens a submitted sheet from here with a reason (the sheet's workflow, reopen_by_officer /
reopen_by_chair).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import rules
from awards.models import AwardRound, Panel, PanelRole, ScoreSheet
from awards.progress import round_progress
from core.forms import BootstrapMixin, add_service_errors
from core.history import state_since
from core.http import require_POST, require_safe
from core.models import LONG_TEXT_MAX
from core.roles import Role, has_role, is_staff_role, role_of
from core.workflow import TransitionConflict, transition

REOPEN_STEPS = ("reopen_by_officer", "reopen_by_chair")


class ReopenForm(BootstrapMixin, forms.Form):
    """Reopening a submitted sheet: the reason (the judge reads it) and the state the page
    showed (a stale page is refused, not acted on)."""

    action = forms.ChoiceField(choices=[(n, n) for n in REOPEN_STEPS], widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea({"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.ChoiceField(
            choices=ScoreSheet.State.choices, required=False, widget=forms.HiddenInput
        )


def followed_panels(user, award_round: AwardRound) -> list[Panel] | None:
    """None: the whole round (staff); else the panels the user chairs in it. 404 for who may
    not see the round at all, 403 for who sees it and follows no panel."""
    if is_staff_role(user):
        return None
    if role_of(user) == Role.JUDGE:
        chaired = list(
            Panel.objects.filter(
                round=award_round, members__judge=user, members__role=PanelRole.CHAIR
            )
        )
        if chaired:
            return chaired
        raise PermissionDenied
    if not rules.can_view_round(user, award_round):
        raise Http404
    raise PermissionDenied


@require_safe
@login_required
def round_progress_page(request, pk):
    award_round = get_object_or_404(AwardRound, pk=pk)
    return _render(request, award_round)


def _render(request, award_round: AwardRound, failed=None):
    """The page; `failed` is (sheet pk, form) of a refused reopening, shown with its errors."""
    user = request.user
    panels = followed_panels(user, award_round)
    shown = panels if panels is not None else list(Panel.objects.filter(round=award_round))
    sections = []
    for panel in shown:
        progress = round_progress(award_round, panel=panel)
        judges = progress["judges"]
        for row in judges:
            row["percent"] = (
                round(100 * row["submitted"] / row["assigned"]) if row["assigned"] else 0
            )
        entries = progress["entries"]
        sections.append(
            {
                "panel": panel,
                "judges": judges,
                "entries": entries,
                "complete": sum(1 for e in entries if e["complete"]),
            }
        )
    context = {
        "round": award_round,
        "staff": is_staff_role(user),
        "sections": sections,
        "entry_sheets": _entry_sheets(request, award_round, shown, failed),
    }
    return render(request, "awards/progress.html", context)


def _entry_sheets(request, award_round, panels, failed):
    """The sheets of the entry asked for (?entry=), each submitted one with its reopen form
    where the user may reopen it."""
    entry_id = request.GET.get("entry") or (failed and failed[2])
    if not entry_id or not str(entry_id).isdigit():
        return None
    sheets = list(
        ScoreSheet.objects.filter(
            round=award_round, entry_id=int(entry_id), panel__in=panels
        ).select_related("round", "panel", "entry", "judge")
    )
    if not sheets:
        return None
    rows = []
    for sheet in sheets:
        option = next(
            (
                o
                for o in ScoreSheet.workflow.options(request.user, sheet)
                if o.step.name in REOPEN_STEPS
            ),
            None,
        )
        form = None
        if option is not None:
            if failed and failed[0] == sheet.pk:
                form = failed[1]
            else:
                form = ReopenForm(
                    initial={"action": option.step.name, "from": sheet.state},
                    auto_id=f"id_sheet{sheet.pk}_%s",
                )
                form.fields["note"].help_text = option.note_required or ""
        rows.append({"sheet": sheet, "option": option, "form": form})
    return {"entry": sheets[0].entry, "rows": rows}


@require_POST
@login_required
def sheet_reopen(request, pk):
    sheet = get_object_or_404(ScoreSheet.objects.select_related("round", "panel", "entry"), pk=pk)
    panels = followed_panels(request.user, sheet.round)
    if panels is not None and sheet.panel not in panels:
        raise Http404
    if not (has_role(request.user, Role.OFFICER, Role.ADMIN) or panels is not None):
        raise PermissionDenied
    form = ReopenForm(request.POST, auto_id=f"id_sheet{sheet.pk}_%s")
    back = reverse("awards:round-progress", kwargs={"pk": sheet.round_id})
    back = f"{back}?entry={sheet.entry_id}#entry-sheets"
    if form.is_valid():
        try:
            transition(
                sheet,
                action=form.cleaned_data["action"],
                expected=form.cleaned_data["from"] or None,
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except TransitionConflict:
            sheet.refresh_from_db()
            messages.error(request, state_since(sheet, with_actor=True))
            return redirect(back)
        except ValidationError as error:
            add_service_errors(form, error, {"requirements": None, "action": None, "from": None})
        else:
            messages.success(
                request,
                _("The score sheet of %(judge)s was reopened: the judge is told why.")
                % {"judge": sheet.judge.full_name or sheet.judge.username},
            )
            return redirect(back)
    return _render(request, sheet.round, failed=(sheet.pk, form, sheet.entry_id))
