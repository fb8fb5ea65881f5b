"""The screening checklist with its decision, and the bulk decision on many entries."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.forms.common import (
    restyle_choices,
)
from awards.models import (
    Entry,
)
from awards.models import ScreeningCondition as Condition
from awards.workflows.entries import screening_decision_choices
from core.converters import MAX_INT64, MIN_INT64
from core.forms import BootstrapMixin, clean_text_inputs, style_fields
from core.models import LONG_TEXT_MAX

MET_CHOICES = [("yes", _("Met")), ("no", _("Not met"))]


class ScreeningForm(forms.Form):
    """The checklist (`met_<condition>` yes/no and `reason_<condition>` for each condition of
    awards.models.ScreeningCondition) and the decision (`decision`, `note`)."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        # The decisions are the workflow's steps, with its labels.
        choices=screening_decision_choices,
        widget=forms.RadioSelect,
        required=False,
    )
    note = forms.CharField(
        label=_("Reason, or what the facility must complete"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Required when the entry is returned or ineligible; the facility reads it."),
    )

    def __init__(self, *args, checks=None, **kwargs):
        """`checks`: the entry's ScreeningCheck rows, to start from what was recorded."""
        super().__init__(*args, **kwargs)
        recorded = {check.condition: check for check in checks or ()}
        for condition in Condition:
            check = recorded.get(condition.value)
            self.fields[f"met_{condition.value}"] = forms.ChoiceField(
                label=condition.label,
                choices=MET_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial=None if check is None else ("yes" if check.passed else "no"),
            )
            self.fields[f"reason_{condition.value}"] = forms.CharField(
                label=_("Reason"),
                required=False,
                max_length=LONG_TEXT_MAX,
                initial=check.reason if check else "",
                widget=forms.TextInput(),
            )
        self.order_fields([name for name in self.fields if name not in ("decision", "note")])
        style_fields(self)
        clean_text_inputs(self)
        restyle_choices(self)

    def rows(self):
        """(condition, met field, reason field) for the template."""
        return [
            (condition, self[f"met_{condition.value}"], self[f"reason_{condition.value}"])
            for condition in Condition
        ]

    def checks(self) -> dict[str, tuple[bool, str]]:
        """The answered conditions as awards.services.record_screening takes them."""
        return {
            condition.value: (
                self.cleaned_data[f"met_{condition.value}"] == "yes",
                self.cleaned_data[f"reason_{condition.value}"],
            )
            for condition in Condition
            if self.cleaned_data.get(f"met_{condition.value}")
        }

    @staticmethod
    def field_for(key: str) -> str:
        """The form field showing a service error keyed by a condition."""
        return f"reason_{key}" if key in Condition.values else key


class EntriesField(forms.ModelMultipleChoiceField):
    """Entries by id. An id no 64-bit column can hold is refused like any unknown entry, before
    the query (SQLite cannot compare it: OverflowError)."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(pk)
            except (TypeError, ValueError):
                continue  # not a number at all: the parent refuses it
            if not MIN_INT64 <= number <= MAX_INT64:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class BulkActionForm(BootstrapMixin, forms.Form):
    entries = EntriesField(
        label=_("Entries"), queryset=Entry.objects.none(), widget=forms.MultipleHiddenInput
    )
    to = forms.ChoiceField(
        label=_("Decision for the selected entries"),
        choices=screening_decision_choices,
        help_text=_("Eligible ticks every condition nobody has checked yet as met."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=LONG_TEXT_MAX,
        help_text=_("Required for returned and ineligible; every selected facility reads it."),
    )

    def __init__(self, *args, award_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = Entry.objects.filter(round=award_round)
        self.fields["entries"].error_messages["required"] = _("Select at least one entry.")
