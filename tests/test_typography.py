from __future__ import annotations

import datetime as dt

import pytest

from deck.typesetting.locale import NNBSP, Typesetter

FR, EN, US, DE, ES = (Typesetter(loc) for loc in ("fr", "en", "en_US", "de", "es"))


@pytest.mark.parametrize(
    ("ts", "value", "unit", "shown"),
    [
        (FR, 78, "%", f"78{NNBSP}%"),
        (EN, 78, "%", "78%"),
        (FR, 2032, "", f"2{NNBSP}032"),
        (EN, 2032, "", "2,032"),
        (FR, 78.5, "%", f"78,5{NNBSP}%"),
        (EN, 78.5, "%", "78.5%"),
        (DE, 78, "%", f"78{NNBSP}%"),
        (DE, 2032, "", "2.032"),
        (ES, 2032, "", "2032"),  # Spanish groups from five digits
        (ES, 12500, "", "12.500"),
        (FR, 1377, "€", f"1{NNBSP}377{NNBSP}€"),
        (EN, 1377, "£", "£1,377"),
        (EN, 1377, "GBP", "£1,377"),
        (DE, 1377, "EUR", f"1.377{NNBSP}€"),
        (FR, 7.4, "/10", "7,4/10"),
        (FR, 12, "ans", f"12{NNBSP}ans"),
        (EN, -0.0, "%", "0%"),
    ],
)
def test_numbers(ts, value, unit, shown):
    assert ts.value(value, unit) == shown


@pytest.mark.parametrize(
    ("ts", "now", "then", "shown"),
    [
        (FR, 78, 70, f"+8{NNBSP}pts"),
        (FR, 30, 31, f"\u22121{NNBSP}pt"),
        (EN, 78, 70, f"+8{NNBSP}pts"),
        (FR, 50, 50, "stable"),
        (EN, 50, 50, "unchanged"),
        (EN, 31, 30, f"+1{NNBSP}pt"),  # CLDR plural: one point
        (FR, 41.5, 40, f"+1,5{NNBSP}pt"),
        (EN, 41.5, 40, f"+1.5{NNBSP}pts"),
        (DE, 78, 70, f"+8{NNBSP}Pp."),
    ],
)
def test_deltas(ts, now, then, shown):
    assert ts.delta(now, then) == shown


@pytest.mark.parametrize(
    ("ts", "diff", "unit", "shown"),
    [(FR, 114, "€", f"+114{NNBSP}€"), (EN, 114, "£", "+£114"), (FR, 0.3, "/10", "+0,3"), (EN, -2, "", "\u22122")],
)
def test_changes_in_their_unit(ts, diff, unit, shown):
    assert ts.change(diff, unit) == shown


@pytest.mark.parametrize(
    ("ts", "start", "end", "shown"),
    [
        (EN, (2022, 5, 11), (2022, 5, 22), "11–22 May 2022"),
        (US, (2022, 5, 11), (2022, 5, 22), "May 11–22, 2022"),
        (FR, (2023, 11, 22), (2023, 11, 27), "du 22 au 27 novembre 2023"),
        (DE, (2022, 5, 11), (2022, 5, 22), "11.–22. Mai 2022"),
        (ES, (2022, 5, 11), (2022, 5, 22), "del 11 al 22 de mayo de 2022"),
        (EN, (2022, 4, 28), (2022, 5, 22), "28 April – 22 May 2022"),
        (FR, (2021, 12, 28), (2022, 1, 3), "du 28 décembre 2021 au 3 janvier 2022"),
    ],
)
def test_date_ranges(ts, start, end, shown):
    assert ts.date_range(dt.date(*start), dt.date(*end)) == shown


def test_typographic_apostrophes_and_quotes():
    assert FR.text('l\'argent "dit"') == f"l’argent «{NNBSP}dit{NNBSP}»"
    assert EN.text('don\'t say "no"') == "don’t say “no”"
    assert DE.text('"ja"') == "„ja“"


def test_sentences_end_once():
    assert EN.sentence("Why not?") == "Why not?" and EN.sentence("Yes") == "Yes." and EN.sentence("Done.") == "Done."


def test_french_spacing_in_free_text():
    text = FR.text("Le top 3 des freins : « Oui, et je »  vraiment ? 22% ; oui!")
    assert (
        text
        == f"Le top 3 des freins{NNBSP}: «{NNBSP}Oui, et je{NNBSP}» vraiment{NNBSP}? 22{NNBSP}%{NNBSP}; oui{NNBSP}!"
    )


def test_english_text_is_left_alone():
    assert EN.text("Top 3: “yes”  really?") == "Top 3: “yes” really?"


def test_only_supported_locales():
    from deck.typesetting.locale import check_locale

    assert check_locale("de_AT") is None and check_locale("es") is None
    assert check_locale("it") == "unsupported locale 'it'"


def test_urls_and_times_keep_their_colons():
    assert FR.text("https://exemple.fr à 10:30") == "https://exemple.fr à 10:30"


def test_the_shipped_glyph_table_is_the_fonts_own():
    """deck/typesetting/fonts/coverage.json spares reading the fonts' tables at each build; it must
    say what the font files say (regenerate it with ``font_coverage`` when a font changes)."""
    import json

    from deck.typesetting import metrics as tx

    shipped = json.loads(tx.COVERAGE.read_text(encoding="utf-8"))
    assert shipped == {face: tx.font_coverage(face) for face in sorted(tx.FACES)}
