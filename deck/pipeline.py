"""The build: inputs checked, scenes composed, both backends rendered, outputs written.

The one place that knows every stage; each stage knows only the one before it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from dataclasses import replace as dataclass_replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deck.errors import FitError, InputError, Interrupted, OutputError, Problem

if TYPE_CHECKING:
    from deck.inputs.load import Inputs, Later
    from deck.layout.context import Ctx
    from deck.layout.plan import Plan
from deck.scene import Master, Scene

Progress = Callable[[str, int, int], None]
EXAMPLE = "numerique-sante-2023.yaml"


def example_data() -> Path:
    """The example study: next to the package when installed, in the repository otherwise."""
    here = Path(__file__).parent
    found = [c for c in (here / "data" / EXAMPLE, here.parent / "data" / EXAMPLE) if c.is_file()]
    return found[0] if found else here.parent / "data" / EXAMPLE


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
    rendered: tuple[str, ...] = ()  # the files drawn by this build (the others were unchanged)
    set_aside: tuple[tuple[str, str], ...] = ()  # outputs edited by hand, moved aside: (name, new name)

    @property
    def changes(self) -> list[dict[str, Any]] | None:
        """What changed since the previous build in the same folder (None: there was none)."""
        return self.manifest.get("changes")

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
    ctx: Any = None  # the context they were laid out in


def import_models() -> None:
    """Load the schema models with Ctrl-C held back: pydantic compiles their validators in code that
    swallows an interrupt and leaves a broken validator (a valid study would then be refused). Only
    when needed: a build that finds nothing changed never loads them."""
    from deck.output.disk import signals_held

    with signals_held() as held:
        import deck.inputs.layout_spec
        import deck.inputs.study  # noqa: F401
    if held:
        raise KeyboardInterrupt


def load(data: Path, layout: Path | None = None, later: Later | None = None) -> Inputs:
    """Both files read and checked, the layout against the study too; raises InputError listing
    the problems of every stage: what is readable is also laid out, so a text too long to fit is
    reported with the schema's problems, not after they are fixed. ``later``: see ``load_inputs``."""
    import_models()
    from deck.inputs.load import Inputs, load_inputs
    from deck.layout.plan import check_layout
    from deck.parallel import paused_gc

    try:
        with paused_gc():
            return load_inputs(data, layout, check_layout, later)
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


def compose(
    inputs: Inputs, progress: Progress | None = None, images: bool = True, fitted: tuple[Ctx, list[Plan]] | None = None
) -> Composed:
    """Every scene of the build, laid out and fitted; raises FitError listing every text that cannot
    fit. ``fitted``: the layout context and the slides' plans, known to fit as planned; only the
    images are composed."""
    from deck.layout.compose import Sources, compose_image, compose_slide, context
    from deck.layout.plan import halves, plan_images, plan_slides
    from deck.layout.template import TooTall
    from deck.output.manifest import image_path

    study, spec = inputs.study, inputs.spec
    ctx, placed = fitted or (context(inputs), [])
    sources = Sources(inputs.study_source, inputs.spec_source)
    problems: list[Problem] = []
    slides: list[Scene] = []
    queue = plan_slides(study, spec) if fitted is None else []
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
        except TooTall as cut:  # a poster too long for one image: what fits, then everything after it
            start = plan.panels[0] if plan.panels else 0
            middle = start + cut.fits
            queue = [p for p in queue if not (p.name == plan.name and p.panels)]  # the rest is re-cut from here
            queue[:0] = [replace(plan, panels=(start, middle)), replace(plan, panels=(middle, sections))]
        except FitError as error:
            if (parts := halves(plan)) is None:
                problems += error.problems
            else:
                queue[:0] = [replace(p, name=f"{plan.name}-{k}") for k, p in enumerate(parts, 1)]
    for name, indices in pages.items():  # numbered in order once every page is known
        for number, k in enumerate(indices, 1):
            pictures[k] = replace(pictures[k], path=image_path(f"{name}-{number}"))
    if problems:
        raise FitError(_once_per_text(problems))
    forms = spec.image_formats  # each image in every format the layout asks for
    stems = [p.path.removeprefix("png/").removesuffix(".png") for p in pictures]
    return Composed(slides, [replace(p, path=image_path(s, f)) for p, s in zip(pictures, stems) for f in forms], ctx)


def _once_per_text(problems: list[Problem]) -> list[Problem]:
    """One problem per text that does not fit, however many pages (and halves of pages) tried it."""

    def same(problem: Problem) -> tuple[object, ...]:
        return (problem.file, problem.key, problem.code, problem.message.split(" on ", 1)[0])

    counts: dict[tuple[object, ...], int] = {}
    for problem in problems:
        counts[same(problem)] = counts.get(same(problem), 0) + 1
    out = []
    for problem in problems:
        extra = counts.pop(same(problem), 0) - 1
        if extra >= 0:
            more = f" (and on {extra} more page{'s' * (extra != 1)})" if extra else ""
            out.append(replace(problem, message=problem.message + more))
    return out


def _tick(progress: Progress | None, what: str, done: int, total: int) -> None:
    if progress:
        progress(what, done, total)


def check(data: Path, layout: Path | None = None) -> tuple[Problem, ...]:
    """Validate without writing: raises InputError (or FitError) listing problems; returns warnings."""
    from deck.layout.compose import Sources, context, slides_fit
    from deck.layout.plan import plan_slides
    from deck.parallel import paused_gc

    with paused_gc():
        later: Later = []  # the study's texts and meaning, checked while the slides are laid out
        inputs = load(data, layout, later)
        ctx = context(inputs)
        plans, sources = plan_slides(inputs.study, inputs.spec), Sources(inputs.study_source, inputs.spec_source)
        fit, found = slides_fit(ctx, plans, sources, os.cpu_count() or 1, lambda: [p for c in later for p in c()])
        if any(p.severity == "error" for p in found):
            load(data, layout)  # raises as a check without the overlap does: the layout's problems too
            raise InputError(found)  # (the file changed meanwhile)
        compose(inputs, fitted=(ctx, plans) if fit else None)  # then only the images, or everything one by one
    return tuple(found) + inputs.warnings


def build(
    data: Path | str | None = None,
    layout: Path | str | None = None,
    out: Path | str = "out",
    progress: Progress | None = None,
    review: bool = False,
    pdf: bool = False,
    strict: bool = False,
    images: bool = True,
    replace: bool = False,
    keep_edited: bool = False,
    only: str | None = None,
    jobs: int | None = None,
    optimize: bool = False,
) -> BuildResult:
    """Build the deck, the infographics (unless ``images`` is false) and the manifest into ``out``.

    Nothing in ``out`` changes unless the whole build succeeds. A build without images is a build
    of the deck alone: the images an earlier build of the study made stay as they are. ``only`` (a
    section id, or an image such as ``png/01-usages.png``) rebuilds that alone and leaves every other
    output as the previous build left it. ``jobs``: processes drawing images (default: one per core);
    ``optimize``: images compressed harder (the same pixels in smaller files, more slowly); ``pdf``:
    the deck as PDF too, through LibreOffice; ``strict``: a warning is an error.
    """
    from deck.inputs import reads
    from deck.output.fingerprint import options_key, record

    data_path, layout_path = Path(data) if data else example_data(), Path(layout) if layout else None
    request = options_key(
        data_path, layout_path, {"images": images, "optimize": optimize, "review": review, "pdf": pdf, "strict": strict}
    )
    if only is None and not keep_edited:
        same = _unchanged_build(Path(out), request)
        if same is not None:
            return same
    import_models()  # before anything that imports them
    from deck.layout.compose import inputs_master
    from deck.layout.digest import digest
    from deck.output.changes import compare_builds
    from deck.output.disk import signals_held, told_truly
    from deck.output.images import form_key, start_images
    from deck.output.manifest import (
        deck_properties,
        image_entry,
        lang_tag,
        render_key,
        scene_digest,
        slide_entry,
        statistics_entries,
    )
    from deck.output.previous import previous_manifest
    from deck.output.reuse import kept, previous_slides, previous_thumbnail, reusable, scope
    from deck.output.write import output_lock, write_outputs
    from deck.parallel import paused_gc

    inputs = load(data_path, layout_path)
    if strict and inputs.warnings:  # every warning an error: nothing is written
        raise InputError([dataclass_replace(w, severity="error") for w in inputs.warnings])
    files_read = reads.read()  # as read now: a file saved during the build is a change for the next
    with paused_gc():
        composed = compose(inputs, progress, images=images)
    meta = inputs.study.meta
    name = f"{meta.id}.pptx"
    master = inputs_master(inputs)  # a slide made on another master or template is not reused
    key = render_key(inputs.logo.path if inputs.logo else None) + "|" + lang_tag(meta.locale) + "|" + repr(master)
    slides = [slide_entry(i, s, scene_digest(s, key)) for i, s in enumerate(composed.slides, 1)]
    properties = deck_properties(inputs.study)
    deck_digest = scene_digest(tuple(s["digest"] for s in slides), key + repr(sorted(properties.items())))
    out_path = Path(out)
    state = {"written": False}
    with told_truly(state), output_lock(out_path) as recovered:
        previous = previous_manifest(out_path)
        if previous and previous.get("study") != meta.id and not replace:
            raise OutputError(
                f"{out_path} holds the outputs of another study ('{previous.get('study')}'); build "
                f"'{meta.id}' into a folder of its own (--out), or add --replace to replace that study's outputs"
            )
        old = reusable(out_path, previous)
        files: dict[str, bytes] = {}
        rendered: list[str] = []
        entries = []
        data_digest = digest(inputs.study, inputs.cells)
        if only is not None:  # everything else stays as the previous build left it
            sections = list(dict.fromkeys(sc.section for sc in composed.slides if sc.section))
            deck_too, wanted = scope(
                only, sections, [(i.path, i.scene.section) for i in composed.images], previous, meta.id
            )
            assert previous is not None
            left = kept(out_path, previous, deck_too, wanted)
            files.update(left[0])
            entries = left[1]
            if not deck_too:
                slides, deck_digest, data_digest = previous["slides"], previous["deck_digest"], previous["data"]
            composed = dataclass_replace(composed, images=[i for i in composed.images if i.path in wanted])
        elif not images and previous and previous.get("study") == meta.id:  # the deck alone: images stay
            files, entries = kept(out_path, previous, True, set())
        png_key = key + ("|optimized" if optimize else "")
        digests = [scene_digest(i.scene, png_key + i.preset + form_key(i.path)) for i in composed.images]
        todo = [image for image, digest_ in zip(composed.images, digests) if digest_ not in old]
        with start_images(todo, jobs, optimize) as drawing:  # the images are drawn while the deck is made
            if name not in files and deck_digest in old:
                files[name] = old[deck_digest]
            elif name not in files:
                made = previous_slides(old, previous)
                reuse = {i: made[s["digest"]] for i, s in enumerate(slides) if s["digest"] in made}
                thumb = previous_thumbnail(old, previous, slides[0]["digest"]) if slides else None
                files[name], drawn = _render_deck(inputs, composed, master, properties, reuse, jobs, thumb)
                rendered += [f"{name}#{i + 1}" for i in drawn]
            files.update(zip((image.path for image in todo), drawing.results()))
        rendered += [image.path for image in todo]
        for image, digest_ in zip(composed.images, digests):
            files.setdefault(image.path, old.get(digest_, b""))
            entries.append(image_entry(image.path, image.preset, image.scene, files[image.path], digest_))
        manifest: dict[str, Any] = {
            "study": meta.id,
            "title": meta.title,
            "locale": meta.locale,
            "deck": name,
            "deck_digest": deck_digest,
            "slides": slides,
            "images": sorted(entries, key=lambda e: _order(e["path"], previous, composed)),
            "data": data_digest,
            "statistics": statistics_entries(composed.ctx),
        }
        if only is None:  # what this build read: the next one can tell at once that nothing changed
            manifest["inputs"] = record(request, files_read, inputs.warnings)
        manifest["changes"] = compare_builds(previous, manifest) if previous else None
        if review or pdf:  # through LibreOffice, once for both
            from deck.output.review import office_files

            files.update(office_files(name, files[name], manifest, review, pdf))
        with signals_held() as held:  # once the new outputs are in, an interrupt says so (never "nothing")
            written = write_outputs(out_path, files, manifest, keep_edited)
            state["written"] = True
        if held:
            raise Interrupted(written=True)
        return BuildResult(
            out_path,
            out_path / name,
            [out_path / e["path"] for e in written.manifest["images"]],
            written.manifest,
            inputs.warnings,
            tuple(written.kept),
            tuple(written.removed),
            recovered,
            tuple(rendered),
            tuple(written.set_aside),
        )


def _unchanged_build(out: Path, request: str) -> BuildResult | None:
    """The previous build in ``out`` when it read exactly what this one would and its outputs are
    as it wrote them: nothing is loaded, composed or drawn. None when anything differs."""
    from deck.output.fingerprint import unchanged_build, warnings_of

    manifest = unchanged_build(out, request)
    if manifest is None:
        return None
    images = [out / entry["path"] for entry in manifest.get("images", [])]
    return BuildResult(out, out / manifest["deck"], images, manifest, warnings_of(manifest["inputs"]))


def _order(path: str, previous: dict[str, Any] | None, composed: Composed) -> int:
    """Images listed as the build makes them, those left in place where they were."""
    order = [i.path for i in composed.images] + [e["path"] for e in (previous or {}).get("images", [])]
    return order.index(path) if path in order else len(order)


def _render_deck(
    inputs: Inputs,
    composed: Composed,
    master: Master,
    properties: dict[str, str],
    reuse: dict[int, Any],
    jobs: int | None,
    thumbnail: bytes | None = None,
) -> tuple[bytes, list[int]]:
    """The deck, and which slides (by position) were rendered: the others are ``reuse``'s."""
    from deck.output.manifest import lang_tag
    from deck.render.pptx import render_deck

    return render_deck(
        composed.slides,
        reuse=reuse,
        workers=jobs or os.cpu_count() or 1,
        master=master,
        lang=lang_tag(inputs.study.meta.locale),
        properties=properties,
        thumbnail=thumbnail,
    )
