"""The reserve life cycle rules, without a database."""

import datetime
import itertools

import pytest

from qunyan.reserves.choices import Stage
from qunyan.reserves.workflow import exit_stage, move_error, stage_for_dates

DAY = datetime.date(2023, 3, 1)


@pytest.mark.parametrize("first", [Stage.SURVEYED, Stage.RESERVED])
def test_a_stay_starts_surveyed_or_in_the_pool(first):
    """摸排 or 储备 are the only ways in."""
    assert move_error(None, first, since=None, on=DAY) is None


@pytest.mark.parametrize("first", [Stage.DEVELOPING, Stage.APPOINTED, Stage.LEFT])
def test_a_stay_cannot_start_in_development_or_ended(first, english):
    """Nobody is appointed from outside the pool."""
    assert "starts as surveyed or in the pool" in move_error(None, first, since=None, on=DAY)


def test_the_full_cycle_is_allowed_in_order():
    """摸排 → 储备 → 培养 → 使用."""
    path = [Stage.SURVEYED, Stage.RESERVED, Stage.DEVELOPING, Stage.APPOINTED]
    for current, new in itertools.pairwise(path):
        assert move_error(current, new, since=DAY, on=DAY, reason="当选村干部") is None


@pytest.mark.parametrize("ended", [Stage.APPOINTED, Stage.LEFT])
def test_an_ended_stay_goes_nowhere(ended, english):
    """After 使用 or 退出 a returning person starts a new stay; history is not rewritten."""
    for new in Stage.values:
        assert "cannot move" in move_error(ended, new, since=DAY, on=DAY, reason="x")


def test_a_change_cannot_be_dated_before_the_last_one(english):
    """Dates only move forward; the same day is fine."""
    before = DAY - datetime.timedelta(days=1)
    assert "before the stay's last change" in move_error(
        Stage.RESERVED, Stage.DEVELOPING, since=DAY, on=before
    )
    assert move_error(Stage.RESERVED, Stage.DEVELOPING, since=DAY, on=DAY) is None


def test_ending_a_stay_needs_a_reason(english):
    """Appointed as cadre, left for work, civil servant …: the reason is kept."""
    assert "reason" in move_error(Stage.RESERVED, Stage.LEFT, since=DAY, on=DAY, reason=" ")


@pytest.mark.parametrize(
    ("reason", "stage"),
    [
        ("当选村干部", Stage.APPOINTED),
        ("任村干部", Stage.APPOINTED),
        ("外出务工", Stage.LEFT),
        ("考录公务员", Stage.LEFT),
    ],
)
def test_the_exit_reason_tells_appointment_from_leaving(reason, stage):
    """The sheet's 出库原因 decides between 使用 and 退出."""
    assert exit_stage(reason) == stage
    assert stage_for_dates(DAY, reason) == stage


def test_a_stay_without_an_exit_date_is_in_the_pool():
    """No 出库日期: 储备."""
    assert stage_for_dates(None, "") == Stage.RESERVED
