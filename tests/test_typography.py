from __future__ import annotations

import pytest

from deck.typesetting.locale import NNBSP, Typesetter

FR, EN = Typesetter("fr"), Typesetter("en")


@pytest.mark.parametrize(
    ("ts", "value", "unit", "shown"),
    [
        (FR, 78, "%", f"78{NNBSP}%"),
        (EN, 78, "%", "78%"),
        (FR, 2032, "", f"2{NNBSP}032"),
        (EN, 2032, "", "2,032"),
        (FR, 78.5, "%", f"78,5{NNBSP}%"),
        (EN, 78.5, "%", "78.5%"),
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
        (FR, 50, 50, f"±0{NNBSP}pt"),
        (FR, 41.5, 40, f"+1,5{NNBSP}pt"),
    ],
)
def test_deltas(ts, now, then, shown):
    assert ts.delta(now, then) == shown


def test_french_spacing_in_free_text():
    text = FR.text("Le top 3 des freins : « Oui, et je »  vraiment ? 22% ; oui!")
    assert (
        text
        == f"Le top 3 des freins{NNBSP}: «{NNBSP}Oui, et je{NNBSP}» vraiment{NNBSP}? 22{NNBSP}%{NNBSP}; oui{NNBSP}!"
    )


def test_english_text_is_left_alone():
    assert EN.text("Top 3: “yes”  really?") == "Top 3: “yes” really?"


def test_urls_and_times_keep_their_colons():
    assert FR.text("https://exemple.fr à 10:30") == "https://exemple.fr à 10:30"
