"""Messages of our dependencies that their Vietnamese catalogues lack, or word badly.

Listing them here makes `makemessages` carry them into our catalogue, which Django consults
before the dependencies' own (LOCALE_PATHS comes first): a message listed here is shown with our
translation even where the dependency has one of its own.
"""

from django.utils.translation import gettext_lazy as _

MISSING_UPSTREAM = [
    # Django 6.1: django.db.models.fields.BLANK_CHOICE_LABEL, the empty option of a select.
    _("- Select an option -"),
    # Django's validators (forms, filters, full_clean): its Vietnamese has a space before the
    # full stop.
    _("Ensure this value is less than or equal to %(limit_value)s."),
    _("Ensure this value is greater than or equal to %(limit_value)s."),
    # Django REST framework's fields (its Vietnamese catalogue has a fifth of its messages).
    _("Ensure this value is less than or equal to {max_value}."),
    _("Ensure this value is greater than or equal to {min_value}."),
]
