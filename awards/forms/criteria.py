"""The criteria template form: its name, and its criteria as a table of rows. Each runs its
part of save_criteria_template's checks (awards.services.check_criteria_template) in its own
validation, so that one submit shows every error: the name's, each row's, the criteria's."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from awards.models import (
    CriteriaTemplate,
    TemplateCriterion,
)
from awards.services import check_criteria_template, check_criterion
from core.forms import BootstrapMixin, ServiceChecksMixin

# The criteria's own values; a row's parent code places it in the tree.
CRITERION_FIELDS = ("code", "text", "max_points")


class CriteriaTemplateForm(BootstrapMixin, ServiceChecksMixin, forms.ModelForm):
    """The name and the description; the criteria are the rows' (CriterionRowFormSet)."""

    class Meta:
        model = CriteriaTemplate
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def service_checks(self, data: dict, exclude: set[str]) -> None:
        check_criteria_template(
            name=data.get("name", ""),
            description=data.get("description", ""),
            template=self.instance if self.instance.pk else None,
            exclude={*exclude, "criteria"},
        )


class CriterionRowForm(BootstrapMixin, ServiceChecksMixin, forms.ModelForm):
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

    def service_checks(self, data: dict, exclude: set[str]) -> None:
        check_criterion(
            {name: data[name] for name in CRITERION_FIELDS if name in data}, exclude=exclude
        )


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
        """Once every row parses and names a parent that exists: the criteria's checks
        (sums, repeated codes, at least one), each error on its row, the others the
        formset's own."""
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
        if any(self.errors):
            return
        try:
            check_criteria_template(criteria=self.criteria(), exclude={"name", "description"})
        except ValidationError as error:
            others = self.add_service_errors(error)
            if others:
                raise ValidationError(others) from None

    def add_service_errors(self, error: ValidationError, form=None) -> list:
        """save_criteria_template's errors next to what they are about: a criterion's
        ("criteria.<i>.<field>", "criteria.<i>.children.<j>.<field>") at its row, the name's
        and the description's at `form`'s fields; the others (the criteria as a whole) are
        returned."""
        if not hasattr(error, "error_dict"):
            return list(error.messages)
        rows = self._rows_by_position()
        others = []
        for key, errors in error.error_dict.items():
            position, _dot, field = key.rpartition(".")
            row = rows.get(position)
            if form is not None and key in form.fields:
                form.add_error(key, errors)
            elif row is not None:
                row.add_error(field if field in row.fields else None, errors)
            else:
                others.extend(message for e in errors for message in e.messages)
        return others

    def _rows_by_position(self) -> dict:
        """The filled rows by the position the service names them with, in the order
        criteria() hands them over: "criteria.<i>" for the i-th criterion (a row without a
        parent code), "criteria.<i>.children.<j>" for its j-th sub-criterion."""
        rows = self.filled_rows()
        positions = {}
        first_with_code: dict[str, str] = {}
        for form in rows:
            if not form.cleaned_data["parent"]:
                position = f"criteria.{len(positions)}"
                positions[position] = form
                # A repeated code is refused by the service; its sub-criteria go to the first.
                first_with_code.setdefault(form.cleaned_data["code"], position)
        counts: dict[str, int] = {}
        for form in rows:
            parent = form.cleaned_data["parent"]
            if parent:
                position = first_with_code[parent]
                counts[position] = counts.get(position, 0) + 1
                positions[f"{position}.children.{counts[position] - 1}"] = form
        return positions

    def criteria(self) -> list[dict]:
        """The rows as awards.services.save_criteria_template takes them: the criteria in
        order, each with its sub-criteria in the order of their rows. Call after is_valid()."""
        rows = [form.cleaned_data for form in self.filled_rows()]
        criteria = []
        by_code = {}
        for row in rows:
            if not row["parent"]:
                item = {key: row[key] for key in CRITERION_FIELDS}
                item["children"] = []
                criteria.append(item)
                # A repeated code is the service's to refuse; its sub-criteria go to the first.
                by_code.setdefault(row["code"], item)
        for row in rows:
            if row["parent"]:
                by_code[row["parent"]]["children"].append(
                    {key: row[key] for key in CRITERION_FIELDS}
                )
        return criteria


CriterionRowFormSet = forms.formset_factory(
    CriterionRowForm, formset=BaseCriterionRowFormSet, extra=4
)
