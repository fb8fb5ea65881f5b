"""Forms of the award pages. They only parse input: the services in awards/services.py (and
core.workflow.transition) validate and save, and their errors come back through
core.forms.add_service_errors."""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from applicants.forms import DATE_INPUT_FORMATS
from awards.models import (
    Attachment,
    AwardRound,
    CriteriaTemplate,
    Entry,
    Level,
    ProductGroup,
    TemplateCriterion,
)
from awards.models import ScreeningCondition as Condition
from awards.services import ENTRY_FIELDS, ROUND_FIELDS
from core.forms import BootstrapMixin, style_fields


def _label(model, name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


def date_widget() -> forms.DateInput:
    return forms.DateInput(
        format="%d/%m/%Y",
        attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off"},
    )


def restyle_choices(form: forms.BaseForm) -> None:
    """Checkbox lists and radio buttons are Bootstrap "form-check" inputs, which
    BootstrapMixin (made for single widgets) would give the "form-control" class."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            field.widget.attrs["class"] = "form-check-input"


class ServiceFormMixin:
    """A ModelForm that leaves validation and saving to the services: the instance is never
    touched (no model full_clean here, no form.save()); the service runs the model's rules
    once, so the page and the API show the same messages."""

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.service_fields}


def show_only_open_groups(field: forms.ModelChoiceField, award_round: AwardRound) -> None:
    """List only the groups the round opens, but accept any group: whether the group is open
    is the service's rule, so the page shows its message (as the API would)."""
    field.queryset = ProductGroup.objects.all()
    field.widget.choices = [("", field.empty_label)] + [
        (group.pk, str(group)) for group in award_round.product_groups.all()
    ]


# ---- Rounds -------------------------------------------------------------------------------


class RoundForm(ServiceFormMixin, BootstrapMixin, forms.ModelForm):
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
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("registration_opens", "registration_closes", "judging_ends"):
            self.fields[name].input_formats = DATE_INPUT_FORMATS
        self.fields["criteria_template"].queryset = CriteriaTemplate.objects.all()
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
        elif self.instance.state != AwardRound.State.DRAFT:
            # Fixed once registration opens (the service refuses a change): shown, not editable.
            for name in ("criteria_template", "product_groups"):
                self.fields[name].disabled = True
        restyle_choices(self)


class RoundTransitionForm(BootstrapMixin, forms.Form):
    to = forms.ChoiceField(choices=AwardRound.State.choices, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))
    decision_number = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    decision_date = forms.DateField(
        label=_("Decision date"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=date_widget(),
    )


# ---- Criteria templates ---------------------------------------------------------------------


class CriteriaTemplateForm(ServiceFormMixin, BootstrapMixin, forms.ModelForm):
    service_fields = ["name", "description"]

    class Meta:
        model = CriteriaTemplate
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class CriterionRowForm(ServiceFormMixin, BootstrapMixin, forms.ModelForm):
    """One row of the criteria table: a criterion, or a sub-criterion when it names the code
    of its parent (a criterion without a parent code)."""

    parent = forms.CharField(
        label=_("Parent code"),
        required=False,
        max_length=TemplateCriterion._meta.get_field("code").max_length,
        help_text=_("For a sub-criterion: the code of the criterion it splits."),
    )

    class Meta:
        model = TemplateCriterion
        fields = ["code", "text", "max_points"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "max_points": forms.NumberInput(attrs={"step": "0.1", "min": "0"}),
        }


class BaseCriterionRowFormSet(forms.BaseFormSet):
    """The criteria table, in order. Any row may be left blank and is then dropped, the rows
    of the template being edited included: they come as initial values of extra rows (never
    as Django's "initial forms", which must stay filled in)."""

    def initial_form_count(self):
        return 0

    def total_form_count(self):
        if self.is_bound:
            return super().total_form_count()
        return len(self.initial or ()) + self.extra

    def filled_rows(self) -> list[CriterionRowForm]:
        return [form for form in self.forms if form.has_changed() and form.cleaned_data]

    def clean(self):
        if any(self.errors):
            return
        main_codes = {
            form.cleaned_data["code"]
            for form in self.filled_rows()
            if not form.cleaned_data["parent"]
        }
        for form in self.filled_rows():
            parent = form.cleaned_data["parent"]
            if parent and parent not in main_codes:
                form.add_error(
                    "parent",
                    _("No criterion without a parent code has the code “%(code)s”.")
                    % {"code": parent},
                )

    def criteria(self) -> list[dict]:
        """The rows as awards.services.save_criteria_template takes them: the criteria in
        order, each with its sub-criteria in the order of their rows. Call after is_valid()."""
        rows = [form.cleaned_data for form in self.filled_rows()]
        criteria = []
        by_code = {}
        for row in rows:
            if not row["parent"]:
                item = {key: row[key] for key in ("code", "text", "max_points")}
                item["children"] = []
                criteria.append(item)
                # A repeated code is the service's to refuse; its sub-criteria go to the first.
                by_code.setdefault(row["code"], item)
        for row in rows:
            if row["parent"]:
                by_code[row["parent"]]["children"].append(
                    {key: row[key] for key in ("code", "text", "max_points")}
                )
        return criteria


CriterionRowFormSet = forms.formset_factory(
    CriterionRowForm, formset=BaseCriterionRowFormSet, extra=4
)


# ---- Entries ------------------------------------------------------------------------------


class EntryRegisterForm(BootstrapMixin, forms.Form):
    """Registration asks only for the product; the description (Mẫu 02) and the files are
    completed on the entry's page before submitting."""

    facility = forms.ModelChoiceField(label=_("Facility"), queryset=None)
    product_name = forms.CharField(label=_label(Entry, "product_name"), max_length=300)
    product_group = forms.ModelChoiceField(
        label=_label(Entry, "product_group"), queryset=ProductGroup.objects.all()
    )
    is_product_set = forms.BooleanField(
        label=_("This is a product set (bộ sản phẩm)"), required=False
    )

    def __init__(self, *args, facilities, award_round, **kwargs):
        super().__init__(*args, **kwargs)
        facility = self.fields["facility"]
        facility.queryset = facilities
        if len(facilities) == 1:
            # Nothing to choose: the facility is shown as text above the form.
            facility.widget = forms.HiddenInput()
            facility.initial = facilities[0].pk
        show_only_open_groups(self.fields["product_group"], award_round)

    def service_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("product_name", "product_group", "is_product_set")
        }


class EntryForm(ServiceFormMixin, BootstrapMixin, forms.ModelForm):
    """The product and its description (Mẫu 02)."""

    service_fields = ENTRY_FIELDS

    class Meta:
        model = Entry
        fields = ENTRY_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "features",
                "materials",
                "production_process",
                "markets",
                "quality_standards",
                "awards_received",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_only_open_groups(self.fields["product_group"], self.instance.round)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files; each is checked by the attachment service."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            if not data and self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class AttachmentUploadForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of file"), choices=Attachment.Kind.choices)
    file = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "Photos: JPEG, PNG or WebP. Documents: PDF or a photo of each page. "
            "You may choose several files at once."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".jpg,.jpeg,.png,.webp,.pdf"


class NoteForm(BootstrapMixin, forms.Form):
    note = forms.CharField(
        label=_("Reason (optional)"), required=False, widget=forms.Textarea({"rows": 3})
    )


# ---- Screening ----------------------------------------------------------------------------

MET_CHOICES = [("yes", _("Met")), ("no", _("Not met"))]
DECISIONS = [
    (Entry.State.ELIGIBLE.value, _("Eligible: screened in, a voting code is given")),
    (Entry.State.RETURNED.value, _("Returned: the facility completes the dossier")),
    (Entry.State.INELIGIBLE.value, _("Ineligible")),
]


class ScreeningForm(forms.Form):
    """The checklist (`met_<condition>` yes/no and `reason_<condition>` for each condition of
    awards.models.ScreeningCondition) and the decision (`decision`, `note`)."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect, required=False
    )
    note = forms.CharField(
        label=_("Reason, or what the facility must complete"),
        required=False,
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
                initial=check.reason if check else "",
                widget=forms.TextInput(),
            )
        self.order_fields([name for name in self.fields if name not in ("decision", "note")])
        style_fields(self)
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


BULK_TARGETS = [
    (Entry.State.ELIGIBLE.value, _("Eligible (every condition met)")),
    (Entry.State.RETURNED.value, _("Returned for completion")),
    (Entry.State.INELIGIBLE.value, _("Ineligible")),
]


class BulkActionForm(BootstrapMixin, forms.Form):
    entries = forms.ModelMultipleChoiceField(
        label=_("Entries"), queryset=Entry.objects.none(), widget=forms.MultipleHiddenInput
    )
    to = forms.ChoiceField(label=_("Move the selected entries to"), choices=BULK_TARGETS)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        help_text=_("Required for returned and ineligible; every selected facility reads it."),
    )

    def __init__(self, *args, award_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = Entry.objects.filter(round=award_round)
        self.fields["entries"].error_messages["required"] = _("Select at least one entry.")
