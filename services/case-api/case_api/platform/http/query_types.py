"""Query parameter types stricter than pydantic's lax parsing of query strings."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import BeforeValidator

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_iso_date(value: object) -> bool:
    return isinstance(value, str) and _ISO_DATE.fullmatch(value) is not None


def _iso_date_only(value: object) -> object:
    # Lax parsing reads "0" as 1970-01-01 (a Unix time): the document promises format: date.
    if isinstance(value, str) and not is_iso_date(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


QueryDate = Annotated[date, BeforeValidator(_iso_date_only)]
