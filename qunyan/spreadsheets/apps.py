from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SpreadsheetsConfig(AppConfig):
    name = "qunyan.spreadsheets"
    label = "spreadsheets"
    verbose_name = _("Exchange workbook")

    def ready(self) -> None:
        # Each domain app declares its own sheets in its spreadsheets.py.
        autodiscover_modules("spreadsheets")
