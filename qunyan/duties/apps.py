from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutiesConfig(AppConfig):
    name = "qunyan.duties"
    label = "duties"
    verbose_name = _("Duties")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (adds this module's part of the person page)
