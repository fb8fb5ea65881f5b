"""The criteria template form: its name, and its criteria as a table of rows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.forms.common import (
    ServiceFormMixin,
)
from awards.models import (
    CriteriaTemplate,
    TemplateCriterion,
)
from core.forms import BootstrapMixin


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
