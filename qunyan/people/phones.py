"""Phone numbers: mainland mobiles (11 digits) or landlines with an area code."""

import re
import unicodedata

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


def normalise_phone(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).strip()
    text = re.sub(r"[\s()（）]", "", text)
    if text.startswith("+86"):
        text = text[3:]
    return text


def is_valid_phone(value: str) -> bool:
    return bool(_MOBILE.match(value) or _LANDLINE.match(value))
