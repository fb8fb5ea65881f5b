"""Messages of our dependencies that their Vietnamese catalogues lack.

Listing them here makes `makemessages` carry them into our catalogue, which Django consults
before the dependencies' own (LOCALE_PATHS comes first).
"""

from django.utils.translation import gettext_lazy as _

MISSING_UPSTREAM = [
    # Django 6.1: django.db.models.fields.BLANK_CHOICE_LABEL, the empty option of a select.
    _("- Select an option -"),
]
