"""System checks with stable IDs."""

from typing import Any

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from .crypto import blind_index


@register()
def check_data_key(app_configs: Any, **kwargs: Any) -> list[Error]:
    try:
        blind_index("check", purpose="check")
    except ImproperlyConfigured as exc:
        return [
            Error(str(exc), hint="Run `make install` or set QUNYAN_DATA_KEY.", id="qunyan.E001")
        ]
    return []
