"""The recognition proposal and the nomination forms of the results page (issue 8: results).
They parse; awards.services.results validates (check_recognition, nominate) and its errors come
back on the forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applicants.forms import DATE_INPUT_FORMATS
from awards.forms.common import date_widget
from awards.results import RoundResults
from awards.services.results import check_recognition
from core.forms import BootstrapMixin, ServiceChecksMixin
from core.models import LONG_TEXT_MAX


class RecognitionForm(BootstrapMixin, ServiceChecksMixin, forms.Form):
    """One tick per passing entry (ticked by default: all that pass are recognised) and its
    reason for leaving it out. Entries that fail have no field: they cannot be ticked."""

    # Every error of the proposal is about the whole list: above the form.
    service_field_names = {"entries": None, "excluded": None}

    def __init__(self, data=None, *, results: RoundResults, **kwargs):
        self.results = results
        super().__init__(data, **kwargs)
        for row in results.passing:
            self.fields[f"recognize_{row.entry_id}"] = forms.BooleanField(
                label=_("Recognise %(code)s") % {"code": row.voting_code},
                required=False,
                initial=True,
            )
            self.fields[f"reason_{row.entry_id}"] = forms.CharField(
                label=_("Reason for leaving %(code)s out") % {"code": row.voting_code},
                required=False,
                max_length=LONG_TEXT_MAX,
                widget=forms.TextInput({"class": "form-control form-control-sm"}),
            )
        for row in results.passing:
            tick = self.fields[f"recognize_{row.entry_id}"].widget
            # static/js/recognition.js marks the reason required while the entry is unticked.
            tick.attrs.update(
                {
                    "class": "form-check-input",
                    "data-recognize": "",
                    "data-reason": f"id_reason_{row.entry_id}",
                }
            )

    def rows(self):
        """(result row, tick field, reason field) per passing entry, for the table."""
        return [
            (row, self[f"recognize_{row.entry_id}"], self[f"reason_{row.entry_id}"])
            for row in self.results.passing
        ]

    def proposal(self) -> tuple[list[int], list[tuple[int, str]]]:
        data = self.cleaned_data
        entries, excluded = [], []
        for row in self.results.passing:
            if data.get(f"recognize_{row.entry_id}"):
                entries.append(row.entry_id)
            else:
                excluded.append((row.entry_id, data.get(f"reason_{row.entry_id}", "")))
        return entries, excluded

    def service_checks(self, data: dict, exclude: set[str]) -> None:
        entries, excluded = self.proposal()
        check_recognition(self.results.award_round, entries, excluded, results=self.results)


class NominationForm(BootstrapMixin, forms.Form):
    """The nominees (recognised entries) and the decision that backs them."""

    entries = forms.MultipleChoiceField(
        label=_("Nominees"), required=False, widget=forms.CheckboxSelectMultiple
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    decision_date = forms.DateField(
        label=_("Decision date"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=date_widget(),
    )

    def __init__(self, data=None, *, choices, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["entries"].choices = choices
        self.fields["entries"].widget.attrs["class"] = "form-check-input"
