"""methodology: how the study was made and the sources it cites, written from the data."""

from __future__ import annotations

from deck.inputs.study import Method
from deck.layout.context import Ctx
from deck.layout.frame import frame_page
from deck.layout.significance import margin_sentence
from deck.layout.template import Page, PageTemplate
from deck.layout.textbox import GAP, largest_fit, place_text
from deck.scene import Box, Element, Rect, Scene, Text
from deck.typesetting.locale import Typesetter


def make(ctx: Ctx, page: Page) -> Scene:
    headline = page.title or ctx.ts.word("methodology")
    frame = frame_page(
        ctx, page.box, headline=headline, headline_key=page.title_key, corner=page.corner, margin=page.margin
    )
    body = methodology(ctx, frame.body)
    notes = "\n".join(p for e in body if isinstance(e, Text) for p in e.paragraphs)
    box = page.box
    return Scene(box.w, box.h, tuple(frame.elements + body), template="methodology", alt=headline, notes=notes)


SAMPLE_WORDS = ("sample", "échantillon", "stichprobe", "muestra", "panel")


def describe_method(ts: Typesetter, method: Method) -> str:
    """One sentence per method, natural for every combination of fields, in the study's language:
    "Enquête réalisée par … auprès d’un échantillon … de 2 032 personnes, terrain réalisé en ligne du 22
    au 27 novembre 2023.", "Survey by … for …, sample of 3,155 adults, fieldwork online, 2–13 November 2023."
    """
    if ts.lang in SHEET:
        return _fact_sheet(ts, method)
    lead = ts.word("survey") if method.kind == "quantitative" else ts.word("qual")
    parts = [f"{lead} {method.institute}" + (f" {ts.word('for')} {method.client}" if method.client else "")]
    if (who := _who(ts, method)) is not None:
        parts.append(who)
    if method.description:
        parts.append(method.description.rstrip(" ."))
    parts += _fieldwork(ts, method)
    return ts.text(ts.sentence(", ".join(parts)))


# German and Spanish write a study's methodology as a fact sheet ("Steckbrief", "ficha técnica"): labelled
# entries read naturally there and need no articles, which depend on each institute's name.
SHEET = {
    "de": {
        "quantitative": "Befragung",
        "qualitative": "Qualitative Studie",
        "client": "Auftraggeber",
        "population": "Grundgesamtheit",
        "sample": "Stichprobe",
        "mode": "Methode",
        "fieldwork": "Befragungszeitraum",
    },
    "es": {
        "quantitative": "Encuesta",
        "qualitative": "Estudio cualitativo",
        "client": "Por encargo de",
        "population": "Universo",
        "sample": "Muestra",
        "mode": "Método",
        "fieldwork": "Trabajo de campo",
    },
}


def _fact_sheet(ts: Typesetter, method: Method) -> str:
    """ "Befragung: Destatis. Grundgesamtheit: … Stichprobe: 2.032 Personen. Befragungszeitraum: 11.–22. Mai 2022." """
    labels = SHEET[ts.lang]
    sample = method.sample
    size = f"{ts.number(sample)} {ts.word('persons')}" if isinstance(sample, int) else sample
    fw = method.fieldwork
    when = None
    if fw is not None:
        when = ts.date_range(fw.start, fw.end or fw.start) if fw.start else fw.label
    entries = [
        (labels[method.kind], method.institute),
        (labels["client"], method.client),
        (labels["population"], method.population),
        (labels["sample"], size),
        (labels["mode"], method.mode),
        (labels["fieldwork"], when),
    ]
    sentences = [f"{label}{ts.colon()} {value.rstrip(' .')}" for label, value in entries if value]
    if method.description:
        sentences.insert(1, method.description.rstrip(" ."))
    return ts.text(" ".join(ts.sentence(s[0].upper() + s[1:]) for s in sentences))


def _who(ts: Typesetter, method: Method) -> str | None:
    """Who was asked: "sample of 3,155 adults", "échantillon national représentatif de 2 032 personnes"."""
    population = method.population
    if method.sample is None:
        return population
    n = ts.number(method.sample) if isinstance(method.sample, int) else method.sample
    if population is None:
        return f"{ts.word('sample')} {ts.word('of')} {n} {ts.word('persons')}"
    if any(word in population.lower() for word in SAMPLE_WORDS):
        return f"{population} {ts.word('of')} {n} {ts.word('persons')}"
    return f"{ts.word('sample')} {ts.word('of')} {n} {population}"


def _fieldwork(ts: Typesetter, method: Method) -> list[str]:
    """The clauses that say how and when: the mode and the fieldwork period, as the language puts them."""
    fw, mode = method.fieldwork, method.mode
    when: str | None = None
    day = False
    if fw is not None and fw.start is not None:
        end = fw.end or fw.start
        when, day = ts.date_range(fw.start, end), end == fw.start
    elif fw is not None:
        when = fw.label
    if when is None and mode is None:
        return []
    lang = ts.lang
    if fw is not None and fw.start is None:  # a label, as written: "novembre 2023"
        how = (mode if lang == "de" else ts.word("fieldwork") + f" {mode}") if mode else None
        return [c for c in (how, when) if c]
    if lang == "de":
        return [c for c in (mode, f"{ts.word('fieldwork')}{ts.colon()} {when}" if when else None) if c]
    head = ts.word("fieldwork") + (f" {mode}" if mode else "")
    if when is None:
        return [head]
    if lang in ("fr", "es"):
        return [f"{head} {ts.word('on') + ' ' + when if day else when}"]
    if day:
        return [f"{head} {ts.word('on')} {when}"]
    return [f"{head}, {when}" if mode else f"{head} {when}"]


def _with_margin(ctx: Ctx, method: Method, text: str) -> str:
    """A survey's sentence, then its largest margin of error: "… Marge d’erreur maximale : ±2,2 points"."""
    if method.kind != "quantitative" or not isinstance(method.sample, int):
        return text
    return f"{text} {ctx.ts.sentence(margin_sentence(ctx, method.sample))}"


def methodology(ctx: Ctx, box: Box) -> list[Element]:
    ts = ctx.ts
    paragraphs = [_with_margin(ctx, m, describe_method(ts, m)) for m in ctx.study.methodology]
    sources = tuple(
        ts.text(f"{'*' * (i + 1)}{ts.word('source')}{ts.colon()} {s.text}")
        for i, s in enumerate(ctx.study.sources.values())
    )
    out: list[Element] = []
    width = box.w * 0.8
    share = box.h * (0.7 if sources else 1.0)
    size = largest_fit(
        [(p,) for p in paragraphs],
        "regular",
        width,
        share / max(1, len(paragraphs)) - GAP,
        ctx.theme.type.body,
        scale=ctx.theme.text_scale,
    )
    y = box.y
    for i, paragraph in enumerate(paragraphs):
        text = place_text(
            ctx,
            paragraph,
            Box(box.x, y, width, box.bottom - y),
            key=("methodology", i),
            size=(size or ctx.theme.type.body[1], ctx.theme.type.body[1]),
            role="methodology",
            line=1.25,
        )
        out.append(text)
        y = text.box.bottom + GAP
    if sources:
        y += GAP
        out.append(Rect(Box(box.x, y, 60, 3), ctx.theme.rule, role="rule"))
        out.append(
            place_text(
                ctx,
                sources,
                Box(box.x, y + GAP, width, box.bottom - y - GAP),
                key=("sources",),
                size=ctx.theme.type.small,
                color=ctx.theme.muted,
                role="sources",
            )
        )
    return out


TEMPLATE = PageTemplate("methodology", "the methodology and sources, written from the data", make, frozenset({"slide"}))
