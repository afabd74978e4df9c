from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from qunyan.core.access import account_of, requires, scope_of, town_of
from qunyan.core.models import OrgUnit
from qunyan.core.roles import Capability

from ..export import division_export
from ..selectors import village_get, villages_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _response(name: str) -> HttpResponse:
    response = HttpResponse(content_type=XLSX)
    file_name = f"{name}-分工-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = (
        f"attachment; filename=\"duties.xlsx\"; filename*=UTF-8''{quote(file_name)}"
    )
    return response


@requires(Capability.EXPORT)
def village_export(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        village = village_get(scope=scope_of(request), pk=pk)
    except OrgUnit.DoesNotExist:
        raise Http404 from None
    assert village.town is not None
    response = _response(village.name)
    division_export(response, town=village.town, villages=[village], by=account_of(request))
    return response


@requires(Capability.EXPORT)
def town_export(request: HttpRequest) -> HttpResponse:
    town = town_of(request)
    response = _response(town.name)
    villages = list(villages_of(scope=scope_of(request), town=town))
    division_export(response, town=town, villages=villages, by=account_of(request))
    return response
