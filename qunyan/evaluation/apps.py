from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "qunyan.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation and commendation")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (adds this module's part of the person page)
