from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Award rounds")

    def ready(self):
        # Attach the state machines to the models (AwardRound.workflow, Entry.workflow), register
        # the round's official lists (core.spreadsheets.registry), and
        # say how the entries' log reads its checklist and file rows.
        from awards import exports, history, workflows  # noqa: F401

        history.register()
