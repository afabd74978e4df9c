"""Words for the solver's data: score parts, hard rules and reasons, in the reader's language."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from .solver import Reason

PART_LABELS = {
    "education": gettext_lazy("Education"),
    "skills": gettext_lazy("Skills"),
    "wishes": gettext_lazy("Wishes"),
    "personality": gettext_lazy("Personality"),
    "experience": gettext_lazy("Experience"),
}

RULE_LABELS = {
    "pinned": gettext_lazy("pinned by the officer"),
    "gender_F": gettext_lazy("women only"),
    "gender_M": gettext_lazy("men only"),
    "party_only": gettext_lazy("party members only"),
    "only_eligible": gettext_lazy("no one else may take it"),
    "at_cap": gettext_lazy("has the most duties one person may take"),
    "only_woman": gettext_lazy("the only woman on the committee"),
}

BLOCK_LABELS = {
    "gender": gettext_lazy("gender rule"),
    "party": gettext_lazy("party members only"),
    "ban": gettext_lazy("excluded by the officer"),
}

CHIEF_WHY = {
    "reserve": gettext_lazy("reserve"),
    "party_member": gettext_lazy("party member"),
    "in_group": gettext_lazy("lives in the group"),
    "seated": gettext_lazy("already holds a seat"),
}


def rule_labels(codes: list[str]) -> list[str]:
    return [str(RULE_LABELS.get(code, code)) for code in codes]


def _list(items: list[Any]) -> str:
    return pgettext("list separator", "; ").join(str(i) for i in items)


def reason_text(reason: Reason) -> str:
    """One reason a village has no division, as a sentence."""
    p = reason.params
    code = reason.code
    if code == "no_cadres":
        return _("The village has no serving two-committee members.")
    if code == "no_duties":
        return _("The town's duty catalogue is empty.")
    if code == "no_woman":
        return _("The committee must include a woman, and no serving member is a woman.")
    if code == "duty_short":
        rules = _list([BLOCK_LABELS.get(r, r) for r in p["rules"]])
        return ngettext(
            "%(duty)s needs %(need)d person; only %(eligible)d may take it (%(rules)s).",
            "%(duty)s needs %(need)d people; only %(eligible)d may take it (%(rules)s).",
            p["need"],
        ) % {**p, "rules": rules}
    if code == "places_over_cap":
        return _(
            "The duties need %(places)d places, but %(people)d people taking at most "
            "%(cap)d duties each fill only %(most)d."
        ) % {**p, "most": p["people"] * p["cap"]}
    if code == "people_over_places":
        return (
            _(
                "Each of the %(people)d people must take at least %(min)d duty, but the duties "
                "have only %(places)d places."
            )
            % p
        )
    if code == "pin_not_allowed":
        return _("%(cadre)s is pinned to %(duty)s but may not take it (%(rules)s).") % {
            **p,
            "rules": _list([BLOCK_LABELS.get(r, r) for r in p["rules"]]),
        }
    if code == "pins_over_cap":
        return _("%(cadre)s is pinned to %(pins)d duties; at most %(cap)d are allowed.") % p
    if code == "pins_over_need":
        return _("%(pins)d people are pinned to %(duty)s, which needs %(need)d.") % p
    if code == "conflict":
        return _("These rules cannot all hold at once: %(rules)s.") % {
            "rules": _list([rule_text(c, params) for c, params in p["rules"]])
        }
    return code


def rule_text(code: str, p: dict[str, Any]) -> str:
    """One hard rule of the model, as the conflict explanation names it."""
    if code == "rule_cover":
        return (
            ngettext(
                "%(duty)s is taken by %(need)d person",
                "%(duty)s is taken by %(need)d people",
                p["need"],
            )
            % p
        )
    if code == "rule_cap":
        return _("%(cadre)s takes at most %(cap)d duties") % p
    if code == "rule_min":
        return _("%(cadre)s takes at least %(min)d duty") % p
    if code == "rule_woman":
        return _("a woman takes a duty")
    if code == "rule_pin":
        return _("%(cadre)s takes %(duty)s (pinned)") % p
    return code


def reasons_text(reasons: list[Reason]) -> list[str]:
    return [reason_text(r) for r in reasons]
