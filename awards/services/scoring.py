"""Scoring: a judge writes the points of their score sheet (phiếu chấm điểm), or the panel's
secretary (thư ký hội đồng) enters a judge's paper sheet on their behalf. Submitting and
reopening are transitions of the sheet's workflow (awards/workflows/sheets.py).

Errors come back as one ScoresInvalid (a ValidationError): `.scores` is {criterion code:
[messages]} and `.comment` the comment's messages, so that a form and the API show each error
beside its criterion; a handler that knows only ValidationError still reads every message.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from awards import judging_rules
from awards.models import POINTS_STEP, RoundCriterion, Score, ScoreSheet
from core.activity import Action, log_activity
from core.clock import moment_of
from core.models import LONG_TEXT_MAX
from core.text import clean_text
from core.workflow import lock_with_parents

NOTE_MAX = Score._meta.get_field("note").max_length
ONE_PLACE = Decimal("0.1")


class ScoresInvalid(ValidationError):
    """What is wrong with the scores given: `scores` {criterion code: [messages]}, `comment`
    [messages]. As a ValidationError it is keyed "scores" (each message naming its criterion)
    and "comment"."""

    def __init__(self, scores: dict[str, list[str]], comment: list[str] | None = None):
        self.scores = {code: [str(m) for m in messages] for code, messages in scores.items()}
        self.comment = [str(m) for m in comment or []]
        flat: dict[str, list] = {}
        if self.scores:
            flat["scores"] = [
                ValidationError(
                    _("%(criterion)s: %(message)s") % {"criterion": code, "message": message},
                    code="invalid",
                )
                for code, messages in self.scores.items()
                for message in messages
            ]
        if self.comment:
            flat["comment"] = self.comment
        super().__init__(flat)


def may_write(actor, sheet: ScoreSheet) -> bool:
    """The sheet's own judge, or the secretary of its panel (entering the judge's paper
    sheet)."""
    return judging_rules.is_sheet_judge(actor, sheet) or judging_rules.is_secretary(
        actor, sheet.panel
    )


def check_scores(sheet: ScoreSheet, scores: list[dict], comment: str | None = None) -> None:
    """The checks of save_scores on what is given, writing nothing (for the scoring form): each
    criterion's points and note, and the comment. Raises ScoresInvalid. (Who may write and
    whether the sheet can still change are save_scores's.)"""
    _parse(sheet, scores, comment)


def save_scores(
    *,
    actor,
    sheet: ScoreSheet,
    scores: list[dict],
    comment: str | None = None,
    on: datetime.date | None = None,
) -> ScoreSheet:
    """Write the points of a draft sheet: `scores` is a list of {"criterion": code, "points":
    Decimal | str | None, "note": str}; points None or "" remove that criterion's score; a
    criterion not listed keeps its score. `comment` None keeps the comment. A draft may miss
    scores (submitting needs all). By the sheet's judge, once they have answered the round's
    conflict-of-interest declaration, or by the panel's secretary entering the judge's paper
    sheet (the sheet then records who entered it, and the log says on whose behalf); only
    while the round is judging. Keeps the sheet's total. One transaction, one log row with the
    scores before and after (none when nothing changed)."""
    when = moment_of(on)
    with transaction.atomic():
        # The round first, then the sheet, as every change of a sheet takes them: a sheet is
        # never written once the round has left judging.
        current = lock_with_parents(ScoreSheet, sheet.pk)
        _check_writer(actor, current)
        _check_open(current)
        given, new_comment = _parse(current, scores, comment)
        existing = {
            score.criterion.code: score for score in current.scores.select_related("criterion")
        }
        before = _state(existing, current.comment, current.total)
        for code, (criterion, points, note) in given.items():
            score = existing.get(code)
            if points is None:
                if score is not None:
                    score.delete()
                    del existing[code]
            elif score is None:
                existing[code] = Score.objects.create(
                    sheet=current, criterion=criterion, points=points, note=note
                )
            elif (score.points, score.note) != (points, note):
                score.points, score.note = points, note
                score.save(update_fields=["points", "note"])
        if new_comment is not None:
            current.comment = new_comment
        current.total = sum((score.points for score in existing.values()), Decimal("0"))
        after = _state(existing, current.comment, current.total)
        if before == after:
            return current
        secretary = not judging_rules.is_sheet_judge(actor, current)
        update_fields = ["comment", "total", "updated_at"]
        note = ""
        if secretary:
            current.entered_by = actor
            update_fields.append("entered_by")
            after["entered_by"] = actor.pk
            with translation.override(settings.LANGUAGE_CODE):
                note = _("Entered from the paper sheet of %(judge)s, on their behalf.") % {
                    "judge": current.judge.full_name or current.judge.username
                }
        current.save(update_fields=update_fields)
        log_activity(
            actor=actor,
            action=Action.UPDATED,
            target=current,
            before=before,
            after=after,
            note=note,
            at=when.at,
        )
    return current


def _check_writer(actor, sheet: ScoreSheet) -> None:
    if not may_write(actor, sheet):
        raise PermissionDenied(
            _("Only the sheet's judge, or the panel's secretary entering a paper sheet, writes it.")
        )
    if judging_rules.is_sheet_judge(actor, sheet) and not judging_rules.has_declared(
        actor, sheet.round
    ):
        raise PermissionDenied(
            _("Answer the round's conflict-of-interest declaration before scoring.")
        )


def _check_open(sheet: ScoreSheet) -> None:
    if not sheet.round.phase.scores:
        raise ValidationError(
            _("Score sheets change only while the round is judging."), code="not_judging"
        )
    if sheet.state == ScoreSheet.State.SUBMITTED:
        raise ValidationError(
            _("This sheet was submitted: it changes only once the chair or an officer reopens it."),
            code="submitted",
        )
    if sheet.state != ScoreSheet.State.DRAFT:
        raise ValidationError(
            _("This sheet is void: its judge declared a conflict of interest."), code="void"
        )


def _parse(sheet: ScoreSheet, scores: list[dict], comment: str | None):
    """{code: (criterion, points or None, note)} and the cleaned comment (None: unchanged), or
    ScoresInvalid with every error."""
    criteria = {c.code: c for c in sheet.round.criteria.all()}
    parents = {c.parent_id for c in criteria.values() if c.parent_id}
    errors: dict[str, list[str]] = {}
    given: dict[str, tuple[RoundCriterion, Decimal | None, str]] = {}
    for item in scores:
        code = str(item.get("criterion", "") or "")
        problems = errors.setdefault(code, [])
        criterion = criteria.get(code)
        if criterion is None:
            problems.append(_("This criterion is not one of the round's."))
        elif criterion.pk in parents:
            problems.append(_("This criterion has sub-criteria: its points are the sum of theirs."))
        elif code in given:
            problems.append(_("This criterion is given twice."))
        note = clean_text(str(item.get("note") or "")).strip()
        if len(note) > NOTE_MAX:
            problems.append(
                _("Write at most %(limit)d characters (this note has %(count)d).")
                % {"limit": NOTE_MAX, "count": len(note)}
            )
        scored = criterion if not problems else None
        points = _points(item.get("points"), scored, problems)
        if not problems:
            given[code] = (criterion, points, note if points is not None else "")
    errors = {code: problems for code, problems in errors.items() if problems}
    comment_errors = []
    if comment is not None:
        comment = clean_text(str(comment), multiline=True).strip()
        if len(comment) > LONG_TEXT_MAX:
            comment_errors.append(
                _("Write at most %(limit)d characters (this comment has %(count)d).")
                % {"limit": LONG_TEXT_MAX, "count": len(comment)}
            )
    if errors or comment_errors:
        raise ScoresInvalid(errors, comment_errors)
    return given, comment


def _points(value, criterion: RoundCriterion | None, problems: list[str]) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | float):
        value = str(value) if isinstance(value, float) else None
    try:
        points = Decimal(str(value).strip().replace(",", ".")) if value is not None else None
    except InvalidOperation:
        points = None
    if points is None or not points.is_finite():
        problems.append(_("Enter the points as a number, such as 35.5."))
        return None
    if criterion is None:
        return None
    if points < 0 or points > criterion.max_points:
        problems.append(
            _("Give between 0 and %(max)s points.") % {"max": _number(criterion.max_points)}
        )
    elif points % POINTS_STEP:
        problems.append(
            _("Points go in steps of %(step)s (such as 35 or 35.5).")
            % {"step": _number(POINTS_STEP)}
        )
    return points.quantize(ONE_PLACE)


def _number(value: Decimal) -> str:
    """A number as the sheet prints it: 40, 35.5 (no trailing zeros)."""
    return format(value.normalize(), "f")


def _state(scores: dict[str, Score], comment: str, total: Decimal) -> dict:
    """What the log records of a sheet's scores."""
    return {
        "scores": {
            code: {"points": str(score.points.quantize(ONE_PLACE)), "note": score.note}
            for code, score in sorted(scores.items())
        },
        "comment": comment,
        "total": str(Decimal(total).quantize(ONE_PLACE)),
    }
