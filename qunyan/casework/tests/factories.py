"""Service records, cases and images for tests, written through the casework services."""

import datetime
import io
from decimal import Decimal
from typing import Any

from PIL import Image

from qunyan.casework.choices import CaseType
from qunyan.casework.mediation import CaseData, case_save
from qunyan.casework.models import MediationCase, ServiceCategory, ServiceRecord
from qunyan.casework.selectors import categories_of
from qunyan.casework.services import ServiceData, service_save
from qunyan.core.models import OrgUnit
from qunyan.core.scopes import Scope
from qunyan.people.models import Person
from qunyan.people.tests.factories import make_person


def category(town: OrgUnit, name: str = "政策宣讲") -> ServiceCategory:
    return categories_of(town=town).get(name=name)


def member(village: OrgUnit, name: str = "刘红") -> Person:
    """A party member of the village (team members come from party members and reserves)."""
    return make_person(village, name=name, political_status="cpc")


def make_service(
    village: OrgUnit,
    *,
    date: datetime.date = datetime.date(2026, 3, 2),
    category_name: str = "政策宣讲",
    hours: str = "2",
    served_count: int = 5,
    servers: list[Person] | None = None,
    group: OrgUnit | None = None,
    **extra: Any,
) -> ServiceRecord:
    assert village.town is not None
    return service_save(
        data=ServiceData(
            village=village,
            group=group,
            category=category(village.town, category_name),
            date=date,
            summary=extra.pop("summary", "讲解医保政策"),
            hours=Decimal(hours),
            served_count=served_count,
            place=extra.pop("place", "村部"),
        ),
        servers=servers or [],
        by=None,
        scope=Scope.unrestricted(),
    )


def make_case(
    village: OrgUnit,
    *,
    received_on: datetime.date = datetime.date(2026, 3, 1),
    title: str = "宅基地边界纠纷",
    mediators: list[Person] | None = None,
    parties: tuple[tuple[str, str], ...] = (("张大山", "13912345678"), ("李小河", "")),
    group: OrgUnit | None = None,
) -> MediationCase:
    return case_save(
        data=CaseData(
            village=village,
            group=group,
            title=title,
            case_type=CaseType.NEIGHBOURS,
            received_on=received_on,
        ),
        mediators=mediators or [],
        parties=parties,
        by=None,
        scope=Scope.unrestricted(),
    )


def image_bytes(
    width: int = 3000, height: int = 2000, fmt: str = "JPEG", exif: bool = True
) -> bytes:
    """A photo as a phone takes it: large, with EXIF (camera model, orientation)."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    out = io.BytesIO()
    if exif and fmt == "JPEG":
        data = Image.Exif()
        data[0x0110] = "QunyanPhone 1"  # camera model
        image.save(out, fmt, exif=data.tobytes())
    else:
        image.save(out, fmt)
    return out.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
