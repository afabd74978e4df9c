from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentsConfig(AppConfig):
    name = "qunyan.talents"
    label = "talents"
    verbose_name = _("Outside talents")
