"""The reserve life cycle as plain rules: which moves are allowed, and what they mean for the pool.

No ORM here, so the rules are tested on their own.
"""

import datetime

from django.utils.translation import gettext as _

from qunyan.core.dates import day

from .choices import Stage

# Where a stay may go next. 使用 (appointed) and 退出 (left) end a stay; a person who comes back
# starts a new stay, so history is never rewritten.
NEXT_STAGES: dict[str | None, tuple[str, ...]] = {
    None: (Stage.SURVEYED, Stage.RESERVED),
    Stage.SURVEYED: (Stage.RESERVED, Stage.LEFT),
    Stage.RESERVED: (Stage.DEVELOPING, Stage.APPOINTED, Stage.LEFT),
    Stage.DEVELOPING: (Stage.RESERVED, Stage.APPOINTED, Stage.LEFT),
    Stage.APPOINTED: (),
    Stage.LEFT: (),
}

IN_POOL = (Stage.RESERVED, Stage.DEVELOPING)
ENDED = (Stage.APPOINTED, Stage.LEFT)

# Exit reasons of the 后备力量 sheet that mean the person was put to use (使用), not lost.
APPOINTMENT_WORDS = ("当选", "任职", "任村", "选任", "聘任", "提拔")


def move_error(
    current: str | None,
    new: str,
    *,
    since: datetime.date | None,
    on: datetime.date,
    reason: str = "",
) -> str | None:
    """Why a stay cannot move from `current` (reached on `since`) to `new` on `on`, or None."""
    if new not in NEXT_STAGES.get(current, ()):
        if current is None:
            return _("A stay starts as surveyed or in the pool.")
        return _("A stay cannot move from %(current)s to %(new)s.") % {
            "current": Stage(current).label,
            "new": Stage(new).label,
        }
    if since is not None and on < since:
        return _("The date is before the stay's last change (%(date)s).") % {"date": day(since)}
    if new in ENDED and not reason.strip():
        return _("Give the reason the stay ends (appointed as cadre, left for work …).")
    return None


def exit_stage(reason: str) -> str:
    """The stage an exit reason of the workbook means: appointed for an appointment, else left."""
    return Stage.APPOINTED if any(word in reason for word in APPOINTMENT_WORDS) else Stage.LEFT


def stage_for_dates(left_on: datetime.date | None, reason: str) -> str:
    """The current stage of an imported stay (the sheet knows entry and exit only)."""
    return Stage.RESERVED if left_on is None else exit_stage(reason)
