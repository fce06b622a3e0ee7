"""Many studies at once: each data file built into its own folder, in parallel on the machine's
cores or on any ``concurrent.futures.Executor`` (a Dask cluster's, for example); one failing study
does not stop the others."""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StudyResult:
    """One study of a batch: where it was built, or why not."""

    data: str
    out: str
    exit_code: int  # 0 built; the command line's codes otherwise (1 bad input, 3 output folder, 70 bug)
    summary: str  # "10 slides, 10 images, 2 changes" or the first problem and how many there were

    @property
    def ok(self) -> bool:
        return self.exit_code == 0


def studies(paths: Iterable[Path | str]) -> list[Path]:
    """Data files named, folders expanded to the .yaml files they hold (sorted)."""
    out: list[Path] = []
    for path in map(Path, paths):
        out += sorted(p for p in path.glob("*.y*ml") if p.is_file()) if path.is_dir() else [path]
    return out


def build_one(data: str, out: str, replace: bool = False) -> StudyResult:
    """Build one study; never raises for the study's own problems (a bug is reported as exit 70).
    A top-level function, so that process pools and clusters can run it."""
    from deck.errors import DeckError, InputError
    from deck.pipeline import build

    try:
        result = build(data, out=out, replace=replace, jobs=1)  # the batch already uses every core
    except InputError as error:
        count = len(error.problems)
        first = str(error.problems[0]) if error.problems else str(error)
        return StudyResult(data, out, error.exit_code, f"{count} problem{'s' * (count != 1)}; first: {first}")
    except DeckError as error:
        return StudyResult(data, out, error.exit_code, str(error))
    except Exception as exc:  # noqa: BLE001 - one study's bug must not stop the batch
        return StudyResult(data, out, 70, f"internal error in deck ({type(exc).__name__}: {exc})")
    changes = result.changes
    said = "first build" if changes is None else f"{len(changes)} change{'s' * (len(changes) != 1)}"
    return StudyResult(data, out, 0, f"{result.slide_count} slides, {len(result.images)} images, {said}")


def build_many(
    paths: Iterable[Path | str],
    out: Path | str = "out",
    *,
    jobs: int | None = None,
    executor: Executor | None = None,
    replace: bool = False,
) -> list[StudyResult]:
    """Build every study of ``paths`` into ``out/<file name>/``, in parallel; results in the order
    given. ``executor`` runs the builds (default: a process pool of ``jobs`` workers, one per core)."""
    datas = studies(paths)
    folders = _folders(datas, Path(out))
    if executor is not None:
        futures = [executor.submit(build_one, str(d), str(f), replace) for d, f in zip(datas, folders)]
        return [f.result() for f in futures]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(datas)))
    if workers == 1:
        return [build_one(str(d), str(f), replace) for d, f in zip(datas, folders)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(build_one, str(d), str(f), replace) for d, f in zip(datas, folders)]
        return [f.result() for f in futures]


def _folders(datas: list[Path], out: Path) -> list[Path]:
    """One folder per study, named after its file ("a.yaml" → out/a), distinct even for equal names."""
    taken: dict[str, int] = {}
    folders = []
    for data in datas:
        name = data.stem
        taken[name] = taken.get(name, 0) + 1
        folders.append(out / (name if taken[name] == 1 else f"{name}-{taken[name]}"))
    return folders
