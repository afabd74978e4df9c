from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "qunyan.people"
    label = "people"
    verbose_name = _("Person registry")

    def ready(self) -> None:
        from . import sections  # noqa: F401  (registers the cadre section of the person page)
