"""Registering a product, its description (Mẫu 02), its files, a note when withdrawing."""

from django import forms
from django.conf import settings
from django.db.models import TextField
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from awards.forms.common import show_only_open_groups
from awards.models import DESCRIPTION_FIELDS, ENTRY_FIELDS, Attachment, Entry, ProductGroup
from awards.services import check_entry
from awards.services.file_types import (
    accept_attribute,
    image_type_names,
    upload_limits_text,
)
from core.forms import BootstrapMixin, ServiceChecksMixin, field_label
from core.models import LONG_TEXT_MAX


class EntryRegisterForm(BootstrapMixin, forms.Form):
    """Registration asks only for the product; the description (Mẫu 02) and the files are
    completed on the entry's page before submitting."""

    facility = forms.ModelChoiceField(label=_("Facility"), queryset=None)
    product_name = forms.CharField(label=field_label(Entry, "product_name"), max_length=300)
    product_group = forms.ModelChoiceField(
        label=field_label(Entry, "product_group"), queryset=ProductGroup.objects.all()
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


class EntryForm(BootstrapMixin, ServiceChecksMixin, forms.ModelForm):
    """The product and its description (Mẫu 02), checked as update_entry checks them
    (service_checks) in the same pass as the fields' own, so that every error shows at once."""

    service_fields = ENTRY_FIELDS

    class Meta:
        model = Entry
        fields = ENTRY_FIELDS
        # The description's long fields are text areas (their model fields are TextFields).
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in DESCRIPTION_FIELDS
            if isinstance(Entry._meta.get_field(name), TextField)
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_only_open_groups(self.fields["product_group"], self.instance.round)

    def service_checks(self, data: dict, exclude: set[str]) -> None:
        check_entry(self.instance, data, exclude=exclude)

    def description(self) -> list[tuple]:
        """The Mẫu 02 fields in the order of the form (awards.models.DESCRIPTION), each with
        its column class: a text area spans the row, a short field half of it."""
        return [
            (self[name], "" if isinstance(self.fields[name].widget, forms.Textarea) else "col-md-6")
            for name in DESCRIPTION_FIELDS
        ]


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
        if not data and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super().clean(data, initial)] if data else []


class AttachmentUploadForm(BootstrapMixin, forms.Form):
    """The kind and the files. What is accepted (types, size, a photo's smallest side) is the
    attachment service's declaration: shown as the help text, put in the input's `accept`, and
    given to static/js/uploads.js, which checks before sending (the service checks again)."""

    kind = forms.ChoiceField(label=_("Kind of file"), choices=Attachment.Kind.choices)
    file = MultipleFileField(label=_("Files"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read at each request: the settings are the service's, overridable in tests.
        field = self.fields["file"]
        field.help_text = upload_limits_text()
        field.widget.attrs.update(
            {
                "accept": accept_attribute(),
                "data-accept-photo": accept_attribute(Attachment.Kind.PHOTO),
                "data-max-bytes": settings.UPLOAD_MAX_BYTES,
                "data-min-photo-side": settings.UPLOAD_MIN_PHOTO_SIDE,
            }
        )
        self.fields["kind"].widget.attrs["data-photo-kind"] = Attachment.Kind.PHOTO
        # For the browser's own messages (static/js/uploads.js).
        self.size_limit = filesizeformat(settings.UPLOAD_MAX_BYTES)
        self.image_types = image_type_names()
        self.min_photo_side = settings.UPLOAD_MIN_PHOTO_SIDE

    def add_error(self, field, error):
        # The form's own checks and the service's (added by the view) alike: the page comes back
        # with the input that has the error focused, so the browser scrolls to it.
        super().add_error(field, error)
        name = "kind" if "kind" in self.errors else "file"
        for field_name, form_field in self.fields.items():
            form_field.widget.attrs.pop("autofocus", None)
            if field_name == name:
                form_field.widget.attrs["autofocus"] = True


class NoteForm(BootstrapMixin, forms.Form):
    """The note of a withdrawal: the facility's optional reason, or, when an officer withdraws at
    the facility's request, how it asked (required by the workflow; the facility reads it)."""

    note = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea({"rows": 3}),
    )

    def __init__(self, *args, on_request: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if on_request:
            note = self.fields["note"]
            note.label = _("How the facility asked")
            note.help_text = _("Its letter or message, and its date. The facility reads this note.")
