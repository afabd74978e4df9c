import datetime
from decimal import Decimal

from qunyan.casework.workflow import (
    close_errors,
    is_case_overdue,
    parse_parties,
    service_errors,
)

TODAY = datetime.date(2026, 3, 10)


def test_a_service_needs_hours_within_a_day(english: None) -> None:
    """Hours are more than 0 and at most 24; a service in the future is refused."""
    assert service_errors(date=TODAY, hours=Decimal("1.5"), served_count=3, today=TODAY) == {}
    errors = service_errors(
        date=TODAY + datetime.timedelta(days=1), hours=Decimal(25), served_count=0, today=TODAY
    )
    assert set(errors) == {"date", "hours", "served_count"}


def test_an_open_case_stands_out_after_the_set_days() -> None:
    """Open for exactly the set days is not yet overdue; one more day is; a result ends it."""
    received = TODAY - datetime.timedelta(days=30)
    assert not is_case_overdue(received_on=received, result="", today=TODAY, alert_days=30)
    older = received - datetime.timedelta(days=1)
    assert is_case_overdue(received_on=older, result="", today=TODAY, alert_days=30)
    assert not is_case_overdue(received_on=older, result="settled", today=TODAY, alert_days=30)


def test_closing_needs_a_result_and_a_day_after_receipt(english: None) -> None:
    errors = close_errors(
        received_on=TODAY,
        result="",
        closed_on=TODAY - datetime.timedelta(days=1),
        follow_up_on=None,
        today=TODAY,
    )
    assert set(errors) == {"result", "closed_on"}
    assert close_errors(
        received_on=TODAY - datetime.timedelta(days=5),
        result="settled",
        closed_on=TODAY,
        follow_up_on=TODAY - datetime.timedelta(days=1),
        today=TODAY,
    ).keys() == {"follow_up_on"}


def test_parties_are_read_one_per_line_with_an_optional_phone() -> None:
    assert parse_parties("张大山 13912345678\n\n李小河\n王五，0746-1234567") == [
        ("张大山", "13912345678"),
        ("李小河", ""),
        ("王五", "0746-1234567"),
    ]
