"""returnees of `qunyan stats`: business starts and outreach contacts in the closed period."""

import datetime

import pytest

from qunyan.people.tests.factories import make_person
from qunyan.reports.selectors import returnees
from qunyan.talents.choices import Occasion, OutreachWay
from qunyan.talents.services import outreach_upsert, outside_talents_upsert

pytestmark = pytest.mark.django_db

D = datetime.date
FROM, TO = D(2021, 1, 1), D(2023, 12, 31)
DAY = datetime.timedelta(days=1)


def talent(unit, *, started):
    person = make_person(unit)
    returned = started - datetime.timedelta(days=30) if started else None
    outside_talents_upsert(
        records=[
            {
                "person_id": person.pk,
                "town_id": person.town_id,
                "place": "深圳",
                "trade": "物流",
                "returned_on": returned,
                "business_started_on": started,
                "business_project": "",
            }
        ],
        by=None,
    )
    return person


def contact(person, day):
    outreach_upsert(
        records=[
            {
                "person_id": person.pk,
                "date": day,
                "way": OutreachWay.SYMPOSIUM,
                "occasion": Occasion.OTHER,
                "notes": "",
            }
        ],
        by=None,
    )


def test_started_business_counts_starts_within_the_closed_period(niupingao, yangjiaotang):
    """Starts on the first and last day count; before, after and never do not."""
    for started in (FROM, TO, FROM - DAY, TO + DAY, None):
        talent(niupingao, started=started)
    assert (
        returnees([yangjiaotang], period_from=FROM, period_to=TO)[yangjiaotang.pk][
            "started_business"
        ]
        == 2
    )


def test_outreach_contacts_are_the_rows_dated_in_the_period(niupingao, dongcun, yangjiaotang):
    """Every contact of the town in the period is one, even several with the same person."""
    person = talent(niupingao, started=None)
    for day in (FROM, D(2022, 1, 28), TO, FROM - DAY, TO + DAY):
        contact(person, day)
    contact(talent(dongcun, started=None), D(2022, 1, 28))  # another town's
    assert (
        returnees([yangjiaotang], period_from=FROM, period_to=TO)[yangjiaotang.pk][
            "outreach_contacts"
        ]
        == 3
    )
