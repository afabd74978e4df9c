"""What the evaluation views share: the year asked for, a village in scope, form errors."""

from django.http import Http404, HttpRequest
from django.utils import timezone

from qunyan.core.access import scope_of
from qunyan.core.models import VILLAGE_KINDS, OrgUnit

from ..models import VillageRating


def year_of(request: HttpRequest, town: OrgUnit) -> int:
    """`?year=`, else the latest year the town rated its villages, else the current year."""
    text = request.GET.get("year") or request.POST.get("year") or ""
    if text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    latest = (
        VillageRating.objects.filter(village__parent=town)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return latest or timezone.localdate().year


def village_in_scope(request: HttpRequest, pk: int) -> OrgUnit:
    village = scope_of(request).units().filter(pk=pk, kind__in=VILLAGE_KINDS).first()
    if village is None or village.parent is None:
        raise Http404
    return village


def years_around(year: int) -> list[int]:
    return list(range(year + 1, year - 5, -1))
