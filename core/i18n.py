"""Messages of our dependencies that their Vietnamese catalogues lack, or word badly.

Listing them here makes `makemessages` carry them into our catalogue, which Django consults
before the dependencies' own (LOCALE_PATHS comes first): a message listed here is shown with our
translation even where the dependency has one of its own.

Django REST framework's Vietnamese catalogue holds a fifth of its messages; listed are those this
API can send (tests/api/test_messages.py triggers each), not its browsable API, versioning,
hyperlinked or cursor-paginated fields, which the API does not use.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

MISSING_UPSTREAM = [
    # Django 6.1: django.db.models.fields.BLANK_CHOICE_LABEL, the empty option of a select.
    _("- Select an option -"),
    # Django's validators (forms, filters, full_clean): its Vietnamese has a space before the
    # full stop.
    _("Ensure this value is less than or equal to %(limit_value)s."),
    _("Ensure this value is greater than or equal to %(limit_value)s."),
    # Django's forms.IntegerField: its Vietnamese reads "a total number".
    _("Enter a whole number."),
    # Django's ProhibitNullCharactersValidator (every DRF CharField).
    _("Null characters are not allowed."),
    # Django's User.username: its Vietnamese is capitalised, which shows in the middle of the
    # similarity validator's message ("…quá giống với Tên đăng nhập."). Labels capitalise the
    # verbose name themselves (capfirst).
    _("username"),
    # Django 6.1's MinimumLengthValidator.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    # Messages Django's Vietnamese words without the full stop, or wrongly ("Nhập địa chỉ
    # email." drops "valid"), that the forms show: the length limits of every text field, the
    # email fields, the account's username and the password change.
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    ),
    _("Enter a valid email address."),
    _(
        "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ "
        "characters."
    ),
    _("A user with that username already exists."),
    _("Your old password was entered incorrectly. Please enter it again."),
    # Django REST framework: authentication (rest_framework.authentication, .exceptions).
    _("Authentication credentials were not provided."),
    _("Invalid token."),
    _("Invalid token header. No credentials provided."),
    _("Invalid token header. Token string should not contain spaces."),
    _("Invalid token header. Token string should not contain invalid characters."),
    # Content negotiation, throttling, pagination.
    _("Could not satisfy the request Accept header."),
    _('Unsupported media type "{media_type}" in request.'),
    _("Request was throttled."),
    # Throttled formats both texts before ngettext: each is looked up on its own (gettext).
    _("Expected available in {wait} second."),
    _("Expected available in {wait} seconds."),
    _("Invalid page."),
    # Fields (rest_framework.fields, .relations, .serializers).
    _("This field may not be null."),
    _("Not a valid string."),
    _("Surrogate characters are not allowed: U+{code_point:X}."),
    _("Ensure this field has no more than {max_length} characters."),
    _("Must be a valid boolean."),
    _("A valid integer is required."),
    _("A valid number is required."),
    _("String value too large."),
    _("Ensure this value is less than or equal to {max_value}."),
    _("Ensure this value is greater than or equal to {min_value}."),
    _("Ensure that there are no more than {max_digits} digits in total."),
    _("Ensure that there are no more than {max_decimal_places} decimal places."),
    _("Ensure that there are no more than {max_whole_digits} digits before the decimal point."),
    _('"{input}" is not a valid choice.'),
    _('Expected a list of items but got type "{input_type}".'),
    # Its Vietnamese starts with a space.
    _("This list may not be empty."),
    _('Expected a dictionary of items but got type "{input_type}".'),
    _("Invalid data. Expected a dictionary, but got {datatype}."),
    _("The submitted data was not a file. Check the encoding type on the form."),
    _('Invalid pk "{pk_value}" - object does not exist.'),
    _("Incorrect type. Expected pk value, received {data_type}."),
    _("Object with {slug_name}={value} does not exist."),
    _("Invalid value."),
]
