"""The facility profile form, shared by the create, edit and self-registration pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from applicants.models import Facility
from applicants.services import EDITABLE_FIELDS, check_facility
from core.forms import BootstrapMixin, ServiceChecksMixin
from core.models import Province, Ward

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


def ward_swap_attrs() -> dict:
    """htmx attributes for a province select: on change, GET that province's wards and put them
    into the select with id "id_ward". Without JavaScript the attributes do nothing."""
    return {
        "hx-get": reverse_lazy("applicants:ward-options"),
        "hx-target": "#id_ward",
        "hx-swap": "innerHTML",
        "hx-trigger": "change",
    }


def blank_choice_label():
    """The label of a select's empty option as Django's model selects write it, for the
    selects this app builds itself (the htmx ward options, the list's filters)."""
    return FacilityForm.base_fields["ward"].empty_label


class WardField(forms.ModelChoiceField):
    """Lists only the wards of the chosen province, but accepts any ward: whether it lies in
    the province is the model's rule (Facility.clean, run by the service), so the page shows
    the same message as the API."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return Ward.objects.get(pk=value)
        except (Ward.DoesNotExist, ValueError, TypeError):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            ) from None


class FacilityForm(BootstrapMixin, ServiceChecksMixin, forms.ModelForm):
    """Parses the profile fields and runs the services' checks on them (service_checks), so
    every error shows at once; the services validate again and save."""

    ward = WardField(queryset=Ward.objects.none(), label=_("Commune / ward"))
    # Longer than the stored forms: people type "0300 588 569-001" or "+84 275 3822 365"; the
    # service normalises and validates them.
    tax_code = forms.CharField(
        label=capfirst(Facility._meta.get_field("tax_code").verbose_name),
        max_length=30,
        required=False,
    )
    phone = forms.CharField(
        label=capfirst(Facility._meta.get_field("phone").verbose_name),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    class Meta:
        model = Facility
        fields = EDITABLE_FIELDS
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "business_registration_date": forms.DateInput(
                format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric"}
            ),
            "old_address": forms.Textarea(attrs={"rows": 2}),
            "main_products": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business_registration_date"].input_formats = DATE_INPUT_FORMATS
        # Without JavaScript the page still works: after a submit the form comes back with
        # the chosen province's wards.
        self.fields["province"].widget.attrs.update(ward_swap_attrs())
        province = self.chosen_province()
        if province is None:
            self.fields["ward"].empty_label = _("Choose a province first")
        else:
            self.fields["ward"].queryset = Ward.objects.filter(province=province)

    def chosen_province(self):
        """The province whose wards the ward select lists: the submitted one, else the initial."""
        if self.is_bound:
            code = self.data.get(self.add_prefix("province"))
        else:
            code = self.get_initial_for_field(self.fields["province"], "province")
            code = getattr(code, "pk", code)
        if not code:
            return None
        return Province.objects.filter(pk=code).first()

    def service_checks(self, data: dict, exclude: set[str]) -> None:
        # Every check the services make, in the same pass as the fields' own. An edit checks
        # against the stored facility (its own tax code is not "taken").
        data = {name: value for name, value in data.items() if name in self._meta.fields}
        facility = self.instance if self.instance.pk else None
        check_facility(data, facility=facility, exclude=exclude)
