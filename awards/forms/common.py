"""What the award forms share: date inputs, choice styling, the open product groups."""

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


def show_only_open_groups(field: forms.ModelChoiceField, award_round: AwardRound) -> None:
    """List only the groups the round opens, but accept any group: whether the group is open
    is the service's rule, so the page shows its message (as the API would)."""
    field.queryset = ProductGroup.objects.all()
    field.widget.choices = [("", field.empty_label)] + [
        (group.pk, str(group)) for group in award_round.product_groups.all()
    ]
