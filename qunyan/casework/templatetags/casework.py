"""{% attachment_panel record %}: a record's photos and files, and the upload form when allowed."""

from typing import Any

from django import template
from django.db import models

from qunyan.core.access import scope_of

from ..attachments import attachable, attachments_of
from ..forms import AttachmentForm

register = template.Library()


@register.inclusion_tag("casework/_attachment_panel.html", takes_context=True)
def attachment_panel(context: dict[str, Any], record: models.Model) -> dict[str, Any]:
    request = context["request"]
    label = record._meta.label_lower
    entry = attachable(label)
    scope = scope_of(request)
    visible = entry is not None and scope.contains(entry.unit_of(record))
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "record": record,
        "label": label,
        "visible": visible,
        "attachments": list(attachments_of(record)) if visible else [],
        "can_upload": visible and entry is not None and request.user.can(entry.capability),
        "form": AttachmentForm(auto_id=f"id_att_{label.replace('.', '_')}_{record.pk}_%s"),
    }
