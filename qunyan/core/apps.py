from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "qunyan.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401  (registers system checks and auth signals)
