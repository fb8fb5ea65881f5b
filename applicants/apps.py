from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicantsConfig(AppConfig):
    name = "applicants"
    verbose_name = _("Facilities")

    def ready(self):
        # The facility registry's official list registers itself (core.spreadsheets.registry).
        from applicants import exports, history  # noqa: F401

        history.register()
