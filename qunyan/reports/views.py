"""The dashboard (the home page of town and county roles), the large screen, the county view
and the year report. Reads only; a town outside the account's own unit answers 404."""

import datetime
from typing import Any
from urllib.parse import quote, urlencode

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from qunyan.core.access import account_of, requires, scope_of
from qunyan.core.audit import audit_record, data_version
from qunyan.core.models import AuditEntry, OrgUnit
from qunyan.core.roles import Capability
from qunyan.core.scopes import Scope

from .county import county_rows, county_workbook, sort_rows
from .dashboard import chart_labels, dashboard_charts, presence
from .figures import headline_figures, table_rows
from .narrative import build_report
from .periods import period_of
from .render import report_docx, report_pdf
from .selectors import town_statistics


def report_towns(scope: Scope) -> list[OrgUnit]:
    """Towns whose whole data the account may read: its own town, or every town of its county.

    A village secretary works in one village, so no town's figures are theirs to read.
    """
    return list(scope.units().filter(kind=OrgUnit.Kind.TOWN).order_by("name"))


def _town(request: HttpRequest, towns: list[OrgUnit]) -> OrgUnit:
    """`?town=` among the account's towns (404 otherwise), or its first town."""
    wanted = request.GET.get("town")
    if wanted:
        found = next((town for town in towns if str(town.pk) == wanted), None)
        if found is None:
            raise Http404
        return found
    if not towns:
        raise Http404
    return towns[0]


# Seconds a dashboard's figures stay cached at most; any change of the data (a new audit
# entry) makes a new key at once, so this only bounds the memory of keys no longer asked for.
DASHBOARD_CACHE_SECONDS = 600


def _figures(
    town: OrgUnit, start: datetime.date, end: datetime.date, scope: Scope
) -> tuple[dict[str, Any], dict[str, bool], dict[str, Any]]:
    """The statistics, presence and charts of a town's period, computed once per state of the
    data (and scope and language): a dashboard is read far more often than the data changes."""
    key = ":".join(
        [
            "dashboard",
            str(data_version()),
            str(town.pk),
            start.isoformat(),
            end.isoformat(),
            get_language() or "",
            *(scope.root_paths if scope.root_paths is not None else ("*",)),
        ]
    )

    def compute() -> tuple[dict[str, Any], dict[str, bool], dict[str, Any]]:
        stats = town_statistics(town=town, period_from=start, period_to=end, as_of=end)
        charts = dashboard_charts(
            town=town, period_from=start, period_to=end, as_of=end, scope=scope
        )
        return stats, presence(town), charts

    return cache.get_or_set(key, compute, DASHBOARD_CACHE_SECONDS)  # type: ignore[return-value]


def _context(request: HttpRequest, towns: list[OrgUnit]) -> dict[str, Any]:
    town = _town(request, towns)
    start, end = period_of(request.GET, timezone.localdate())
    stats, present, charts = _figures(town, start, end, scope_of(request))
    period = {"from": start.isoformat(), "to": end.isoformat()}
    charts = {**charts, "present": present, "stats": stats}
    return {
        "towns": towns,
        "town": town,
        "start": start,
        "end": end,
        "stats": stats,
        "present": present,
        "figures": headline_figures(stats, present, town=town, period_from=start, period_to=end),
        "rows": table_rows(stats, present),
        "charts": charts,
        "query": urlencode({"town": town.pk, **period}),
        "period_query": urlencode(period),
        "chart_labels": chart_labels(),
    }


@requires(Capability.VIEW_PEOPLE)
def dashboard(request: HttpRequest) -> HttpResponse:
    towns = report_towns(scope_of(request))
    if not towns and not request.GET.get("town"):
        return render(request, "reports/dashboard.html", {"towns": [], "town": None})
    return render(request, "reports/dashboard.html", _context(request, towns))


@requires(Capability.VIEW_PEOPLE)
def screen(request: HttpRequest) -> HttpResponse:
    """数据大屏: the same figures and charts, dark and full-width for a meeting-room display."""
    towns = report_towns(scope_of(request))
    return render(request, "reports/screen.html", _context(request, towns))


@requires(Capability.VIEW_PEOPLE)
def county(request: HttpRequest) -> HttpResponse:
    """Every town of the account's area side by side, sortable by any figure."""
    towns = report_towns(scope_of(request))
    start, end = period_of(request.GET, timezone.localdate())
    columns, rows = county_rows(towns, period_from=start, period_to=end)
    sort = request.GET.get("sort", "")
    rows = sort_rows(rows, columns, sort)
    return render(
        request,
        "reports/county.html",
        {
            "columns": columns,
            "table": [(row, row.cells(columns)) for row in rows],
            "start": start,
            "end": end,
            "sort": sort,
        },
    )


@requires(Capability.VIEW_PEOPLE, Capability.EXPORT)
def county_export(request: HttpRequest) -> HttpResponse:
    towns = report_towns(scope_of(request))
    start, end = period_of(request.GET, timezone.localdate())
    columns, rows = county_rows(towns, period_from=start, period_to=end)
    rows = sort_rows(rows, columns, request.GET.get("sort", ""))
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="towns-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"'
    )
    county_workbook(columns, rows, period_from=start, period_to=end).save(response)
    audit_record(
        action=AuditEntry.Action.EXPORT,
        actor=account_of(request),
        target_repr=_("Towns compared"),
        note=f"{start.isoformat()} – {end.isoformat()}",
    )
    return response


@requires(Capability.VIEW_PEOPLE)
def report(request: HttpRequest) -> HttpResponse:
    """The year report on screen, with its downloads."""
    towns = report_towns(scope_of(request))
    town = _town(request, towns)
    start, end = period_of(request.GET, timezone.localdate())
    document = build_report(town=town, period_from=start, period_to=end, today=timezone.localdate())
    return render(
        request,
        "reports/report.html",
        {"towns": towns, "town": town, "start": start, "end": end, "report": document},
    )


@requires(Capability.VIEW_PEOPLE)
def report_download(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in ("docx", "pdf"):
        raise Http404
    towns = report_towns(scope_of(request))
    town = _town(request, towns)
    start, end = period_of(request.GET, timezone.localdate())
    document = build_report(town=town, period_from=start, period_to=end, today=timezone.localdate())
    if kind == "pdf":
        content, mime = report_pdf(document), "application/pdf"
    else:
        content = report_docx(document)
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(content, content_type=mime)
    ascii_name = f"report-{town.pk}-{start:%Y%m%d}-{end:%Y%m%d}.{kind}"
    name = quote(f"{town.name}基层干部队伍建设报告-{start:%Y%m%d}-{end:%Y%m%d}.{kind}")
    # The Chinese name for browsers that read RFC 6266's filename*, the plain one for the rest.
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{name}"
    )
    audit_record(
        action=AuditEntry.Action.EXPORT,
        actor=account_of(request),
        target=town,
        note=_("Year report %(start)s – %(end)s") % {"start": start, "end": end},
    )
    return response
