"""Every URL of the project, read from the URL conf, with arguments that name nothing.

The security tests walk this list, so a new view is tried by every role without being listed.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Values for path arguments that match no record (and no year a page would show).
MISSING = {"int": 987654321, "str": "missing", "slug": "missing", "path": "missing"}


@dataclass(frozen=True)
class Route:
    name: str  # namespaced, e.g. "people:person-detail"
    converters: dict[str, str]  # argument → converter name

    @property
    def takes_arguments(self) -> bool:
        return bool(self.converters)

    def url(self, **kwargs: object) -> str:
        values = {key: MISSING[kind] for key, kind in self.converters.items()} | kwargs
        return reverse(self.name, kwargs=values or None)

    def __str__(self) -> str:
        return self.name


def _converter_name(converter: object) -> str:
    kind = type(converter).__name__.removesuffix("Converter").lower()
    return kind if kind in MISSING else "str"


def _walk(patterns: list, namespace: str, converters: dict[str, str]) -> list[Route]:
    routes = []
    for entry in patterns:
        found = dict(converters)
        found.update(
            {k: _converter_name(v) for k, v in getattr(entry.pattern, "converters", {}).items()}
        )
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            routes += _walk(entry.url_patterns, inner, found)
        elif isinstance(entry, URLPattern) and entry.name:
            routes.append(Route(name=f"{namespace}{entry.name}", converters=found))
    return routes


def all_routes() -> list[Route]:
    unique = {route.name: route for route in _walk(get_resolver().url_patterns, "", {})}
    return sorted(unique.values(), key=lambda route: route.name)
