"""What a build takes over from the previous one in its folder: outputs whose page did not change
(not drawn again), and, with ``--only``, every output outside what is rebuilt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from deck.errors import UsageError, did_you_mean
from deck.output.previous import read_output


def reusable(out: Path, previous: dict[str, Any] | None) -> dict[str, bytes]:
    """The previous build's deck and images, by the digest of what they show, when the file on disk
    is still the one deck wrote: these are not rendered again."""
    if not previous:
        return {}
    wanted = [(previous.get("deck_digest"), previous.get("deck"))]
    wanted += [(i.get("digest"), i.get("path")) for i in previous.get("images", [])]
    recorded = {f["path"]: f["sha256"] for f in previous.get("files", [])}
    out_files: dict[str, bytes] = {}
    for digest_, path in wanted:
        if isinstance(digest_, str) and isinstance(path, str) and path in recorded:
            blob = read_output(out, path, recorded[path])
            if blob is not None:
                out_files[digest_] = blob
    return out_files


def scope(
    only: str, sections: list[str], images: list[tuple[str, str | None]], previous: dict[str, Any] | None, study: str
) -> tuple[bool, set[str]]:
    """What ``--only`` rebuilds: a section (the deck, which is one file, and the section's images),
    or one image (``images``: each image's path and section); raises UsageError for anything else."""
    if not previous or previous.get("study") != study:
        raise UsageError(f"--only {only}: the output folder holds no previous build of '{study}'; build it whole first")
    paths = [path for path, _ in images]
    if only in sections:
        return True, {path for path, section in images if section == only}
    if only in paths:
        return False, {only}
    hint = did_you_mean(only, sections + paths) or f"sections: {', '.join(sections)}; images: {', '.join(paths)}"
    raise UsageError(f"--only {only}: no section or image of that name; {hint}")


def kept(
    out: Path, previous: dict[str, Any], deck_too: bool, wanted: set[str]
) -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    """The previous build's outputs that ``--only`` leaves in place, with their manifest entries."""
    recorded = {f["path"]: f["sha256"] for f in previous.get("files", [])}
    files: dict[str, bytes] = {}
    entries = []
    if not deck_too:
        blob = read_output(out, previous["deck"], recorded.get(previous["deck"], ""))
        if blob is None:
            raise UsageError(f"--only: {out / previous['deck']} is missing or was changed; build the study whole")
        files[previous["deck"]] = blob
    for entry in previous.get("images", []):
        if entry["path"] in wanted:
            continue
        blob = read_output(out, entry["path"], recorded.get(entry["path"], ""))
        if blob is not None:
            files[entry["path"]] = blob
            entries.append(entry)
    return files, entries


def previous_thumbnail(old: dict[str, bytes], previous: dict[str, Any] | None, first: str) -> bytes | None:
    """The previous deck's thumbnail, when its first slide showed what this deck's first (digest
    ``first``) shows: it is not drawn again."""
    import io
    import zipfile

    slides = previous.get("slides", []) if previous else []
    blob = old.get(previous.get("deck_digest", "")) if previous else None
    if blob is None or not slides or not isinstance(slides[0], dict) or slides[0].get("digest") != first:
        return None
    try:
        return zipfile.ZipFile(io.BytesIO(blob)).read("docProps/thumbnail.jpeg")
    except (KeyError, zipfile.BadZipFile):
        return None


def previous_slides(old: dict[str, bytes], previous: dict[str, Any] | None) -> dict[str, Any]:
    """The previous deck's slides (as fragments) by the digest of what they show, taken from
    ``old`` (what :func:`reusable` read and checked): these slides are not rendered again."""
    from deck.render.assemble import slides_of

    blob = old.get(previous.get("deck_digest", "")) if previous else None
    if blob is None or previous is None:
        return {}
    digests = [s.get("digest") for s in previous.get("slides", []) if isinstance(s, dict)]
    try:
        fragments = slides_of(blob)
    except Exception:  # a deck this version cannot take apart is simply rendered again
        return {}
    if len(fragments) != len(digests):
        return {}
    return {d: f for d, f in zip(digests, fragments) if isinstance(d, str)}
