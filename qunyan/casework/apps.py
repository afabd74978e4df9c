from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "qunyan.casework"
    label = "casework"
    verbose_name = _("Services and mediation")

    def ready(self) -> None:
        from . import registrations, sections  # noqa: F401  (attachables, person page part)
