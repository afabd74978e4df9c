"""Cell parsers for the exchange workbook: each turns a raw cell into a value or raises CellError.

Messages are in the user's language; the engine adds the sheet, row and column.
"""

import datetime
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

Cell = Any
Parser = Callable[[Cell], Any]


class CellError(ValueError):
    """A cell's value is not acceptable; the message says why, for the user."""


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def text(value: Cell) -> str:
    """A cell as trimmed text with full-width letters and digits folded (NFKC)."""
    if type(value) is str:  # the usual cell, at once: blank or not, it is its trimmed self
        return value.strip()
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()[:10]
    return str(value).strip()


def folded(value: Cell) -> str:
    return unicodedata.normalize("NFKC", text(value)).strip()


def text_parser(max_length: int) -> Parser:
    def parse(value: Cell) -> str:
        result = text(value)
        if len(result) > max_length:
            raise CellError(
                _("Too long: at most %(n)d characters, this has %(m)d.")
                % {"n": max_length, "m": len(result)}
            )
        return result

    return parse


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)


def date_value(value: Cell) -> datetime.date | None:
    """A date cell, or text YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日."""
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = folded(value)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(raw)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                raise CellError(_("%(value)s is not a real date.") % {"value": raw}) from None
    raise CellError(
        _("%(value)s is not a date; write it as 2023-12-31, 2023/12/31 or 2023年12月31日.")
        % {"value": raw}
    )


def id_text(value: Cell) -> str:
    """An ID number cell as text; a number cell has lost digits and cannot be trusted."""
    if isinstance(value, float | int) and not isinstance(value, bool):
        raise CellError(
            _(
                "The ID number was stored as a number and may have lost digits; "
                "format the column as text and type it again."
            )
        )
    return folded(value).replace(" ", "").upper()


def choice_parser(words: Mapping[str, str], aliases: Mapping[str, str] | None = None) -> Parser:
    """A cell that must be one of the contract's words (or an accepted alias)."""
    lookup = {**(aliases or {}), **words}

    def parse(value: Cell) -> str:
        raw = folded(value)
        if raw == "":
            return ""
        try:
            return lookup[raw]
        except KeyError:
            raise CellError(
                _("%(value)s is not one of: %(allowed)s.")
                % {"value": raw, "allowed": "、".join(words)}
            ) from None

    return parse


def money(value: Cell) -> Decimal | None:
    """Yuan, exact to the fen."""
    if is_blank(value):
        return None
    raw = folded(value).replace(",", "")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise CellError(_("%(value)s is not an amount of money.") % {"value": raw}) from None
    if amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise CellError(_("An amount is not negative and has at most two decimals."))
    return amount.quantize(Decimal("0.01"))


def year(value: Cell) -> int | None:
    if is_blank(value):
        return None
    raw = folded(value).removesuffix("年")
    if not raw.isdigit() or not 1949 <= int(raw) <= 2100:
        raise CellError(_("%(value)s is not a year.") % {"value": raw})
    return int(raw)


def yes_no(value: Cell) -> bool | None:
    if is_blank(value):
        return None
    raw = folded(value)
    if raw in ("是", "Y", "y", "1", "TRUE", "True"):
        return True
    if raw in ("否", "N", "n", "0", "FALSE", "False"):
        return False
    raise CellError(_("%(value)s: write 是 or 否.") % {"value": raw})
