from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentsConfig(AppConfig):
    name = "qunyan.talents"
    label = "talents"
    verbose_name = _("Outside talents")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (adds this module's part of the person page)
