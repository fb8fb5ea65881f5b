from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Extension programmes")

    def ready(self):
        # The state machines attach themselves to Plan and Proposal; the plan's official lists
        # register themselves (core.spreadsheets.registry).
        from programs import exports, workflows  # noqa: F401
