"""How an entry's activity log reads its non-field keys (core.history.describe_log_key).

awards.services logs the screening checklist under "screening" and awards.services.attachments the
files under "attachment"; registered once, when the app is ready.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import Attachment, Entry, ScreeningCondition
from core.history import describe_log_key


def _screening_words(value) -> str:
    if not isinstance(value, dict):
        return str(value)
    labels = dict(ScreeningCondition.choices)
    # Outside the f-string: xgettext does not see gettext calls inside one.
    met_word, not_met_word = _("met"), _("not met")
    return "; ".join(
        f"{labels.get(key, key)}: {met_word if met else not_met_word}" for key, met in value.items()
    )


def _attachment_words(value) -> str:
    if not isinstance(value, dict):
        return str(value)
    kinds = dict(Attachment.Kind.choices)
    return f"{value.get('name', '')} ({kinds.get(value.get('kind'), value.get('kind'))})"


def register() -> None:
    describe_log_key(
        Entry, "screening", label=gettext_lazy("Screening checklist"), display=_screening_words
    )
    describe_log_key(Entry, "attachment", label=gettext_lazy("File"), display=_attachment_words)
