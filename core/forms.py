"""Forms of the account pages, and the Bootstrap styling every form of the site shares."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.text import clean_text


def field_label(model, name: str) -> str:
    """A model field's own (translated) name, capitalised: for the labels of forms and filters,
    which then add nothing to the catalogue."""
    return capfirst(model._meta.get_field(name).verbose_name)


def style_fields(form: forms.BaseForm) -> None:
    """Give each widget its Bootstrap class. Done on the form because a template cannot add an
    attribute to a widget, and Django's own forms (login, password) come without classes."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        classes = widget.attrs.get("class", "")
        widget.attrs["class"] = f"{classes} {css}".strip()


def add_service_errors(form: forms.BaseForm, error: ValidationError, field_names=None) -> None:
    """Show a service's ValidationError on `form`: each error next to the field it names
    (`field_names` maps a service key to a form field name), the others above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    field_names = field_names or {}
    for key, errors in error.error_dict.items():
        name = field_names.get(key, key)
        form.add_error(name if name in form.fields else None, errors)


def clean_text_inputs(form: forms.BaseForm) -> None:
    """Clean what is typed into the form's text fields as it will be stored
    (core.text.clean_text: NFC, no invisible characters) before the field's own checks, so that
    a length limit counts the characters stored, not a decomposed keyboard's ("Unicode tổ hợp"
    sends "ễ" as three code points), and an invisible-only value is an empty one. Passwords are
    left exactly as typed."""
    for field in form.fields.values():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
            continue
        field.to_python = _cleaning(field, field.to_python)


def _cleaning(field: forms.CharField, to_python):
    multiline = isinstance(field.widget, forms.Textarea)

    def clean(value):
        value = to_python(value)
        if isinstance(value, str):
            value = clean_text(value, multiline=multiline)
            if field.strip:
                value = value.strip()
        return value

    return clean


class BootstrapMixin:
    """Every form of the site: Bootstrap classes on its widgets, and text cleaned as stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
        clean_text_inputs(self)


class LoginForm(BootstrapMixin, auth_forms.AuthenticationForm):
    pass


class PasswordChangeForm(BootstrapMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(BootstrapMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(BootstrapMixin, auth_forms.SetPasswordForm):
    pass


class AccountForm(BootstrapMixin, forms.Form):
    """The account half of self-registration. It only parses input and compares the two
    passwords; core.services.create_user validates the account (uniqueness, password rules)."""

    # Field names of this form for the keys of the service's errors.
    SERVICE_FIELDS = {
        "username": "username",
        "full_name": "full_name",
        "account_email": "account_email",
        "password": "password1",
    }

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Letters, digits and @/./+/-/_ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    account_email = forms.EmailField(
        label=_("Email"),
        help_text=_("Used to reset your password."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password confirmation"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error(
                "password2",
                forms.ValidationError(
                    _("The two passwords do not match."), code="password_mismatch"
                ),
            )
        return cleaned
