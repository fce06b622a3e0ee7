"""Many studies at once: each into its own folder, in parallel on a process pool or on a Dask
cluster's executor; one study's mistake does not stop the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from deck.batch import build_many
from deck.cli import main

SMALL = ["dnr-2021-finland.yaml", "insee-bilan-demographique-2023.yaml"]


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    studies = tmp_path / "studies"
    studies.mkdir()
    for name in SMALL:
        (studies / name).write_text((ROOT / "data" / "examples" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (studies / "broken.yaml").write_text("study: {id: broken, title: x}\nsections: []\n")
    return studies


def test_a_folder_of_studies_builds_each_into_its_own_folder(folder: Path, tmp_path: Path):
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2"])
    assert result.exit_code == 1, result.output  # one study has mistakes: the batch says so
    assert "2 of 3 studies built" in result.output
    assert (tmp_path / "out" / "dnr-2021-finland" / "dnr-2021-finland.pptx").is_file()
    assert (tmp_path / "out" / "insee-bilan-demographique-2023" / "manifest.json").is_file()
    assert "FAILED" in result.output and "broken.yaml" in result.output
    assert not (tmp_path / "out" / "broken").exists()


def test_a_batch_runs_on_a_dask_cluster(folder: Path, tmp_path: Path):
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = build_many([folder / n for n in SMALL], tmp_path / "out", executor=client.get_executor())
    assert [r.ok for r in results] == [True, True], results
    assert [Path(r.out).name for r in results] == ["dnr-2021-finland", "insee-bilan-demographique-2023"]
    assert all((Path(r.out) / "manifest.json").is_file() for r in results)
