"""The plan of a build: which page each slide and image is, and what the layout spec asks that
the study cannot give (unknown names, templates that cannot show a section, figures left out)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from deck.errors import Key, Problem, did_you_mean
from deck.inputs.brand import Brand
from deck.inputs.layout_spec import ImageSpec, LayoutSpec, Placement
from deck.inputs.source import SourceMap
from deck.inputs.study import Breakdown, Item, Quote, Ranking, Section, Stat, Study
from deck.layout.brand import brand_problems, deck_theme
from deck.layout.readability import theme_problems
from deck.layout.templates import AUTO, PAGES, SECTIONS, choose, names

SLIDE_SIZE = (960.0, 540.0)  # points: 13.333 × 7.5 in
SLIDE_SIZES = {"16:9": SLIDE_SIZE, "4:3": (720.0, 540.0)}  # 10 × 7.5 in
PRESETS: dict[str, tuple[float, float]] = {  # points; a height of 0 grows with the content
    "newsletter": (960.0, 600.0),
    "square": (720.0, 720.0),
    "social": (960.0, 540.0),
    "portrait": (720.0, 900.0),  # 4:5, for social feeds
    "poster": (800.0, 0.0),
}
POSTER_MAX_HEIGHT = 10_000.0  # points: 15,000 px at the poster's scale; a taller poster is cut into pages


@dataclass(frozen=True)
class Plan:
    """One page to make: a slide, or an image in a preset size."""

    template: str  # a section or page template's name, never "auto"
    section: Section | None
    title: str | None = None
    preset: str = "slide"
    name: str = ""  # images: the file's stem, "01-usages-square"
    index: int | None = None  # position in the layout's `slides`, for messages about its title
    items: tuple[int, ...] | None = None  # the section's items this page shows (None: all of them)
    part: int = 1  # 2 and more: the section continued on another page
    auto: bool = False  # the template was chosen from the content: the page may be split if it does not fit
    panels: tuple[int, int] | None = None  # a poster cut into pages: the range of sections this page shows

    @property
    def title_key(self) -> Key:
        """Where a problem with this page's own title points: into the layout spec."""
        return ("slides", self.index, "title") if self.title and self.index is not None else ()

    def view(self) -> Section | None:
        """The section as this page shows it: only its items for this page."""
        if self.section is None or self.items is None:
            return self.section
        return self.section.model_copy(update={"items": [self.section.items[i] for i in self.items]})


FIGURE_KINDS = ("stat", "breakdown", "ranking", "quote")
PLAIN = "stat-grid"  # a stat with all its waves in words: where a figure goes when a chart has no room


def split(section: Section, template: str = AUTO) -> list[tuple[str, tuple[int, ...] | None]]:
    """The pages a section needs: with a named template, one page; with ``auto``, as many pages as it
    takes to show every figure and quote, each with the template that suits what is left."""
    if template != AUTO:
        return [(template, None)]
    kinds = [item.kind for item in section.items]
    todo = [i for i, kind in enumerate(kinds) if kind in FIGURE_KINDS]
    headings = [i for i, kind in enumerate(kinds) if kind == "heading"]
    notes = [i for i, kind in enumerate(kinds) if kind == "note"]
    parts: list[tuple[str, tuple[int, ...] | None]] = []
    while todo:
        keep = tuple(sorted(todo + headings + (notes if not parts else [])))
        whole = len(keep) == len(kinds)  # the first page of most sections: all of it, no copy needed
        view = section if whole else section.model_copy(update={"items": [section.items[i] for i in keep]})
        name = choose(view, leading=section.items[todo[0]])  # the first figure left leads the next page
        shown = {id(item) for item in SECTIONS[name].shows(view)}
        taken = [i for i in todo if id(section.items[i]) in shown]
        if not taken:  # no template shows what is left (cannot happen with the shipped templates)
            break
        todo = [i for i in todo if i not in taken]
        others = sub_heads(section, taken) + (notes if not parts else [])
        parts.append((name, tuple(sorted(taken + others)) if todo or parts else None))
    return parts or [(choose(section), None)]


def sub_heads(section: Section, figures: list[int]) -> list[int]:
    """The `heading` items the given figures come under (the nearest heading above each)."""
    headings = [i for i, item in enumerate(section.items) if item.kind == "heading"]
    if not headings:
        return []
    return sorted({max((h for h in headings if h < i), default=-1) for i in figures} - {-1})


def plan_slides(study: Study, spec: LayoutSpec) -> list[Plan]:
    by_id = {s.id: s for s in study.sections}
    if spec.slides is None:  # the title, every section chosen automatically, the methodology
        described = bool(study.methodology or study.sources)  # no methodology slide with nothing to say
        count = len(study.sections)
        plans = [
            *_plans("title", None, None, 0),
            *(p for i, s in enumerate(study.sections, 1) for p in _plans(AUTO, s, None, i)),
            *(_plans("methodology", None, None, count + 1) if described else []),
        ]
    else:
        entries = spec.slides
        plans = [p for i, e in enumerate(entries) for p in _plans(e.template, by_id.get(e.section or ""), e.title, i)]
    placed = {p.section.id for p in plans if p.section}
    omit = spec.slides is not None and spec.others == "omit"
    missing = [] if omit else [p for s in study.sections if s.id not in placed for p in _plans(AUTO, s)]
    tail = len(plans)
    while tail > 0 and plans[tail - 1].section is None and plans[tail - 1].template != "title":
        tail -= 1
    return plans[:tail] + missing + plans[tail:]


def _plans(template: str, section: Section | None, title: str | None = None, index: int | None = None) -> list[Plan]:
    if section is None:
        return [Plan(template, None, title, index=index)]
    return [
        Plan(name, section, title if part == 1 else None, index=index, items=items, part=part, auto=template == AUTO)
        for part, (name, items) in enumerate(split(section, template), 1)
    ]


def halves(plan: Plan) -> list[Plan] | None:
    """A page chosen automatically that does not fit, as two pages of half its figures each (each with
    the template that suits its half), or None when it shows a single figure and cannot be split."""
    section = plan.section
    if section is None or not plan.auto:
        return None
    indices = plan.items if plan.items is not None else tuple(range(len(section.items)))
    figures = [i for i in indices if section.items[i].kind in FIGURE_KINDS]
    if len(figures) < 2:  # one figure: the plainest template that shows it, if it is not that already
        single = [section.items[i] for i in figures]
        if plan.template == PLAIN or not single or single[0].kind != "stat":
            return None
        return [replace(plan, template=PLAIN)]
    notes = [i for i in indices if section.items[i].kind == "note"]
    cut = len(figures) // 2
    out: list[Plan] = []
    for k, chunk in enumerate((figures[:cut], figures[cut:])):
        keep = sorted(chunk + sub_heads(section, chunk) + (notes if k == 0 else []))
        view = section.model_copy(update={"items": [section.items[i] for i in keep]})
        for name, items in split(view):  # each half as pages that show all of it
            chosen = tuple(keep[i] for i in items) if items is not None else tuple(keep)
            first = not out
            out.append(
                replace(
                    plan, template=name, items=chosen, part=plan.part + len(out), title=plan.title if first else None
                )
            )
    return out


def plan_images(study: Study, spec: LayoutSpec, slides: list[Plan] | None = None) -> list[Plan]:
    """The images the layout asks for; a section's images follow its ``slides`` (as composed)."""
    slides = plan_slides(study, spec) if slides is None else slides
    by_section: dict[int, list[Plan]] = {}
    for page in slides:
        if page.section is not None:
            by_section.setdefault(id(page.section), []).append(page)
    plans = [p for entry in spec.infographics for p in _image_plans(entry, study.sections, by_section)]
    taken: set[str] = set()
    out = []
    for plan in plans:
        name = plan.name if plan.name not in taken else f"{plan.name}-{plan.template}"
        n = 2
        while name in taken:  # the same image asked for again: a name of its own
            name, n = f"{plan.name}-{plan.template}-{n}", n + 1
        taken.add(name)
        out.append(replace(plan, name=name))
    return out


def _image_plans(entry: ImageSpec, sections: list[Section], slides: dict[int, list[Plan]]) -> Iterator[Plan]:
    """The images of one entry; ``slides`` are each section's pages, by the section's ``id()``."""
    preset = entry.size
    if entry.template in PAGES:
        own_name = preset in ("poster", "newsletter")
        yield Plan(entry.template, None, None, preset, entry.template + ("" if own_name else f"-{preset}"))
        return
    suffix = "" if preset == "newsletter" else f"-{preset}"
    for number, section in enumerate(sections, 1):
        if entry.section not in ("all", section.id):
            continue
        stem = f"{number:02d}-{section.id}"
        if entry.template != AUTO:  # the template the entry names
            yield Plan(entry.template, section, None, preset, stem + suffix)
            continue
        pages = slides.get(id(section)) or _plans(AUTO, section)  # as on its slides
        for page in pages:
            name = stem + (f"-{page.part}" if page.part > 1 else "") + suffix
            yield replace(page, title=None, preset=preset, name=name, index=None)


def check_layout(spec: LayoutSpec, study: Study, src: SourceMap, brand: Brand | None = None) -> list[Problem]:
    """Every problem of the layout spec against this study, located in the spec."""
    problems: list[Problem] = []
    sections = {s.id: s for s in study.sections}
    placed: set[str] = set()
    shown: dict[str, list[Item]] = {}
    first_key: dict[str, Key] = {}
    groups: list[tuple[str, Sequence[Placement]]] = [("slides", spec.slides or []), ("infographics", spec.infographics)]
    for field, entries in groups:
        medium = "slide" if field == "slides" else "image"
        for i, entry in enumerate(entries):
            key: Key = (field, i)
            found = _check_entry(entry, key, medium, sections, src)
            if isinstance(found, Problem):
                problems.append(found)
            elif found is not None and medium == "slide":
                placed.add(found.id)
                first_key.setdefault(found.id, key)
                if entry.template == AUTO:  # auto continues on more slides: it shows everything
                    shown.setdefault(found.id, []).extend(found.items)
                else:
                    shown.setdefault(found.id, []).extend(SECTIONS[entry.template].shows(found))
    problems += _left_out(shown, sections, first_key, src)
    known = ["default", *SECTIONS, *(name for name, t in PAGES.items() if "slide" in t.media)]
    problems += [
        src.problem(
            ("template_layouts", name),
            f"'{name}' is not a slide template",
            did_you_mean(name, known) or "give `default` or one of: " + ", ".join(known),
        )
        for name in spec.template_layouts
        if name not in known
    ]
    problems += brand_problems(brand, spec, src) if brand else []
    problems += [
        src.problem(("theme",), found.message, found.hint, warning=True, code="theme-readability")
        for found in theme_problems(deck_theme(spec, brand))
    ]
    if spec.slides is not None and spec.others == "auto":
        problems += [
            src.problem(
                ("slides",),
                f"section '{sid}' is on no slide",
                f"it is added after the other sections with template '{choose(s)}'; place it to choose where, "
                "or write `others: omit` to leave out every section `slides` does not name",
                warning=True,
                code="section-left-out",
            )
            for sid, s in sections.items()
            if sid not in placed
        ]
    return problems


def _check_entry(
    entry: Placement, key: Key, medium: str, sections: dict[str, Section], src: SourceMap
) -> Problem | Section | None:
    """The section an entry shows, a problem with the entry, or None (a page, or every section)."""
    valid = names("slide" if medium == "slide" else "image")
    if entry.template not in valid:
        hint = did_you_mean(entry.template, valid) or f"use one of: {', '.join(valid)}"
        return src.problem(key + ("template",), f"unknown template '{entry.template}'", hint, code="unknown-template")
    preset = getattr(entry, "preset", None)
    if preset and (preset == "poster") != (entry.template == "poster"):
        message, hint = (
            ("the poster is one long image of its own size", "remove `preset:`")
            if entry.template == "poster"
            else ("preset 'poster' is the poster's own size", "use 'newsletter', 'square' or 'social'")
        )
        return src.problem(key + ("preset",), message, hint, code="wrong-preset")
    needs_section = entry.template in SECTIONS or entry.template == AUTO
    section_id = entry.section
    if needs_section and section_id is None:
        hint = f"add `section:` with one of: {', '.join(sections)}"
        return src.problem(key, f"template '{entry.template}' needs a `section`", hint, code="needs-section")
    if section_id is None or (medium == "image" and section_id == "all"):
        return None
    if not needs_section:
        return src.problem(key + ("section",), f"template '{entry.template}' takes no section", "remove `section:`")
    if section_id not in sections:
        hint = did_you_mean(section_id, list(sections)) or f"sections: {', '.join(sections)}"
        return src.problem(key + ("section",), f"unknown section '{section_id}'", hint, code="unknown-section")
    section = sections[section_id]
    name = choose(section) if entry.template == AUTO else entry.template
    if why := SECTIONS[name].lacks(section):
        message = f"template '{name}' cannot show section '{section_id}': it {why}"
        return src.problem(key + ("template",), message, f"try '{choose(section)}'", code="cannot-show")
    return section if medium == "slide" else None


def _left_out(
    shown: dict[str, list[Item]], sections: dict[str, Section], first_key: dict[str, Key], src: SourceMap
) -> list[Problem]:
    problems = []
    for sid, items in shown.items():
        left = [i for i in sections[sid].items if isinstance(i, _FIGURES) and not any(i is s for s in items)]
        if left:
            problems.append(
                src.problem(
                    first_key[sid] + ("template",),
                    f"no slide shows {', '.join(_item_name(i) for i in left)} of section '{sid}'",
                    f"'{choose(sections[sid])}' may show more, or add a slide for them",
                    warning=True,
                    code="figure-left-out",
                )
            )
    return problems


_FIGURES = (Stat, Breakdown, Ranking, Quote)


def _item_name(item: Item) -> str:
    if isinstance(item, (Stat, Breakdown, Ranking)):
        return f"{item.kind} '{item.id}'"
    return f"{item.kind} '{item.text[:30]}…'"
