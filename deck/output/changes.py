"""The change report: what a build changed since the previous one in the same folder (or what a
data file changed since another), as entries a program can read and lines a person can."""

from __future__ import annotations

import math
from typing import Any

Change = dict[str, Any]


def compare_data(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Figures whose value changed (or that came or went), changes whose sign flipped, texts edited."""
    out: list[Change] = []
    before, after = old.get("figures", {}), new.get("figures", {})
    for fid in [*after, *(f for f in before if f not in after)]:
        was, now = before.get(fid), after.get(fid)
        if was is None or now is None:
            entry = now or was
            assert entry is not None
            out.append(_figure(fid, entry, was, now))
            continue
        only_change = now.get("value") is None  # a wave published as a change: the change is the figure
        if was.get("value") != now.get("value") or (only_change and was.get("change") != now.get("change")):
            out.append(_figure(fid, now, was, now))
        flipped = _sign(was.get("change")) * _sign(now.get("change")) < 0
        if flipped:
            out.append(
                {
                    "kind": "sign",
                    "id": fid,
                    "section": now["section"],
                    "label": now["label"],
                    "old": was["change"],
                    "new": now["change"],
                    "unit": now.get("unit", ""),
                }
            )
    texts_before, texts_after = old.get("texts", {}), new.get("texts", {})
    for key in [*texts_after, *(k for k in texts_before if k not in texts_after)]:
        if texts_before.get(key) != texts_after.get(key):
            what = "added" if key not in texts_before else "removed" if key not in texts_after else "edited"
            out.append({"kind": "text", "key": key, "what": what})
    return out


def compare_builds(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Everything that changed between two manifests: the data, then each slide and image."""
    out = compare_data(old.get("data", {}), new.get("data", {}))
    slides_before, slides_after = _slides(old), _slides(new)
    for key in [*slides_after, *(k for k in slides_before if k not in slides_after)]:
        was, now = slides_before.get(key), slides_after.get(key)
        if was is None or now is None or was["digest"] != now["digest"]:
            what = "added" if was is None else "removed" if now is None else "changed"
            entry = now or was
            assert entry is not None
            where = entry.get("section") or entry.get("template")
            out.append({"kind": "slide", "what": what, "index": entry["index"], "section": where})
    images_before = {i["path"]: i for i in old.get("images", [])}
    images_after = {i["path"]: i for i in new.get("images", [])}
    for path in [*images_after, *(p for p in images_before if p not in images_after)]:
        was, now = images_before.get(path), images_after.get(path)
        if was is None or now is None or was.get("digest") != now.get("digest"):
            what = "added" if was is None else "removed" if now is None else "changed"
            out.append({"kind": "image", "what": what, "path": path})
    return out


def _slides(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Slides by what they show (a section's first, second… page; a page template), not by position,
    so that a slide added in front does not make every later one "changed"."""
    out: dict[str, dict[str, Any]] = {}
    for slide in manifest.get("slides", []):
        base = slide.get("section") or slide.get("template", "")
        n = 1
        while f"{base}#{n}" in out:
            n += 1
        out[f"{base}#{n}"] = slide
    return out


def _figure(fid: str, entry: dict[str, Any], was: dict[str, Any] | None, now: dict[str, Any] | None) -> Change:
    return {
        "kind": "figure",
        "id": fid,
        "section": entry["section"],
        "label": entry["label"],
        "old": None if was is None else _number(was),
        "new": None if now is None else _number(now),
        "unit": entry.get("unit", ""),
        **({"cell": entry["cell"]} if entry.get("cell") else {}),
    }


def _number(entry: dict[str, Any]) -> float | None:
    return entry["value"] if entry.get("value") is not None else entry.get("change")


def _sign(value: float | None) -> int:
    return 0 if value is None or value == 0 or math.isnan(value) else (1 if value > 0 else -1)


def lines(changes: list[Change]) -> list[str]:
    """The report as a person reads it, one change a line."""
    out = []
    for c in changes:
        match c["kind"]:
            case "figure":
                label = _short(c["label"])
                if c["old"] is None:
                    out.append(f"figure {c['id']} added ({c['section']}, “{label}”): {_show(c['new'], c['unit'])}")
                elif c["new"] is None:
                    was = _show(c["old"], c["unit"])
                    out.append(f"figure {c['id']} removed ({c['section']}, “{label}”): was {was}")
                else:
                    old, new = _show(c["old"], c["unit"]), _show(c["new"], c["unit"])
                    cell = f" [{c['cell']}]" if c.get("cell") else ""
                    out.append(f"figure {c['id']} ({c['section']}, “{label}”): {old} → {new}{cell}")
            case "sign":
                unit = "pts" if c["unit"] == "%" else c["unit"]
                old, new = _signed(c["old"], unit), _signed(c["new"], unit)
                out.append(f"change of {c['id']} ({c['section']}) turned round: {old} → {new}")
            case "text":
                out.append(f"text {c['key']} {c['what']}")
            case "slide":
                where = f" ({c['section']})" if c.get("section") else ""
                out.append(f"slide {c['index']}{where} {c['what']}")
            case "image":
                out.append(f"image {c['path']} {c['what']}")
    return out


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _show(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    text = f"{value:g}"
    return f"{text} {unit}" if unit in ("%", "€", "£", "$") else f"{text} {unit}".strip()


def _signed(value: float, unit: str) -> str:
    return f"{value:+g} {unit}".replace("-", "\u2212").strip()
