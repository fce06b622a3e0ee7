"""Make Office packages reproducible: fixed zip timestamps and document dates, stable order."""

from __future__ import annotations

import io
import re
import zipfile

FIXED_TIME = (2000, 1, 1, 0, 0, 0)
FIXED_DATE = "2000-01-01T00:00:00Z"
_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def fixed_dates(core: bytes, date: str) -> bytes:
    """A core properties part whose creation and modification dates are ``date``."""
    return _DATES.sub(lambda m: m.group(1) + date.encode() + m.group(2), core)


def normalize_package(blob: bytes, date: str = FIXED_DATE) -> bytes:
    """Rewrite a zip package (pptx, xlsx) so that identical content gives identical bytes."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith("core.xml"):
                data = fixed_dates(data, date)
            elif info.filename.endswith(".xlsx"):
                data = normalize_package(data)
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)
    return out.getvalue()
