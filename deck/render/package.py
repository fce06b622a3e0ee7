"""Office packages made reproducible: fixed zip timestamps and document dates."""

from __future__ import annotations

import re

FIXED_TIME = (2000, 1, 1, 0, 0, 0)
FIXED_DATE = "2000-01-01T00:00:00Z"
_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def fixed_dates(core: bytes, date: str) -> bytes:
    """A core properties part whose creation and modification dates are ``date``."""
    return _DATES.sub(lambda m: m.group(1) + date.encode() + m.group(2), core)
