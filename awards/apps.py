from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Award rounds")

    def ready(self):
        # Attach the state machines to the models (AwardRound.workflow, Entry.workflow).
        from awards import workflows  # noqa: F401
