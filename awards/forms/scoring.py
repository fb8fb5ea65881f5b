"""The score sheet's form (Phụ lục 4, TT 26/2014/TT-BCT): one points field and one note field
per scored criterion (those without sub-criteria), and the judge's comment (nhận xét).

The rules on points (0 ≤ points ≤ max, in steps of 0.5, a criterion of the round) are the
scoring service's: the form parses what was typed and asks awards.services.scoring.check_scores,
so one submit shows every error, each beside its criterion."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awards.judging_rules import scored_criteria
from awards.models import RoundCriterion, ScoreSheet
from core.forms import BootstrapMixin, ServiceChecksMixin, clean_text_inputs, style_fields
from core.models import LONG_TEXT_MAX

NOTE_MAX = 500


def plain_number(value: Decimal | None) -> str:
    """A number as an <input type="number"> takes it (a dot, whatever the page's language):
    35.5, 40."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


class PointsField(forms.CharField):
    """Points as typed: a number with a dot or a comma ("35,5" on a Vietnamese keyboard), or
    nothing. Whether they fit the criterion is the scoring service's check."""

    def __init__(self, *, criterion: RoundCriterion, **kwargs):
        self.criterion = criterion
        widget = forms.NumberInput(
            attrs={
                "inputmode": "decimal",
                "step": "0.5",
                "min": "0",
                "max": plain_number(criterion.max_points),
                "data-score-max": plain_number(criterion.max_points),
                "data-criterion": criterion.code,
                "autocomplete": "off",
                "class": "score-points",
            }
        )
        super().__init__(required=False, widget=widget, **kwargs)

    def to_python(self, value):
        text = super().to_python(value).strip().replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise ValidationError(_("Enter the points as a number, e.g. 35.5."), code="invalid")
        return number


class ScoreSheetForm(ServiceChecksMixin, forms.Form):
    """`sheet`: the sheet being scored; `submitting`: the judge pressed "Submit", so every
    criterion needs its points (the sheet's workflow refuses a sheet with missing points; the
    form says which, beside each)."""

    service_field_names = {"comment": "comment", "scores": None}

    comment = forms.CharField(
        label=_("Comment (nhận xét)"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea({"rows": 4}),
    )

    def __init__(self, data=None, *, sheet: ScoreSheet, submitting: bool = False, **kwargs):
        self.sheet = sheet
        self.submitting = submitting
        self.criteria = scored_criteria(sheet.round)
        given = {score.criterion_id: score for score in sheet.scores.all()}
        initial = {"comment": sheet.comment}
        for criterion in self.criteria:
            score = given.get(criterion.pk)
            if score is not None:
                initial[self.points_name(criterion)] = plain_number(score.points)
                initial[self.note_name(criterion)] = score.note
        super().__init__(data, initial=initial, **kwargs)
        for criterion in self.criteria:
            self.fields[self.points_name(criterion)] = PointsField(
                criterion=criterion,
                label=_("Points for criterion %(code)s") % {"code": criterion.code},
            )
            self.fields[self.note_name(criterion)] = forms.CharField(
                label=_("Note on criterion %(code)s") % {"code": criterion.code},
                required=False,
                max_length=NOTE_MAX,
            )
        self.by_code = {criterion.code: criterion for criterion in self.criteria}
        # Styled once every field exists (BootstrapMixin would style the declared ones only).
        style_fields(self)
        clean_text_inputs(self)

    @staticmethod
    def points_name(criterion: RoundCriterion) -> str:
        return f"points_{criterion.pk}"

    @staticmethod
    def note_name(criterion: RoundCriterion) -> str:
        return f"note_{criterion.pk}"

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for criterion in self.criteria:
                name = self.points_name(criterion)
                if name not in self.errors and cleaned.get(name) is None:
                    self.add_error(
                        name,
                        ValidationError(
                            _("Give points for this criterion before submitting the sheet."),
                            code="required",
                        ),
                    )
        return cleaned

    def scores(self, data: dict | None = None, exclude=()) -> list[dict]:
        """The scores in the shape awards.services.scoring.save_scores takes, leaving out the
        criteria whose points the form refused."""
        data = self.cleaned_data if data is None else data
        return [
            {
                "criterion": criterion.code,
                "points": data.get(self.points_name(criterion)),
                "note": data.get(self.note_name(criterion)) or "",
            }
            for criterion in self.criteria
            if self.points_name(criterion) not in exclude
        ]

    def service_checks(self, data: dict, exclude: set[str]) -> None:
        from awards.services.scoring import check_scores

        refused = {name for name in self.errors}
        comment = None if "comment" in exclude else data.get("comment", "")
        try:
            check_scores(self.sheet, self.scores(data, refused), comment)
        except ValidationError as error:
            self.add_scores_error(error, skip=refused)

    def add_scores_error(self, error: ValidationError, *, skip=()) -> None:
        """Put the scoring service's error ({"scores": {code: [messages]}, "comment": [...]})
        beside the fields it names; the rest above the form."""
        for key, messages in scores_errors(error):
            if key is None:
                self.add_error(None, messages)
                continue
            if key == "comment":
                if "comment" not in skip:
                    self.add_error("comment", messages)
                continue
            criterion = self.by_code.get(key)
            name = self.points_name(criterion) if criterion else None
            if name is None:
                self.add_error(None, messages)
            elif name not in skip:
                self.add_error(name, messages)

    def rows(self) -> list[dict]:
        """The official sheet's rows: each top-level criterion, with its sub-criteria indented
        under it; a row that is scored carries its two fields."""
        fields = {criterion.pk: criterion for criterion in self.criteria}
        criteria = list(self.sheet.round.criteria.order_by("position", "id"))
        children: dict = {}
        for criterion in criteria:
            children.setdefault(criterion.parent_id, []).append(criterion)
        rows = []

        def walk(parent_id, depth, number_prefix):
            for index, criterion in enumerate(children.get(parent_id, []), start=1):
                scored = criterion.pk in fields
                rows.append(
                    {
                        "criterion": criterion,
                        "depth": depth,
                        "number": f"{number_prefix}{index}",
                        "scored": scored,
                        "points": self[self.points_name(criterion)] if scored else None,
                        "note": self[self.note_name(criterion)] if scored else None,
                        "children": [c.code for c in children.get(criterion.pk, [])],
                        "leaves": [
                            leaf.code for leaf in self.criteria if _under(leaf, criterion, criteria)
                        ],
                    }
                )
                walk(criterion.pk, depth + 1, f"{number_prefix}{index}.")

        walk(None, 0, "")
        return rows


def _under(leaf: RoundCriterion, parent: RoundCriterion, criteria: list) -> bool:
    by_pk = {criterion.pk: criterion for criterion in criteria}
    node = by_pk.get(leaf.parent_id)
    while node is not None:
        if node.pk == parent.pk:
            return True
        node = by_pk.get(node.parent_id)
    return False


def scores_errors(error: ValidationError):
    """(key, messages) of a scoring error: key a criterion's code, "comment", or None (above
    the form). Takes the shapes a ValidationError may carry {"scores": {code: [...]}} in: a
    nested dict, a flat "scores.<code>" key, or plain messages; the scoring service's
    ScoresInvalid carries them by code (`scores`, `comment`)."""
    if hasattr(error, "scores") and isinstance(error.scores, dict):
        yield from error.scores.items()
        if error.comment:
            yield "comment", error.comment
        return
    if not hasattr(error, "error_dict"):
        yield None, error.messages
        return
    for key, errors in error.error_dict.items():
        if key == "scores":
            for item in errors:
                yield from _nested(item)
        elif key.startswith("scores."):
            yield key.removeprefix("scores."), [m for e in errors for m in e.messages]
        elif key == "comment":
            yield "comment", [m for e in errors for m in e.messages]
        else:
            yield None, [m for e in errors for m in e.messages]


def _nested(item):
    if hasattr(item, "error_dict"):
        for code, errors in item.error_dict.items():
            yield code, [m for e in errors for m in e.messages]
        return
    message = getattr(item, "message", None)
    if isinstance(message, dict):
        for code, messages in message.items():
            yield code, ValidationError(messages).messages
        return
    yield None, item.messages


class SheetTransitionForm(BootstrapMixin, forms.Form):
    """The chair's reopening of one of the panel's sheets: which sheet, the state the page
    showed (a stale page is refused rather than acted on), and the reason the judge reads."""

    action = forms.CharField(widget=forms.HiddenInput)
    sheet = forms.ModelChoiceField(queryset=ScoreSheet.objects.none(), widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Why the sheet is reopened (the judge reads it)"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea({"rows": 2}),
    )

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet"].queryset = panel.score_sheets.select_related(
            "round", "panel", "judge", "entry"
        )
        # "from" is a Python keyword: declared here under its form name.
        self.fields["from"] = forms.ChoiceField(
            choices=ScoreSheet.State.choices, required=False, widget=forms.HiddenInput
        )
