"""The plan of a build: which page each slide and image is, and what the layout spec asks that
the study cannot give (unknown names, templates that cannot show a section, figures left out)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from deck.errors import Key, Problem, did_you_mean
from deck.inputs.layout_spec import ImageSpec, LayoutSpec, Placement, SlideSpec
from deck.inputs.source import SourceMap
from deck.inputs.study import Breakdown, Item, Quote, Ranking, Section, Stat, Study
from deck.layout.templates import AUTO, PAGES, SECTIONS, choose, names

SLIDE_SIZE = (960.0, 540.0)  # points: 13.333 × 7.5 in
PRESETS: dict[str, tuple[float, float]] = {  # points; a height of 0 grows with the content
    "newsletter": (960.0, 600.0),
    "square": (720.0, 720.0),
    "social": (960.0, 540.0),
    "poster": (800.0, 0.0),
}


@dataclass(frozen=True)
class Plan:
    """One page to make: a slide, or an image in a preset size."""

    template: str  # a section or page template's name, never "auto"
    section: Section | None
    title: str | None = None
    preset: str = "slide"
    name: str = ""  # images: the file's stem, "01-usages-square"
    index: int | None = None  # position in the layout's `slides`, for messages about its title

    @property
    def title_key(self) -> Key:
        """Where a problem with this page's own title points: into the layout spec."""
        return ("slides", self.index, "title") if self.title and self.index is not None else ()


def plan_slides(study: Study, spec: LayoutSpec) -> list[Plan]:
    by_id = {s.id: s for s in study.sections}
    entries = spec.slides
    if entries is None:
        entries = [
            SlideSpec(template="title"),
            *(SlideSpec(section=s.id) for s in study.sections),
            SlideSpec(template="methodology"),
        ]
    plans = [_plan(e.template, by_id.get(e.section or ""), title=e.title, index=i) for i, e in enumerate(entries)]
    placed = {p.section.id for p in plans if p.section}
    missing = [_plan(AUTO, s) for s in study.sections if s.id not in placed]
    tail = len(plans)
    while tail > 0 and plans[tail - 1].section is None and plans[tail - 1].template != "title":
        tail -= 1
    return plans[:tail] + missing + plans[tail:]


def _plan(
    template: str, section: Section | None, *, title: str | None = None, preset: str = "slide", index: int | None = None
) -> Plan:
    if section is not None and template == AUTO:
        template = choose(section)
    return Plan(template, section, title, preset, index=index)


def plan_images(study: Study, spec: LayoutSpec) -> list[Plan]:
    plans = [p for entry in spec.infographics for p in _image_plans(entry, study.sections)]
    taken: set[str] = set()
    out = []
    for plan in plans:
        name = plan.name if plan.name not in taken else f"{plan.name}-{plan.template}"
        taken.add(name)
        out.append(Plan(plan.template, plan.section, None, plan.preset, name))
    return out


def _image_plans(entry: ImageSpec, sections: list[Section]) -> Iterator[Plan]:
    if entry.template in PAGES:
        own_name = entry.preset in ("poster", "newsletter")
        yield Plan(entry.template, None, None, entry.preset, entry.template + ("" if own_name else f"-{entry.preset}"))
        return
    suffix = "" if entry.preset == "newsletter" else f"-{entry.preset}"
    for number, section in enumerate(sections, 1):
        if entry.section in ("all", section.id):
            plan = _plan(entry.template, section, preset=entry.preset)
            yield Plan(plan.template, section, None, entry.preset, f"{number:02d}-{section.id}{suffix}")


def check_layout(spec: LayoutSpec, study: Study, src: SourceMap) -> list[Problem]:
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
                template = SECTIONS[choose(found) if entry.template == AUTO else entry.template]
                first_key.setdefault(found.id, key)
                shown.setdefault(found.id, []).extend(template.shows(found))
    problems += _left_out(shown, sections, first_key, src)
    if spec.slides is not None:
        problems += [
            src.problem(
                ("slides",),
                f"section '{sid}' is on no slide",
                f"it is added after the other sections with template '{choose(s)}'; place it to choose where",
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
