"""Synthetic studies for the benchmark: deterministic, any size, each section a chart slide.

Every section compares three figures with an earlier wave (a native bar chart beside three
callouts), and every slide carries speaker notes (deck writes each slide's sources and figures
there), so the deck's size grows with the number of sections and nothing else.
"""

from __future__ import annotations

from typing import Any

SERVICES = ["Prise de rendez-vous en ligne", "Services en ligne de l’Assurance Maladie", "E-mail ou SMS"]


def study(sections: int) -> dict[str, Any]:
    """A study of ``sections`` sections; the same number gives the same study."""
    items = []
    for i in range(sections):
        stats = [
            {
                "kind": "stat",
                "id": f"q{i}-{k}",
                "value": 20 + (i * 7 + k * 13) % 70,
                "short": f"{SERVICES[k]} ({i})",
                "label": f"ont déjà eu recours à « {SERVICES[k].lower()} » (question {i}).",
                "earlier": [{"value": 15 + (i * 5 + k * 11) % 60, "year": 2020}],
            }
            for k in range(3)
        ]
        items.append(
            {
                "id": f"q{i}",
                "title": f"Question {i} : des pratiques installées de façon inégale",
                "lead": "Pourcentage de personnes qui déclarent avoir déjà utilisé les services suivants :",
                "items": stats,
            }
        )
    return {
        "study": {"id": f"bench-{sections}", "title": "Étude de charge", "locale": "fr", "date": "2024"},
        "methodology": [{"kind": "quantitative", "institute": "Institut", "sample": 1000, "mode": "en ligne"}],
        "sections": items,
    }


LAYOUT = "infographics: []\n"  # the deck alone: images are measured on their own
