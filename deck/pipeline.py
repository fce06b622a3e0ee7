"""The build: inputs checked, scenes composed, both backends rendered, outputs written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deck.errors import FitError, Problem
from deck.inputs.layout_spec import PRESETS, SLIDE_SIZE
from deck.inputs.load import Inputs, load_inputs
from deck.scene import Scene

Progress = Callable[[str, int, int], None]
EXAMPLE = "numerique-sante-2023.yaml"


def example_data() -> Path:
    """The example study: next to the package when installed, in the repository otherwise."""
    here = Path(__file__).parent
    for candidate in (here / "data" / EXAMPLE, here.parent / "data" / EXAMPLE):
        if candidate.is_file():
            return candidate
    return here.parent / "data" / EXAMPLE


@dataclass(frozen=True)
class BuildResult:
    out: Path
    deck: Path
    images: list[Path]
    manifest: dict[str, Any]
    warnings: tuple[Problem, ...]

    @property
    def slide_count(self) -> int:
        return len(self.manifest["slides"])


@dataclass(frozen=True)
class Composed:
    slides: list[Scene]
    images: list[tuple[str, str, Scene]]  # (file name, preset, scene)


def compose(inputs: Inputs, progress: Progress | None = None) -> Composed:
    """Every scene of the build, laid out and fitted; raises FitError if a text cannot fit."""
    from deck.layout.compose import compose_image, compose_slide, plan_images, plan_slides

    slide_plans, image_plans = plan_slides(inputs), plan_images(inputs)
    total = len(slide_plans) + len(image_plans)
    problems: list[Problem] = []
    slides = []
    for i, plan in enumerate(slide_plans, 1):
        _tick(progress, f"slide {i}", i, total)
        try:
            slides.append(compose_slide(inputs, plan, i))
        except FitError as error:
            problems += error.problems
    images = []
    for j, plan in enumerate(image_plans, 1):
        _tick(progress, plan.name, len(slide_plans) + j, total)
        try:
            images.append((plan.name, plan.preset, compose_image(inputs, plan)))
        except FitError as error:
            problems += error.problems
    if problems:
        raise FitError(problems)
    return Composed(slides, images)


def _tick(progress: Progress | None, what: str, done: int, total: int) -> None:
    if progress:
        progress(what, done, total)


def check(data: Path, layout: Path | None = None) -> tuple[Problem, ...]:
    """Validate without writing: raises InputError (or FitError) listing problems; returns warnings."""
    inputs = load_inputs(data, layout)
    compose(inputs)
    return inputs.warnings


def build(
    data: Path | str | None = None,
    layout: Path | str | None = None,
    out: Path | str = "out",
    progress: Progress | None = None,
    review: bool = False,
) -> BuildResult:
    """Build the deck, the infographics and the manifest into ``out``.

    Nothing in ``out`` changes unless the whole build succeeds.
    """
    from deck.layout.theme import make_theme
    from deck.output.write import output_lock, write_outputs
    from deck.render.png import render_png
    from deck.render.pptx import render_pptx

    data_path = Path(data) if data else example_data()
    inputs = load_inputs(data_path, Path(layout) if layout else None)
    composed = compose(inputs, progress)
    study = inputs.study
    name = f"{study.study.id}.pptx"
    files: dict[str, bytes] = {}
    files[name] = render_pptx(
        composed.slides,
        width=SLIDE_SIZE[0],
        height=SLIDE_SIZE[1],
        lang=_lang_tag(study.study.locale),
        font=make_theme(inputs.spec.theme, inputs.logo).font_name,
        properties=_properties(inputs),
    )
    image_entries: list[dict[str, Any]] = []
    for file_name, preset, scene in composed.images:
        scale = PRESETS[preset][2]
        path = f"png/{file_name}"
        files[path] = render_png(scene, scale)
        image_entries.append(
            {
                "path": path,
                "section": scene.section,
                "template": scene.template,
                "preset": preset,
                "width": round(scene.width * scale),
                "height": round(scene.height * scale),
                "alt": scene.alt,
                "figures": _values(scene),
            }
        )
    manifest = {
        "study": study.study.id,
        "title": study.study.title,
        "locale": study.study.locale,
        "deck": name,
        "slides": [
            {"index": i, "section": s.section, "template": s.template, "figures": _values(s)}
            for i, s in enumerate(composed.slides, 1)
        ],
        "images": image_entries,
    }
    if review:
        from deck.output.review import review_files

        files.update(review_files(name, files[name], manifest))
    out_path = Path(out)
    with output_lock(out_path):
        manifest = write_outputs(out_path, files, manifest)
    return BuildResult(
        out_path, out_path / name, [out_path / e["path"] for e in image_entries], manifest, inputs.warnings
    )


def _values(scene: Scene) -> list[dict[str, Any]]:
    return [{"id": fid, "value": value} for fid, value in scene.figures]


def _lang_tag(locale: str) -> str:
    lang = locale.replace("_", "-")
    return lang if "-" in lang else {"fr": "fr-FR", "en": "en-GB", "de": "de-DE"}.get(lang, lang)


def _properties(inputs: Inputs) -> dict[str, str]:
    meta = inputs.study.study
    date = "2000-01-01T00:00:00Z"
    for method in inputs.study.methodology:
        if method.fieldwork and method.fieldwork.end:
            date = f"{method.fieldwork.end.isoformat()}T00:00:00Z"
            break
    return {"title": meta.title, "subject": meta.subtitle or "", "keywords": ", ".join(meta.institutes), "date": date}
