from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "qunyan.casework"
    label = "casework"
    verbose_name = _("Services and mediation")

    def ready(self) -> None:
        # The rating indicator source, the records that take attachments, the person page part.
        from . import indicators, registrations, sections  # noqa: F401
