"""What the award forms share: labels from the models, date inputs, choice styling, and
the mixin that leaves validation to the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import (
    AwardRound,
    ProductGroup,
)


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
