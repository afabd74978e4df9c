from typing import Any

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def widget(field: forms.BoundField) -> SafeString:
    """Render a field's widget with the Bootstrap class its kind needs."""
    kind = field.field.widget
    if isinstance(kind, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(kind, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag(takes_context=True)
def sort_link(context: dict[str, Any], key: str) -> str:
    """The query string that sorts by `key`, flipping the direction when already sorted by it."""
    request = context["request"]
    query = request.GET.copy()
    current = query.get("sort", "name")
    query["sort"] = f"-{key}" if current == key else key
    query.pop("page", None)
    return "?" + str(query.urlencode())


@register.filter
def percent(value: float | None) -> str:
    """A share as a percentage with one decimal (0.6667 → 66.7%); — when there is no base."""
    if value is None:
        return "—"
    return f"{value * 100:.1f}%"
