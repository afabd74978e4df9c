"""The parts of a person's page: each module adds the identity it keeps (cadre, reserve, member …).

A module registers a section in its AppConfig.ready(); the person page shows them in order, so
the registry does not need to know the modules built on it.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunyan.core.dates import day

from .models import Person

Cells = Sequence[Any]


@dataclass(frozen=True)
class PersonSection:
    key: str
    title: str | Promise
    order: int
    rows: Callable[[Person], Sequence[Cells]]


_sections: dict[str, PersonSection] = {}


def register_section(section: PersonSection) -> None:
    _sections[section.key] = section


def person_sections(person: Person) -> list[tuple[PersonSection, Sequence[Cells]]]:
    """Every registered section with its rows for this person, in display order."""
    return [
        (section, section.rows(person))
        for section in sorted(_sections.values(), key=lambda s: s.order)
    ]


def span(start: datetime.date | None, end: datetime.date | None, open_label: str) -> str:
    return f"{day(start)} – {day(end) if end else open_label}"


def _cadre_rows(person: Person) -> list[Cells]:
    return [
        (term.village.name, term.post, span(term.started_on, term.ended_on, _("serving")))
        for term in person.cadre_terms.select_related("village").order_by("-started_on")
    ]


register_section(PersonSection("cadre", gettext_lazy("Two-committee posts"), 10, _cadre_rows))
