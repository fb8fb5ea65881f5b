"""Forms of the account pages, and the Bootstrap styling every form of the site shares."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.services import check_new_user
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


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, field_names=None, skip=()
) -> None:
    """Show a service's ValidationError on `form`: each error next to the field it names
    (`field_names` maps a service key to a form field name, or to None for "above the form"),
    the others above the form. A dict or a list (or a single message) is accepted; errors on a
    field in `skip` (already refused by the form's own checks) are left out, so a field never
    shows two reasons for one mistake."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    field_names = field_names or {}
    for key, errors in error.error_dict.items():
        name = field_names.get(key, key)
        if name is not None and name in skip:
            continue
        form.add_error(name if name in form.fields else None, errors)


class ServiceChecksMixin:
    """A form that runs its service's checks inside its own validation, so that one submit
    shows every error: the fields' own (a negative number, a malformed date) and the
    service's (a taken username, a tax code's check digit, a ward outside the province).

    A form defines `service_checks(data, exclude)`: it calls the service's check function (one
    that validates as the operation will and writes nothing) with the cleaned values, leaving
    out the fields in `exclude` (the form refused them already), and lets its ValidationError
    (a dict keyed by the service's names, or a list) propagate. `service_field_names` maps the
    service's keys to the form's fields. The view then calls the operation only on a valid form,
    through `call_service`, which still maps the operation's own refusal (a race lost between
    check and save) onto the form."""

    service_field_names: dict[str, str | None] = {}
    # The fields whose cleaned values the operation takes (service_data): a ModelForm's own
    # fields unless the form names others.
    service_fields: list[str] | tuple[str, ...] | None = None

    def service_checks(self, data: dict, exclude: set[str]) -> None:
        raise NotImplementedError

    def service_data(self) -> dict:
        """The cleaned values in the shape the service's operation takes. Call on a valid form."""
        names = self._meta.fields if self.service_fields is None else self.service_fields
        return {name: self.cleaned_data[name] for name in names}

    def _post_clean(self):
        # In place of a ModelForm's own hook (which copies the data onto the instance and runs
        # its full_clean): the service's checks are the model's and more, and the instance is
        # left untouched for the service to change.
        refused = set(self.errors)
        # The refused fields by the service's names, for its `exclude`.
        service_key = {name: key for key, name in self.service_field_names.items() if name}
        exclude = {service_key.get(name, name) for name in refused}
        try:
            self.service_checks(dict(self.cleaned_data), exclude)
        except ValidationError as error:
            add_service_errors(self, error, self.service_field_names, skip=refused)


def call_service(form: forms.BaseForm, operation, field_names=None):
    """Validate `form` (all its checks, the service's included when it is a ServiceChecksMixin)
    and, when it is valid, run `operation()`: its result, or None with the operation's
    ValidationError shown on the form's fields (`field_names` as for add_service_errors)."""
    if not form.is_valid():
        return None
    try:
        return operation()
    except ValidationError as error:
        names = (
            field_names if field_names is not None else getattr(form, "service_field_names", None)
        )
        add_service_errors(form, error, names)
        return None


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


def show_password_rules(field: forms.Field) -> None:
    """List the active password validators' rules with a new password's field, before anything
    is typed (templates/includes/field.html renders them as its help text, which the widget's
    aria-describedby names). Django's own help text is an HTML list in a lazy string that a
    template escapes; this replaces it."""
    field.help_text = _("Rules for your password:")
    field.password_rules = password_validators_help_texts()


class LoginForm(BootstrapMixin, auth_forms.AuthenticationForm):
    pass


class PasswordChangeForm(BootstrapMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_password_rules(self.fields["new_password1"])


class PasswordResetForm(BootstrapMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(BootstrapMixin, auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_password_rules(self.fields["new_password1"])


class AccountForm(BootstrapMixin, ServiceChecksMixin, forms.Form):
    """The account half of self-registration. It parses input, compares the two passwords and
    runs the checks of core.services.create_user (uniqueness, the password rules) in the same
    pass; create_user checks again when it creates the account."""

    # create_user's keys of its errors that are not this form's field names: the account's
    # email is "email" there.
    service_field_names = {"email": "account_email", "password": "password1"}
    # register_facility's keys of the account's errors, to this form's fields: create_user's,
    # but with the email as "account_email" ("email" is the facility's there).
    SERVICE_FIELDS = {
        ("account_email" if key == "email" else key): name
        for key, name in {
            "username": "username",
            "full_name": "full_name",
            **service_field_names,
        }.items()
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        show_password_rules(self.fields["password1"])

    def service_checks(self, data: dict, exclude: set[str]) -> None:
        check_new_user(
            exclude=exclude,
            username=data.get("username", ""),
            full_name=data.get("full_name", ""),
            email=data.get("account_email", ""),
            password=data.get("password1", ""),
        )
