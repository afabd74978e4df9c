"""Duties' part of a person's page: duties in force, the profile's wishes, three-chief seats."""

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunyan.people.models import Person
from qunyan.people.sections import Cells, PersonSection, register_section, span

from .choices import trait_labels
from .models import ChiefPost, Wish
from .selectors import chief_labels, person_duties


def _duties(person: Person) -> Sequence[Cells]:
    rows: list[Cells] = [
        (
            a.division.village.name,
            _("duty: %(duty)s") % {"duty": a.duty_name},
            _("version %(version)d, score %(score)d")
            % {"version": a.division.version, "score": a.score},
        )
        for a in person_duties(person)
    ]
    profile = getattr(person, "duty_profile", None)
    if profile is not None:
        wishes = Wish.objects.filter(profile=profile).select_related("duty").order_by("rank")
        rows.append(
            (
                _("wishes"),
                "、".join(f"{w.rank}. {w.duty.name}" for w in wishes) or "—",
                "、".join(trait_labels(profile.traits)),
            )
        )
    posts = ChiefPost.objects.filter(person=person).select_related("group__parent", "group__town")
    for post in posts.order_by("-started_on"):
        labels = chief_labels(post.group.town) if post.group.town else {}
        rows.append(
            (
                f"{post.group.parent.name if post.group.parent else ''} {post.group.name}",
                labels.get(post.role, post.role),
                span(post.started_on, post.ended_on, _("serving")),
            )
        )
    return rows


register_section(PersonSection("duties", gettext_lazy("Duties and three-chief seats"), 15, _duties))
