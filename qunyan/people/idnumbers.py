"""Resident ID numbers (公民身份号码, GB 11643-1999): normalising, checking, what they encode."""

import datetime
import unicodedata
from dataclasses import dataclass

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"


class InvalidIdNumber(ValueError):
    """The text is not a valid resident ID number; the message says why."""


@dataclass(frozen=True)
class IdNumber:
    value: str
    birth_date: datetime.date
    gender: str  # "M" or "F"


def normalise(raw: str) -> str:
    """Full-width to half-width, spaces removed, x to X."""
    return unicodedata.normalize("NFKC", raw).replace(" ", "").strip().upper()


def check_digit(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def parse_id_number(raw: str, *, today: datetime.date | None = None) -> IdNumber:
    """Validate an 18-character ID; raises InvalidIdNumber with a reason code as message."""
    value = normalise(raw)
    if len(value) != 18:
        raise InvalidIdNumber("length")
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise InvalidIdNumber("characters")
    try:
        birth = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError as exc:
        raise InvalidIdNumber("birth_date") from exc
    if birth.year < 1900 or birth > (today or datetime.date.today()):
        raise InvalidIdNumber("birth_date")
    if check_digit(value[:17]) != value[17]:
        raise InvalidIdNumber("check_digit")
    return IdNumber(value=value, birth_date=birth, gender="M" if int(value[16]) % 2 else "F")


def mask_id_number(value: str) -> str:
    """431181********123X: region code and the last four, nothing that dates a birthday."""
    if len(value) < 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """138****1234 for mobiles; landlines keep the area code and the last four (0746-***4567)."""
    digits = value.strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    if digits.startswith("0"):
        # Area codes: 010 and 02x have three digits, all others four.
        area = digits.split("-")[0] if "-" in digits else digits[: 3 if digits[1] in "12" else 4]
        rest = digits[len(area) :]
        return area + "".join("*" if c.isdigit() else c for c in rest[:-4]) + rest[-4:]
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def make_id_number(region: str, birth: datetime.date, sequence: int, gender: str) -> str:
    """Build a valid ID (for demo and synthetic data): sequence 0–499, parity from gender."""
    seq = sequence * 2 + (1 if gender == "M" else 0)
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_digit(first17)
