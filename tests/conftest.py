from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data" / "numerique-sante-2023.yaml"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The example study built once for the whole session."""
    import deck

    out = tmp_path_factory.mktemp("out")
    return deck.build(EXAMPLE, out=out)


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
