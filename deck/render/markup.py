"""Text and attribute values escaped for XML, as lxml writes them (``xml.sax.saxutils`` would do,
but importing it imports ``urllib.request`` too, a tenth of a small build's start)."""

from __future__ import annotations


def escape(text: str) -> str:
    """``text`` as element content."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(text: str) -> str:
    """``text`` as the value of a double-quoted attribute."""
    text = escape(text).replace('"', "&quot;")
    if "\n" in text or "\r" in text or "\t" in text:
        text = text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return text


def quoteattr(text: str) -> str:
    """``text`` as an attribute value, quotes included."""
    return f'"{attr(text)}"'
