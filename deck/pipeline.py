"""The build: inputs checked, scenes composed, both backends rendered, outputs written.

The one place that knows every stage; each stage knows only the one before it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deck.errors import FitError, InputError, Problem
from deck.inputs.load import Inputs, load_inputs

if TYPE_CHECKING:
    from deck.layout.plan import Plan
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
    kept: tuple[str, ...] = ()  # outputs this build no longer makes, kept because they were edited
    removed: tuple[str, ...] = ()  # outputs this build no longer makes, removed
    recovered: str = ""  # what was done about an earlier build that was interrupted while writing

    @property
    def slide_count(self) -> int:
        return len(self.manifest["slides"])


@dataclass(frozen=True)
class Image:
    path: str  # relative to the output folder: "png/01-usages.png"
    preset: str
    scene: Scene


@dataclass(frozen=True)
class Composed:
    slides: list[Scene]
    images: list[Image]


def load(data: Path, layout: Path | None = None) -> Inputs:
    """Both files read and checked, the layout against the study too; raises InputError listing
    the problems of every stage: what is readable is also laid out, so a text too long to fit is
    reported with the schema's problems, not after they are fixed."""
    from deck.layout.plan import check_layout

    try:
        return load_inputs(data, layout, check_layout)
    except InputError as error:
        if not isinstance(error.partial, Inputs):
            raise
        try:
            compose(error.partial)
        except FitError as fit:
            more = [p for p in fit.problems if p not in error.problems]
            raise InputError(error.problems + error.warnings + more) from None
        except Exception:  # noqa: BLE001 - the partial study is a best effort; its own problems are reported
            pass
        raise


def compose(inputs: Inputs, progress: Progress | None = None, images: bool = True) -> Composed:
    """Every scene of the build, laid out and fitted; raises FitError listing every text that cannot fit."""
    from deck.layout.compose import Sources, compose_image, compose_slide, make_ctx
    from deck.layout.plan import halves, plan_images, plan_slides
    from deck.layout.template import TooTall
    from deck.layout.theme import make_theme
    from deck.output.manifest import image_path

    study, spec = inputs.study, inputs.spec
    ctx = make_ctx(study, make_theme(spec.theme, inputs.logo))
    sources = Sources(inputs.study_source, inputs.spec_source)
    problems: list[Problem] = []
    slides: list[Scene] = []
    placed: list[Plan] = []
    queue = plan_slides(study, spec)
    while queue:  # a page chosen automatically that does not fit is split in two
        plan = queue.pop(0)
        _tick(progress, f"slide {len(slides) + 1}", len(slides) + 1, len(slides) + 1 + len(queue))
        try:
            slides.append(compose_slide(ctx, plan, len(slides) + 1, sources))
            placed.append(plan)
        except FitError as error:
            if (parts := halves(plan)) is None:
                problems += error.problems
            else:
                queue[:0] = parts
    pictures: list[Image] = []
    queue = plan_images(study, spec, placed) if images else []
    sections = sum(1 for p in placed if p.section)
    pages: dict[str, list[int]] = {}  # a poster cut into pages: its name, its pages among the pictures
    while queue:  # likewise for images: their size is not a slide's
        plan = queue.pop(0)
        path = image_path(plan.name)
        _tick(progress, path, len(slides) + len(pictures) + 1, len(slides) + len(pictures) + 1 + len(queue))
        try:
            pictures.append(Image(path, plan.preset, compose_image(ctx, plan, placed, sources, f"image {path}")))
            if plan.panels is not None:
                pages.setdefault(plan.name, []).append(len(pictures) - 1)
        except TooTall as cut:  # a poster too long for one image: its first pages, then the rest
            start, stop = plan.panels or (0, sections)
            middle = start + cut.fits
            queue[:0] = [replace(plan, panels=(start, middle)), replace(plan, panels=(middle, stop))]
        except FitError as error:
            if (parts := halves(plan)) is None:
                problems += error.problems
            else:
                queue[:0] = [replace(p, name=f"{plan.name}-{k}") for k, p in enumerate(parts, 1)]
    for name, indices in pages.items():  # numbered in order once every page is known
        for number, k in enumerate(indices, 1):
            pictures[k] = replace(pictures[k], path=image_path(f"{name}-{number}"))
    if problems:
        raise FitError(problems)
    return Composed(slides, pictures)


def _tick(progress: Progress | None, what: str, done: int, total: int) -> None:
    if progress:
        progress(what, done, total)


def check(data: Path, layout: Path | None = None) -> tuple[Problem, ...]:
    """Validate without writing: raises InputError (or FitError) listing problems; returns warnings."""
    inputs = load(data, layout)
    compose(inputs)
    return inputs.warnings


def build(
    data: Path | str | None = None,
    layout: Path | str | None = None,
    out: Path | str = "out",
    progress: Progress | None = None,
    review: bool = False,
    images: bool = True,
) -> BuildResult:
    """Build the deck, the infographics (unless ``images`` is false) and the manifest into ``out``.

    Nothing in ``out`` changes unless the whole build succeeds. A build without images is a build
    of the deck alone: images an earlier build wrote into ``out`` are removed like any output the
    build no longer makes.
    """
    from deck.layout.plan import SLIDE_SIZE
    from deck.layout.theme import make_theme
    from deck.output.manifest import PIXELS_PER_POINT, image_entry, slide_entry
    from deck.output.write import output_lock, write_outputs
    from deck.render.pptx import render_pptx

    inputs = load(Path(data) if data else example_data(), Path(layout) if layout else None)
    composed = compose(inputs, progress, images=images)
    meta = inputs.study.meta
    name = f"{meta.id}.pptx"
    files: dict[str, bytes] = {}
    files[name] = render_pptx(
        composed.slides,
        width=SLIDE_SIZE[0],
        height=SLIDE_SIZE[1],
        lang=_lang_tag(meta.locale),
        font=make_theme(inputs.spec.theme, inputs.logo).font_name,
        properties=_properties(inputs),
    )
    if composed.images:
        from deck.render.png import render_png  # matplotlib loads only when images are drawn

        for image in composed.images:
            files[image.path] = render_png(image.scene, PIXELS_PER_POINT[image.preset])
    manifest = {
        "study": meta.id,
        "title": meta.title,
        "locale": meta.locale,
        "deck": name,
        "slides": [slide_entry(i, s) for i, s in enumerate(composed.slides, 1)],
        "images": [image_entry(i.path, i.preset, i.scene, files[i.path]) for i in composed.images],
    }
    if review:
        from deck.output.review import review_files

        files.update(review_files(name, files[name], manifest))
    out_path = Path(out)
    with output_lock(out_path) as recovered:
        written = write_outputs(out_path, files, manifest)
    return BuildResult(
        out_path,
        out_path / name,
        [out_path / i.path for i in composed.images],
        written.manifest,
        inputs.warnings,
        tuple(written.kept),
        tuple(written.removed),
        recovered,
    )


def recover(out: Path | str) -> str:
    """Finish or roll back a write that was interrupted in ``out``; says what was done."""
    from deck.output.write import output_lock

    with output_lock(Path(out)) as recovered:
        return recovered


def _lang_tag(locale: str) -> str:
    lang = locale.replace("_", "-")
    return lang if "-" in lang else {"fr": "fr-FR", "en": "en-GB", "de": "de-DE"}.get(lang, lang)


def _properties(inputs: Inputs) -> dict[str, str]:
    meta = inputs.study.meta
    date = "2000-01-01T00:00:00Z"
    for method in inputs.study.methodology:
        if method.fieldwork and method.fieldwork.end:
            date = f"{method.fieldwork.end.isoformat()}T00:00:00Z"
            break
    return {"title": meta.title, "subject": meta.subtitle or "", "keywords": ", ".join(meta.institutes), "date": date}
