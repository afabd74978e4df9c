"""Field types of request bodies: text the database can store, days in the registry's range."""

import datetime
from typing import Annotated

from ninja import Field

from .pagination import FIRST_DAY, LAST_DAY

# PostgreSQL text cannot hold NUL: refuse it at the door (422) rather than fail on write.
NO_NUL = r"^[^\x00]*$"
# Ids as the database stores them; larger numbers name nothing.
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
Day = Annotated[datetime.date, Field(ge=FIRST_DAY, le=LAST_DAY)]
# Text of at most so many characters (the column's length).
Text20 = Annotated[str, Field(max_length=20, pattern=NO_NUL)]
Text30 = Annotated[str, Field(max_length=30, pattern=NO_NUL)]
Text50 = Annotated[str, Field(max_length=50, pattern=NO_NUL)]
Text60 = Annotated[str, Field(max_length=60, pattern=NO_NUL)]
Text200 = Annotated[str, Field(max_length=200, pattern=NO_NUL)]
Text500 = Annotated[str, Field(max_length=500, pattern=NO_NUL)]
Text2000 = Annotated[str, Field(max_length=2000, pattern=NO_NUL)]
Version = Annotated[
    str,
    Field(
        max_length=40,
        pattern=NO_NUL,
        description="the `version` read with the record; a stale one is refused with 409",
    ),
]
