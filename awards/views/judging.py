"""The judge's pages: their rounds, "my entries" of a round, the score sheet (Phụ lục 4, TT
26/2014/TT-BCT) with the entry as a judge sees it, and the panel's sheets for its chair and
secretary.

A judge sees an entry by its voting code, group and product dossier; the facility's name, tax
code, address and contacts only where the round allows it (judging_rules.sees_identity). Until
the judge has answered the round's conflict-of-interest declaration, every page of the round
sends them to it. Scores are written by awards.services.scoring (save_scores, check_scores);
submitting and reopening are the sheet's workflow steps (core.workflow.transition).
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards import judging_rules
from awards.forms.scoring import SheetTransitionForm
from awards.models import (
    AwardRound,
    ConflictDeclaration,
    Panel,
    PanelMember,
    PanelRole,
    ScoreSheet,
)
from core.forms import add_service_errors
from core.history import state_since
from core.http import require_form, require_safe
from core.roles import Role, role_of
from core.workflow import TransitionConflict, transition

S = ScoreSheet.State
# The rounds a judge's page lists: judging first, then those whose judging is over.
LISTED_STATES = (
    AwardRound.State.JUDGING,
    AwardRound.State.DELIBERATION,
    AwardRound.State.FINALIZED,
    AwardRound.State.PUBLISHED,
)


def require_judge(user) -> None:
    if role_of(user) != Role.JUDGE:
        raise PermissionDenied


def declaration_url(award_round: AwardRound) -> str:
    """The round's conflict-of-interest declaration (awards.views.conflicts); "" while no such
    page is installed (the pages then say what to do without a link)."""
    try:
        return reverse("awards:judging-declaration", kwargs={"pk": award_round.pk})
    except NoReverseMatch:
        return ""


def must_declare(request, award_round: AwardRound):
    """The answer to a judge who has not declared yet: the declaration page."""
    url = declaration_url(award_round)
    if url:
        return redirect(url)
    messages.error(request, _("Answer the round's conflict-of-interest declaration first."))
    return redirect("awards:judging")


# ---- Progress ---------------------------------------------------------------------------------


@dataclass
class Progress:
    """A judge's sheets in a round: assigned (not void), drafted (a draft with points given),
    submitted."""

    assigned: int = 0
    drafted: int = 0
    submitted: int = 0

    @property
    def to_score(self) -> int:
        return self.assigned - self.submitted

    @property
    def done(self) -> bool:
        return self.assigned > 0 and self.submitted == self.assigned


def progress_counts(user, rounds) -> dict[int, Progress]:
    """Progress per round id, in one aggregate query."""
    rows = (
        ScoreSheet.objects.filter(judge=user, round__in=rounds)
        .exclude(state=S.VOID)
        .order_by()
        .values("round")
        .annotate(
            assigned=Count("id", distinct=True),
            submitted=Count("id", filter=Q(state=S.SUBMITTED), distinct=True),
            drafted=Count("id", filter=Q(state=S.DRAFT, scores__isnull=False), distinct=True),
        )
    )
    return {
        row["round"]: Progress(row["assigned"], row["drafted"], row["submitted"]) for row in rows
    }


def progress_of(sheets: list[ScoreSheet]) -> Progress:
    """Progress of sheets already read (annotated with `given`, their number of scores)."""
    live = [sheet for sheet in sheets if sheet.state != S.VOID]
    return Progress(
        assigned=len(live),
        drafted=sum(1 for s in live if s.state == S.DRAFT and s.given),
        submitted=sum(1 for s in live if s.state == S.SUBMITTED),
    )


@dataclass
class JudgeRound:
    """A round on a judge's pages: their seats on its panels, their declaration, their
    progress and what they do next."""

    round: AwardRound
    seats: list[PanelMember] = field(default_factory=list)
    declared: bool = False
    progress: Progress = field(default_factory=Progress)
    next_step: str = ""
    next_url: str = ""
    next_label: str = ""

    @property
    def judging(self) -> bool:
        return self.round.phase.scores

    @property
    def keeps_records(self) -> list[PanelMember]:
        """The seats of a chair or a secretary: they also see the panel's sheets."""
        return [s for s in self.seats if s.role in (PanelRole.CHAIR, PanelRole.SECRETARY)]


def _next_step(item: JudgeRound) -> None:
    award_round, progress = item.round, item.progress
    if not item.judging:
        item.next_step = _("Judging of this round has ended: nothing more to do.")
        if item.declared:
            item.next_url = reverse("awards:judging-round", kwargs={"pk": award_round.pk})
            item.next_label = _("See my sheets")
        return
    if not item.declared:
        item.next_step = _(
            "Declare your conflicts of interest (or that you have none) to see your entries."
        )
        item.next_url = declaration_url(award_round)
        item.next_label = _("Declare conflicts of interest")
        return
    item.next_url = reverse("awards:judging-round", kwargs={"pk": award_round.pk})
    if progress.assigned == 0:
        if any(seat.role == PanelRole.SECRETARY for seat in item.seats):
            item.next_step = _("You score no entry: enter the judges' paper sheets if any.")
        else:
            item.next_step = _("No entry is assigned to you yet.")
        item.next_label = _("Open")
    elif progress.done:
        item.next_step = _("All your sheets are submitted.")
        item.next_label = _("See my sheets")
    else:
        item.next_step = ngettext(
            "%(count)d sheet to score and submit.",
            "%(count)d sheets to score and submit.",
            progress.to_score,
        ) % {"count": progress.to_score}
        item.next_label = _("Score my entries")


def judge_rounds(user) -> list[JudgeRound]:
    """The rounds where the judge sits on a panel (judging first, then those in deliberation,
    finalized or published), in three queries whatever their number."""
    seats = list(
        PanelMember.objects.filter(judge=user, panel__round__state__in=LISTED_STATES)
        .select_related("panel", "panel__round")
        .order_by("-panel__round__year", "-panel__round_id", "panel__name", "id")
    )
    by_round: dict[int, JudgeRound] = {}
    for seat in seats:
        award_round = seat.panel.round
        by_round.setdefault(award_round.pk, JudgeRound(award_round)).seats.append(seat)
    if not by_round:
        return []
    declared = set(
        ConflictDeclaration.objects.filter(judge=user, round__in=by_round).values_list(
            "round", flat=True
        )
    )
    counts = progress_counts(user, list(by_round))
    for pk, item in by_round.items():
        item.declared = pk in declared
        item.progress = counts.get(pk, Progress())
        _next_step(item)
    return sorted(by_round.values(), key=lambda item: not item.judging)


# ---- The judge's rounds -----------------------------------------------------------------------


@require_safe
@login_required
def judging_home(request):
    require_judge(request.user)
    return render(request, "awards/judging_home.html", {"items": judge_rounds(request.user)})


def _seats_in(user, award_round: AwardRound) -> list[PanelMember]:
    return list(
        PanelMember.objects.filter(judge=user, panel__round=award_round)
        .select_related("panel")
        .order_by("panel__name", "id")
    )


@require_safe
@login_required
def judging_round(request, pk):
    """ "My entries" of a round: the judge's sheets with their progress (after the
    declaration); a chair or a secretary also finds their panel's sheets from here."""
    require_judge(request.user)
    award_round = get_object_or_404(AwardRound, pk=pk, state__in=LISTED_STATES)
    seats = _seats_in(request.user, award_round)
    if not seats:
        raise Http404
    if not judging_rules.has_declared(request.user, award_round):
        return must_declare(request, award_round)
    sheets = list(
        ScoreSheet.objects.filter(round=award_round, judge=request.user)
        .exclude(state=S.VOID)
        .select_related("entry", "entry__product_group", "panel")
        .annotate(given=Count("scores"))
        .order_by("entry__voting_code", "entry_id")
    )
    context = {
        "round": award_round,
        "seats": seats,
        "sheets": sheets,
        "progress": progress_of(sheets),
        "record_keeping": [
            seat for seat in seats if seat.role in (PanelRole.CHAIR, PanelRole.SECRETARY)
        ],
        # A chair follows their panels' progress and, from deliberation on, reads the results
        # (without the facilities): the round's own page is the staff's.
        "chairs": any(seat.role == PanelRole.CHAIR for seat in seats),
    }
    return render(request, "awards/judging_round.html", context)


# ---- The score sheet --------------------------------------------------------------------------


def _panel_for(user, pk) -> tuple[Panel, str]:
    require_judge(user)
    panel = get_object_or_404(Panel.objects.select_related("round"), pk=pk)
    seat = PanelMember.objects.filter(panel=panel, judge=user).values_list("role", flat=True)
    role = seat.first()
    if role is None:
        raise Http404
    if role not in (PanelRole.CHAIR, PanelRole.SECRETARY):
        raise PermissionDenied
    return panel, role


@require_form
@login_required
def judging_panel(request, pk):
    """The panel's sheets for its chair (who reopens a submitted one, with a reason) and its
    secretary (who enters a judge's paper sheet). Other judges' points only where the round
    shows them (judging_rules.sees_other_scores)."""
    panel, role = _panel_for(request.user, pk)
    award_round = panel.round
    if not judging_rules.has_declared(request.user, award_round):
        return must_declare(request, award_round)
    failed = None
    if request.method == "POST":
        if role != PanelRole.CHAIR:
            raise PermissionDenied
        failed, done = _reopen(request, panel)
        if done is not None:
            return done
    return render_panel(request, panel, role, failed=failed)


def _reopen(request, panel: Panel):
    """The chair's reopening of a submitted sheet of the panel: (failed form, redirect)."""
    posted_sheet = request.POST.get("sheet", "")
    # The ids of the sheet's own form on the page (id_reopen_<sheet>_<field>).
    prefix = f"reopen_{posted_sheet}" if posted_sheet.isdigit() else "reopen"
    form = SheetTransitionForm(request.POST, panel=panel, auto_id=f"id_{prefix}_%s")
    if not form.is_valid():
        return form, None
    sheet = form.cleaned_data["sheet"]
    try:
        transition(
            sheet,
            action="reopen_by_chair",
            actor=request.user,
            expected=form.cleaned_data["from"] or None,
            note=form.cleaned_data["note"],
        )
    except TransitionConflict:
        sheet.refresh_from_db()
        messages.error(request, state_since(sheet, with_actor=True))
        return None, redirect("awards:judging-panel", pk=panel.pk)
    except ValidationError as error:
        add_service_errors(form, error, {"requirements": None, "action": None, "from": None})
        return form, None
    messages.success(
        request,
        _("The sheet of %(judge)s for %(code)s was reopened; the judge is told why.")
        % {"judge": sheet.judge.full_name or sheet.judge.username, "code": sheet.entry.voting_code},
    )
    return None, redirect("awards:judging-panel", pk=panel.pk)


def render_panel(request, panel: Panel, role: str, *, failed=None):
    award_round = panel.round
    sheets = list(
        panel.score_sheets.select_related("judge", "entry", "entry__product_group", "round")
        .annotate(given=Count("scores"))
        .order_by("entry__voting_code", "entry_id", "judge__full_name", "judge_id")
    )
    is_chair = role == PanelRole.CHAIR
    reopen = ScoreSheet.workflow.get("reopen_by_chair")
    rows = []
    for sheet in sheets:
        row = {"sheet": sheet, "option": None, "form": None}
        if is_chair and sheet.state == S.SUBMITTED and award_round.phase.scores:
            if failed is not None and failed.data.get("sheet") == str(sheet.pk):
                form = failed
            else:
                form = SheetTransitionForm(
                    initial={"action": reopen.name, "from": sheet.state, "sheet": sheet.pk},
                    panel=panel,
                    auto_id=f"id_reopen_{sheet.pk}_%s",
                )
            option = next(
                (o for o in ScoreSheet.workflow.options(request.user, sheet) if o.step == reopen),
                None,
            )
            if option is not None:
                row.update(option=option, form=form)
        rows.append(row)
    context = {
        "panel": panel,
        "round": award_round,
        "role": role,
        "is_chair": is_chair,
        "is_secretary": role == PanelRole.SECRETARY,
        "rows": rows,
        "progress": progress_of(sheets),
        "shows_scores": judging_rules.sees_other_scores(award_round),
        "failed": failed,
    }
    return render(request, "awards/judging_panel.html", context)
