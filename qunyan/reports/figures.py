"""The statistics object as labelled figures: the dashboard's cards, its table and the appendix.

Every value comes straight from `town_statistics`; a figure whose module holds no record for the
town is marked absent so that it reads 暂无数据, never 0.
"""

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from qunyan.core.models import OrgUnit

# Which module's records a top-level key of the statistics depends on (see dashboard.presence).
MODULE_OF = {
    "reserves": "reserves",
    "party_development": "party",
    "returnees.started_business": "talents",
    "returnees.outreach_contacts": "outreach",
    "training": "training",
    "mentoring": "mentoring",
    "commendations": "commendations",
    "ratings": "ratings",
}
SKIPPED = ("town", "from", "to", "as_of")


def module_of(path: str) -> str | None:
    for prefix, module in MODULE_OF.items():
        if path == prefix or path.startswith(prefix + "."):
            return module
    return None


def flatten(stats: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """(dotted path, value) for every figure, in the contract's key order."""
    rows: list[tuple[str, Any]] = []
    for key, value in stats.items():
        if not prefix and key in SKIPPED:
            continue
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            rows += flatten(value, path + ".")
        else:
            rows.append((path, value))
    return rows


def show(value: Any) -> str:
    """A figure as text: lists joined with 、, an empty list as 无."""
    if isinstance(value, list):
        return "、".join(str(item) for item in value) if value else pgettext("statistic", "none")
    return str(value)


# Labels of the fixed paths; lazy so that each lookup translates one string, not all of them.
# In their own context: the same English words are other modules' headings ("Training classes").
FIXED_LABELS = {
    "villages": pgettext_lazy("statistic", "Villages and communities"),
    "reserves.total": pgettext_lazy("statistic", "Reserves in the pool"),
    "reserves.age_35_or_under": pgettext_lazy("statistic", "Reserves aged 35 or under"),
    "reserves.college_or_above": pgettext_lazy(
        "statistic", "Reserves with college education or above"
    ),
    "reserves.young_and_college": pgettext_lazy(
        "statistic", "Reserves aged 35 or under with college education"
    ),
    "reserves.deficient_villages": pgettext_lazy("statistic", "Villages short of reserves"),
    "party_development.new_probationary_members": pgettext_lazy(
        "statistic", "New probationary party members"
    ),
    "party_development.from_reserves": pgettext_lazy("statistic", "New members who were reserves"),
    "returnees.started_business": pgettext_lazy(
        "statistic", "Talents who came home and started a business"
    ),
    "returnees.outreach_contacts": pgettext_lazy("statistic", "Home visits and symposium contacts"),
    "training.classes": pgettext_lazy("statistic", "Training classes"),
    "training.person_times": pgettext_lazy("statistic", "Training attendance (person-times)"),
    "mentoring.mentors": pgettext_lazy("statistic", "Mentors"),
    "mentoring.mentees": pgettext_lazy("statistic", "Young cadres mentored"),
    "commendations.persons": pgettext_lazy("statistic", "People commended"),
}


def label_of(path: str) -> str:
    """The reader's label of a dotted path of the statistics."""
    if path in FIXED_LABELS:
        return str(FIXED_LABELS[path])
    parts = path.split(".")
    if parts[:2] == ["party_development", "by_source"]:
        return pgettext("statistic", "New members from: %(source)s") % {"source": parts[2]}
    if parts[:2] == ["training", "by_programme"]:
        if parts[3] == "classes":
            return pgettext("statistic", "%(programme)s: classes") % {"programme": parts[2]}
        return pgettext("statistic", "%(programme)s: person-times") % {"programme": parts[2]}
    if parts[:2] == ["commendations", "by_authority"]:
        return pgettext("statistic", "Commended by %(authority)s") % {"authority": parts[2]}
    if parts[0] == "ratings":
        return pgettext("statistic", "Rated %(rating)s") % {"rating": parts[1]}
    return path


def first_url(names: list[str], query: dict[str, Any] | None = None) -> str:
    """The first of the candidate list pages that exists (modules grow their own lists)."""
    for name in names:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        return f"{url}?{urlencode(query)}" if query else url
    return ""


@dataclass
class Figure:
    key: str  # the dotted path in the statistics object
    dom: str  # the data-figure attribute the pages and tests use
    label: str
    value: Any
    present: bool
    url: str

    @property
    def text(self) -> str:
        return show(self.value) if self.present else _("No data yet")


def headline_figures(
    stats: dict[str, Any],
    present: dict[str, bool],
    *,
    town: OrgUnit,
    period_from: datetime.date,
    period_to: datetime.date,
) -> list[Figure]:
    """The article's figures, in its order, each linked to the list behind it."""
    period = {"from": period_from.isoformat(), "to": period_to.isoformat()}
    reserves_young = {"identity": "reserve", "age_band": "to35", "education": "college_plus"}
    party = ["party:record-list", "party:development-list", "party:list", "party:index"]
    training = ["training:class-list", "training:list", "training:index"]
    evaluation = ["evaluation:rating-list", "evaluation:ratings", "evaluation:index"]
    honours = ["evaluation:commendation-list", "evaluation:commendations", *evaluation]
    specs: list[tuple[str, str, Any, str]] = [
        (
            "villages",
            "villages",
            stats["villages"],
            first_url(["core:unit-list"], {"town": town.pk}),
        ),
        ("reserves.total", "reserves", None, first_url(["reserves:pool"])),
        (
            "reserves.young_and_college",
            "young-and-college",
            None,
            first_url(["people:person-list"], reserves_young),
        ),
        (
            "reserves.deficient_villages",
            "deficient",
            len(stats["reserves"]["deficient_villages"]),
            first_url(["reserves:worklist", "reserves:survey"]),
        ),
        (
            "party_development.new_probationary_members",
            "new-members",
            None,
            first_url(party, period)
            or first_url(["people:person-list"], {"identity": "party_member"}),
        ),
        (
            "party_development.from_reserves",
            "from-reserves",
            None,
            first_url(party, period) or first_url(["reserves:pool"]),
        ),
        (
            "returnees.started_business",
            "started-business",
            None,
            first_url(["talents:talent-list"], {"status": "started"}),
        ),
        (
            "returnees.outreach_contacts",
            "outreach",
            None,
            first_url(["talents:outreach-list"], period),
        ),
        ("training.classes", "classes", None, first_url(training, period)),
        ("training.person_times", "person-times", None, first_url(training, period)),
        ("mentoring.mentors", "mentors", None, first_url(["mentoring:mentor-list"])),
        ("mentoring.mentees", "mentees", None, first_url(["mentoring:pair-list"])),
        ("commendations.persons", "commended", None, first_url(honours, period)),
    ]
    for word in stats["ratings"]:
        specs.append(
            (
                f"ratings.{word}",
                f"rating-{word}",
                None,
                first_url(evaluation, {"year": period_to.year}),
            )
        )
    figures = []
    for key, dom, value, url in specs:
        if value is None:
            value = lookup(stats, key)
        module = module_of(key)
        figures.append(
            Figure(
                key, dom, label_of(key), value, present.get(module, True) if module else True, url
            )
        )
    return figures


def lookup(stats: dict[str, Any], path: str) -> Any:
    value: Any = stats
    for part in path.split("."):
        value = value[part]
    return value


def table_rows(stats: dict[str, Any], present: dict[str, bool]) -> list[Figure]:
    """Every figure of the statistics, for the dashboard's full table and the appendix."""
    rows = []
    for path, value in flatten(stats):
        module = module_of(path)
        rows.append(
            Figure(
                path, path, label_of(path), value, present.get(module, True) if module else True, ""
            )
        )
    return rows
