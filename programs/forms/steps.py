"""The forms of the steps: a workflow step with its note and decision, the contract, the
acceptance record, an item checked at acceptance, a payment, a council member's opinion and the
council's conclusion. They parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applicants.forms import DATE_INPUT_FORMATS
from core.forms import BootstrapMixin, field_label
from core.models import LONG_TEXT_MAX
from programs.forms.proposals import date_widget, money_widget
from programs.models import (
    AcceptanceResult,
    AppraisalOpinion,
    EquipmentItem,
    Payment,
    PaymentKind,
    Proposal,
    ProposalState,
    Verdict,
)


def _date(label, required=False) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, input_formats=DATE_INPUT_FORMATS, widget=date_widget()
    )


class StepForm(BootstrapMixin, forms.Form):
    """One step of the proposal's (or the plan's) workflow: its name, the state the page
    showed (a stale page is refused), a note and a decision where the step records them."""

    action = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea({"rows": 2}),
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    decision_date = _date(_("Decision date"))

    def __init__(self, *args, states=ProposalState.choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.ChoiceField(
            choices=states, required=False, widget=forms.HiddenInput
        )


class ContractForm(StepForm):
    """sign_contract: the contract's number, date and value (programs.services.steps)."""

    decision_number = forms.CharField(
        label=field_label(Proposal, "contract_number"), max_length=100, required=False
    )
    decision_date = _date(field_label(Proposal, "contract_date"))
    contract_value = forms.IntegerField(
        label=field_label(Proposal, "contract_value"), required=False, widget=money_widget()
    )


class AcceptanceForm(StepForm):
    """accept: the acceptance record's date, result and findings."""

    decision_date = _date(field_label(Proposal, "acceptance_date"))
    acceptance_result = forms.ChoiceField(
        label=field_label(Proposal, "acceptance_result"),
        choices=[("", "---------"), *AcceptanceResult.choices],
        required=False,
    )
    acceptance_findings = forms.CharField(
        label=field_label(Proposal, "acceptance_findings"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea({"rows": 2}),
    )


class ItemCheckForm(BootstrapMixin, forms.ModelForm):
    """An equipment item as delivered (programs.services.steps.check_item)."""

    matches = forms.TypedChoiceField(
        label=field_label(EquipmentItem, "matches"),
        choices=[("", "---------"), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
    )

    class Meta:
        model = EquipmentItem
        fields = ["delivered_on", "serial_number", "matches", "mismatch_reason"]
        widgets = {"delivered_on": date_widget(), "mismatch_reason": forms.Textarea({"rows": 1})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivered_on"].input_formats = DATE_INPUT_FORMATS
        if self.instance.matches is not None and not self.is_bound:
            self.initial["matches"] = "yes" if self.instance.matches else "no"

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class PaymentForm(BootstrapMixin, forms.ModelForm):
    """A payment (programs.services.payments.record_payment)."""

    class Meta:
        model = Payment
        fields = ["kind", "amount", "paid_on", "reference", "note"]
        widgets = {
            "amount": money_widget(),
            "paid_on": date_widget(),
            "note": forms.Textarea({"rows": 1}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].input_formats = DATE_INPUT_FORMATS
        self.fields["kind"].choices = PaymentKind.choices

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class OpinionForm(BootstrapMixin, forms.ModelForm):
    """A council member's opinion on one proposal (programs.services.appraisal.give_opinion)."""

    class Meta:
        model = AppraisalOpinion
        fields = ["verdict", "score", "comment"]
        widgets = {
            "score": forms.NumberInput(attrs={"min": "0", "max": "100", "step": "1"}),
            "comment": forms.Textarea({"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verdict"].choices = Verdict.choices

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ConclusionForm(BootstrapMixin, forms.Form):
    conclusion = forms.CharField(
        label=_("Conclusion"), max_length=LONG_TEXT_MAX, widget=forms.Textarea({"rows": 3})
    )
    concluded_on = _date(_("Concluded on"), required=True)
