"""Applying for support: the first step (plan, activity, facility, title), the proposal's own
fields, and its budget lines and equipment items as tables of rows."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from applicants.forms import DATE_INPUT_FORMATS, WardField, ward_swap_attrs
from core.editing import set_fields
from core.forms import BootstrapMixin, ServiceChecksMixin, field_label
from core.models import Province, Ward
from programs.models import (
    Activity,
    BudgetLine,
    EquipmentItem,
    Plan,
    Proposal,
    ProposalState,
)
from programs.services.proposals import ITEM_FIELDS, LINE_FIELDS, PROPOSAL_FIELDS, check_proposal


def date_widget() -> forms.DateInput:
    return forms.DateInput(
        format="%d/%m/%Y",
        attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off"},
    )


def money_widget() -> forms.NumberInput:
    return forms.NumberInput(attrs={"min": "0", "step": "1", "inputmode": "numeric"})


class ApplyForm(BootstrapMixin, forms.Form):
    """What a proposal starts from: the plan taking proposals, the activity, the beneficiary
    facility (one of the applicant's own) and the title. The rest is filled on the draft."""

    plan = forms.ModelChoiceField(label=field_label(Proposal, "plan"), queryset=Plan.objects.none())
    activity = forms.ModelChoiceField(
        label=field_label(Proposal, "activity"), queryset=Activity.objects.all()
    )
    facility = forms.ModelChoiceField(label=_("Beneficiary facility"), queryset=None)
    title = forms.CharField(
        label=_("Title of the proposal"),
        max_length=Proposal._meta.get_field("title").max_length,
    )

    def __init__(self, *args, plans, facilities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans
        self.fields["facility"].queryset = facilities
        if len(plans) == 1:
            self.initial.setdefault("plan", plans.first())
        if len(facilities) == 1:
            self.initial.setdefault("facility", facilities.first())

    def service_data(self) -> dict:
        facility = self.cleaned_data["facility"]
        return {
            "activity": self.cleaned_data["activity"],
            "title": self.cleaned_data["title"],
            "province": facility.province,
            "ward": facility.ward,
        }


class ProposalForm(BootstrapMixin, ServiceChecksMixin, forms.ModelForm):
    """The proposal's own fields, saved by programs.services.proposals.update_proposal; its
    checks run in the form's validation too (service_checks), so that one submit shows every
    error, the rows' included."""

    ward = WardField(
        queryset=Ward.objects.none(), label=field_label(Proposal, "ward"), required=False
    )

    class Meta:
        model = Proposal
        fields = [name for name in PROPOSAL_FIELDS if name != "activity"]
        widgets = {
            "starts_on": date_widget(),
            "ends_on": date_widget(),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "expected_results": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "Title" alone is the award round's name in the catalogue.
        self.fields["title"].label = _("Title of the proposal")
        for name in ("starts_on", "ends_on"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS
        self.fields["province"].queryset = Province.objects.all()
        self.fields["province"].widget.attrs.update(ward_swap_attrs())
        code = (
            self.data.get(self.add_prefix("province"))
            if self.is_bound
            else self.instance.province_id
        )
        if code:
            self.fields["ward"].queryset = Ward.objects.filter(province=code)

    def service_checks(self, data: dict, exclude: set[str]) -> None:
        # On a copy: the instance stays as stored for update_proposal to change.
        copy = Proposal.objects.get(pk=self.instance.pk)
        set_fields(copy, {k: v for k, v in data.items() if k not in exclude}, self._meta.fields)
        errors = {k: v for k, v in check_proposal(copy).items() if k not in exclude}
        if errors:
            raise ValidationError(errors)


class RowForm(BootstrapMixin, forms.Form):
    """A row of a table of lines or items. `id`: the stored row it shows (empty for a new one);
    `DELETE` (added by the formset): remove it. A row whose typed fields are all empty is a
    blank row, skipped (the checkboxes, which a blank row also sends, do not count)."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    typed_fields: tuple[str, ...] = ()

    def has_changed(self):
        return any(
            (self.data.get(self.add_prefix(name)) or "").strip() for name in self.typed_fields
        )

    def row_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.service_fields}


class LineRowForm(RowForm):
    service_fields = [name for name in LINE_FIELDS if name != "position"]
    typed_fields = tuple(service_fields)

    item = forms.CharField(label=field_label(BudgetLine, "item"), max_length=300)
    unit = forms.CharField(label=field_label(BudgetLine, "unit"), max_length=50)
    quantity = forms.DecimalField(
        label=field_label(BudgetLine, "quantity"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        widget=forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"}),
    )
    unit_cost = forms.IntegerField(
        label=field_label(BudgetLine, "unit_cost"), min_value=0, widget=money_widget()
    )
    extension_share = forms.IntegerField(
        label=field_label(BudgetLine, "extension_share"), min_value=0, widget=money_widget()
    )


class EquipmentRowForm(RowForm):
    service_fields = [name for name in ITEM_FIELDS if name != "position"]
    typed_fields = ("name", "specification", "quantity", "unit_price", "supplier", "origin")

    name = forms.CharField(label=field_label(EquipmentItem, "name"), max_length=300)
    specification = forms.CharField(
        label=field_label(EquipmentItem, "specification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
    )
    quantity = forms.IntegerField(
        label=field_label(EquipmentItem, "quantity"),
        min_value=1,
        widget=forms.NumberInput(attrs={"min": "1", "step": "1", "inputmode": "numeric"}),
    )
    unit_price = forms.IntegerField(
        label=field_label(EquipmentItem, "unit_price"), min_value=0, widget=money_widget()
    )
    supplier = forms.CharField(
        label=field_label(EquipmentItem, "supplier"), max_length=300, required=False
    )
    origin = forms.CharField(
        label=field_label(EquipmentItem, "origin"), max_length=100, required=False
    )
    is_new = forms.BooleanField(
        label=field_label(EquipmentItem, "is_new"), required=False, initial=True
    )
    production_line = forms.BooleanField(
        label=field_label(EquipmentItem, "production_line"), required=False
    )


class BaseRowFormSet(forms.BaseFormSet):
    """Every row is an "extra" row (as the criteria table does it): the stored rows come as
    initial values with their id, blank rows are skipped, so "Add a row" only renders more."""

    def initial_form_count(self):
        return 0

    def total_form_count(self):
        if self.is_bound:
            return super().total_form_count()
        return len(self.initial or ()) + self.extra

    def rows(self) -> list[tuple[int | None, RowForm]]:
        """(stored id, form) of every row typed into, valid or not."""
        return [
            (_id_of(form), form)
            for form in self.forms
            if form.has_changed() or _id_of(form) is not None
        ]

    def valid_rows(self) -> list[dict]:
        """The typed rows that parse and are not removed: the values of unsaved objects."""
        found = []
        for form in self.forms:
            if not form.has_changed() or not form.is_valid():
                continue
            if form.cleaned_data.get("DELETE"):
                continue
            found.append(form.row_data())
        return found


def _id_of(form) -> int | None:
    value = form.data.get(form.add_prefix("id")) if form.is_bound else form.initial.get("id")
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


LineRowFormSet = forms.formset_factory(
    LineRowForm, formset=BaseRowFormSet, extra=1, can_delete=True
)
EquipmentRowFormSet = forms.formset_factory(
    EquipmentRowForm, formset=BaseRowFormSet, extra=1, can_delete=True
)


class ProposalListFilter(BootstrapMixin, forms.Form):
    """The filters of the proposal list; an unknown value is ignored, not an error page."""

    plan = forms.ModelChoiceField(
        label=field_label(Proposal, "plan"), queryset=Plan.objects.all(), required=False
    )
    state = forms.ChoiceField(
        label=field_label(Proposal, "state"),
        choices=[("", "---------"), *ProposalState.choices],
        required=False,
    )
    activity = forms.ModelChoiceField(
        label=field_label(Proposal, "activity"), queryset=Activity.objects.all(), required=False
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
