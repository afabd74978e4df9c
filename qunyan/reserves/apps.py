from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReservesConfig(AppConfig):
    name = "qunyan.reserves"
    label = "reserves"
    verbose_name = _("Reserve pool")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (adds the pool to the person page)
