from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "qunyan.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (adds this module's part of the person page)
