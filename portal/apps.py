from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The thin front end of pages that span the domain apps: the role-aware home page, and the
    demo installation (`manage.py seed_demo`), which seeds every app."""

    name = "portal"
    verbose_name = _("Portal")
