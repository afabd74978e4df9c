from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartyConfig(AppConfig):
    name = "qunyan.party"
    label = "party"
    verbose_name = _("Party member development")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (adds this module's part of the person page)
