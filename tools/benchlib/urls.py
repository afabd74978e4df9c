"""The application's URLs and the bare 50-row list page (benchmark peer, no login, no scope)."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

from qunyan.people.models import Person

try:
    from django.contrib.auth.decorators import login_not_required
except ImportError:  # pragma: no cover - Django < 5.1

    def login_not_required(view):  # type: ignore[no-untyped-def]
        return view


BARE = engines["django"].from_string(
    "<!doctype html><html><head><title>bare</title></head><body><table>"
    "{% for p in people %}<tr><td>{{ p.name }}</td><td>{{ p.get_gender_display }}</td>"
    "<td>{{ p.birth_date }}</td><td>{{ p.unit_id }}</td></tr>{% endfor %}"
    "</table></body></html>"
)


@login_not_required
def bare_list(request: HttpRequest) -> HttpResponse:
    people = Person.objects.order_by("name_pinyin", "id").only(
        "name", "gender", "birth_date", "unit_id"
    )[:50]
    return HttpResponse(BARE.render({"people": people}, request))


urlpatterns = [
    path("bench/bare/", bare_list),
    path("", include("config.urls")),
]
