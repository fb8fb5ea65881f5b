"""How a facility's activity log reads its membership rows (core.history.describe_log_key).

applicants.services logs a linked or unlinked account under "member_added" / "member_removed";
registered once, when the app is ready.
"""

from django.utils.translation import gettext_lazy

from applicants.models import Facility
from core.history import describe_log_key


def register() -> None:
    describe_log_key(Facility, "member_added", label=gettext_lazy("Member added"), display=str)
    describe_log_key(Facility, "member_removed", label=gettext_lazy("Member removed"), display=str)
