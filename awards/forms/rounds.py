"""The round's settings and the form of a round's transition."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applicants.forms import DATE_INPUT_FORMATS
from awards.forms.common import date_widget, restyle_choices
from awards.models import (
    AwardRound,
    CriteriaTemplate,
    Level,
    ProductGroup,
)
from awards.services import ROUND_FIELDS, check_round
from core.forms import BootstrapMixin, ServiceChecksMixin
from core.models import LONG_TEXT_MAX


class RoundForm(BootstrapMixin, ServiceChecksMixin, forms.ModelForm):
    """The round's settings, checked as create_round/update_round check them (service_checks)
    in the same pass as the fields' own, so that every error shows at once."""

    service_fields = ROUND_FIELDS

    product_groups = forms.ModelMultipleChoiceField(
        label=_("Product groups open in this round"),
        queryset=ProductGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = AwardRound
        fields = [*ROUND_FIELDS, "product_groups"]
        widgets = {
            "registration_opens": date_widget(),
            "registration_closes": date_widget(),
            "judging_ends": date_widget(),
            "pass_score": forms.NumberInput(attrs={"step": "0.1", "min": "0", "max": "100"}),
            "disagreement_spread": forms.NumberInput(
                attrs={"step": "0.1", "min": "0", "max": "100"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("registration_opens", "registration_closes", "judging_ends"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS
        self.fields["criteria_template"].queryset = CriteriaTemplate.objects.all()
        # Left empty, the spread keeps its value (the round's, or the default of 20 points).
        self.fields["disagreement_spread"].required = False
        rounds = AwardRound.objects.order_by("-year", "title")
        if self.instance.pk:
            rounds = rounds.exclude(pk=self.instance.pk)
        self.fields["next_round"].queryset = rounds
        self.fields["year"].widget.attrs.update({"min": "2000", "max": "2100"})
        if self.instance.pk is None:
            # A provincial center mostly runs its own province's rounds.
            self.initial.setdefault("level", Level.PROVINCE)
            self.initial.setdefault("year", timezone.localdate().year)
            self.initial.setdefault("product_groups", list(ProductGroup.objects.all()))
            self.initial.setdefault(
                "criteria_template", CriteriaTemplate.objects.filter(is_default=True).first()
            )
        else:
            # What the round's phase fixes (the service refuses a change): shown, not editable.
            for name in self.instance.fixed_fields():
                self.fields[name].disabled = True
        restyle_choices(self)

    def clean_disagreement_spread(self):
        spread = self.cleaned_data.get("disagreement_spread")
        if spread is None:
            return self.instance.disagreement_spread
        return spread

    def service_checks(self, data: dict, exclude: set[str]) -> None:
        check_round(
            {name: value for name, value in data.items() if name in ROUND_FIELDS},
            award_round=self.instance if self.instance.pk else None,
            product_groups=data.get("product_groups"),
            exclude=exclude,
        )


class RoundTransitionForm(BootstrapMixin, forms.Form):
    """One step of the round's workflow: its name, the state the page showed (a stale page is
    refused instead of making a step nobody saw), and what the step records."""

    action = forms.CharField(widget=forms.HiddenInput)
    # "from" is a Python keyword: the field is declared below under its form name.
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea({"rows": 2}),
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    decision_date = forms.DateField(
        label=_("Decision date"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=date_widget(),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.ChoiceField(
            choices=AwardRound.State.choices, required=False, widget=forms.HiddenInput
        )
