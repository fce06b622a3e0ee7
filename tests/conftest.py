from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "numerique-sante-2023.yaml"

# deck keeps a signing key and its last bug report in the user's folders: the tests use their own.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="deck-tests-config-")
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="deck-tests-cache-")


@pytest.fixture(scope="session")
def shipped(tmp_path_factory: pytest.TempPathFactory):
    """``shipped(layout)``: the example built in full with a layout of ``layouts/``, once per session.

    Tests that use it share the ``example-builds`` xdist group, so one worker builds each layout once.
    """
    import deck

    builds: dict[str, Any] = {}

    def build(layout: Path):
        if layout.stem not in builds:
            builds[layout.stem] = deck.build(EXAMPLE, layout, out=tmp_path_factory.mktemp(layout.stem))
        return builds[layout.stem]

    return build


@pytest.fixture(scope="session")
def built(shipped):
    """The example study with its own layout (``layouts/default.yaml``)."""
    return shipped(ROOT / "layouts" / "default.yaml")


@pytest.fixture(scope="session")
def inputs():
    from deck.pipeline import load

    return load(EXAMPLE)


@pytest.fixture(scope="session")
def composed(inputs):
    from deck.pipeline import compose

    return compose(inputs)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-references", action="store_true", help="accept the current infographics as the new reference images"
    )
