"""Build synthetic studies of growing size and print time per slide and peak memory.

    python scripts/bench.py            # sections: 10, 50, 200
    python scripts/bench.py 10 100 400

Each size runs in its own process (peak memory is per process). No images are made, so
the figures speak of the deck; compare the ratios in one run, not absolute seconds across machines.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def study(sections: int) -> dict:
    items = []
    for i in range(sections):
        kind = i % 3
        if kind == 0:
            body = [
                {
                    "kind": "stat",
                    "id": f"s{i}",
                    "value": 40 + i % 50,
                    "label": "ont déjà utilisé ce service.",
                    "earlier": [{"value": 30 + i % 40, "year": 2020}],
                },
                {
                    "kind": "stat",
                    "id": f"t{i}",
                    "value": 20 + i % 30,
                    "short": "Autre service",
                    "label": "ont déjà utilisé l’autre service.",
                    "earlier": [{"value": 15, "year": 2020}],
                },
            ]
        elif kind == 1:
            body = [
                {
                    "kind": "ranking",
                    "id": f"r{i}",
                    "items": [
                        {"value": 30, "label": "Premier"},
                        {"value": 20, "label": "Deuxième"},
                        {"value": 10, "label": "Troisième"},
                    ],
                }
            ]
        else:
            body = [
                {"kind": "stat", "id": f"h{i}", "value": 57, "label": "seraient prêts à l’utiliser."},
                {"kind": "quote", "text": "Mon médecin m’a conseillé de l’utiliser."},
            ]
        items.append({"id": f"section-{i}", "title": f"Section {i}", "items": body})
    return {"study": {"id": "bench", "title": "Étude de charge", "locale": "fr"}, "sections": items}


def run_one(sections: int) -> dict:
    import resource

    import deck

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "bench.yaml"
        layout = Path(tmp) / "layout.yaml"
        data.write_text(yaml.safe_dump(study(sections), allow_unicode=True), encoding="utf-8")
        layout.write_text("infographics: []\n", encoding="utf-8")
        start = time.perf_counter()
        result = deck.build(data, layout, out=Path(tmp) / "out")
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"sections": sections, "slides": result.slide_count, "seconds": seconds, "peak_mb": peak_mb}


def main(sizes: list[int]) -> None:
    rows = []
    for size in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True, cwd=ROOT
        )
        rows.append(json.loads(out.stdout))
    base = rows[0]["seconds"] / rows[0]["slides"]
    print(f"{'sections':>8} {'slides':>7} {'seconds':>8} {'ms/slide':>9} {'vs first':>9} {'peak MB':>8}")
    for row in rows:
        per = row["seconds"] / row["slides"]
        print(
            f"{row['sections']:>8} {row['slides']:>7} {row['seconds']:>8.2f} {per * 1000:>9.1f} "
            f"{per / base:>8.2f}x {row['peak_mb']:>8.0f}"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(run_one(int(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [10, 50, 200])
