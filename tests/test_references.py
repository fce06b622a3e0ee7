"""Each infographic template against its reference image, with a tolerance.

A change beyond the tolerance fails and keeps the new image and a difference image under
``out/test-failures/references/``. To accept the new look after reviewing them:

    make references        # python -m pytest tests/test_references.py --update-references
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from PIL import Image, ImageChops

pytestmark = pytest.mark.xdist_group("example-builds")

REFERENCES = ROOT / "tests" / "references"
FAILURES = ROOT / "out" / "test-failures" / "references"
SCALE = 0.5  # references are stored at half size to keep the repository small
MEAN_TOLERANCE = 1.5  # mean absolute difference per channel, 0-255
PIXEL_TOLERANCE = 0.004  # share of pixels that may differ by more than 48


@pytest.fixture(scope="module")
def images(shipped) -> dict[str, Path]:
    shutil.rmtree(FAILURES, ignore_errors=True)  # only this run's failures are kept
    found: dict[str, Path] = {}
    for layout in sorted((ROOT / "layouts").glob("*.yaml")):
        result = shipped(layout)
        for entry in result.manifest["images"]:
            key = f"{layout.stem}-{Path(entry['path']).stem}"
            found[key] = result.out / entry["path"]
    return found


def _small(path: Path) -> Image.Image:
    with Image.open(path) as image:
        size = (round(image.width * SCALE), round(image.height * SCALE))
        return image.convert("RGB").resize(size, Image.LANCZOS)


def test_every_image_matches_its_reference(images: dict[str, Path], request: pytest.FixtureRequest):
    update = request.config.getoption("--update-references")
    failures = []
    for key, path in sorted(images.items()):
        new = _small(path)
        reference = REFERENCES / f"{key}.png"
        if update:
            REFERENCES.mkdir(parents=True, exist_ok=True)
            new.quantize(256, dither=Image.Dither.NONE).save(reference, optimize=True)
            continue
        if not reference.is_file():
            failures.append(f"{key}: no reference image; run `make references` after looking at {path}")
            continue
        with Image.open(reference) as old_image:
            old = old_image.convert("RGB")
        if old.size != new.size:
            failures.append(f"{key}: size {new.size} differs from the reference's {old.size}")
            _keep(key, new, None)
            continue
        diff = ImageChops.difference(old, new)
        mean, share, where = _worst_tile(diff.convert("L"))
        if mean > MEAN_TOLERANCE or share > PIXEL_TOLERANCE:
            failures.append(f"{key}: near {where} px, mean difference {mean:.2f}, {share:.2%} of pixels changed")
            _keep(key, new, diff)
    assert not failures, "\n".join(failures + [f"new and difference images are in {FAILURES}"])


def test_references_have_no_orphans(images: dict[str, Path]):
    stored = {p.stem for p in REFERENCES.glob("*.png")}
    assert stored <= set(images), f"references no image matches: {sorted(stored - set(images))}"


def _worst_tile(diff: Image.Image, tile: int = 240) -> tuple[float, float, tuple[int, int]]:
    """The largest change in any tile, so that a local change in a long poster is not diluted."""
    worst = (0.0, 0.0, (0, 0))
    for top in range(0, diff.height, tile):
        for left in range(0, diff.width, tile):
            histogram = diff.crop((left, top, min(left + tile, diff.width), min(top + tile, diff.height))).histogram()
            total = sum(histogram)
            mean = sum(level * count for level, count in enumerate(histogram)) / total
            share = sum(histogram[49:]) / total
            if (mean, share) > worst[:2]:
                worst = (mean, share, (round(left / SCALE), round(top / SCALE)))
    return worst


def _keep(key: str, new: Image.Image, diff: Image.Image | None) -> None:
    FAILURES.mkdir(parents=True, exist_ok=True)
    new.save(FAILURES / f"{key}-new.png")
    if diff is not None:
        diff.point(lambda v: min(255, v * 4)).save(FAILURES / f"{key}-diff.png")
