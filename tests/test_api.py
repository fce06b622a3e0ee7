from __future__ import annotations

import subprocess
import sys

import deck


def test_public_names_are_exactly_the_intended_ones():
    assert sorted(deck.__all__) == sorted(
        ["DeckError", "FitError", "InputError", "OutputError", "Problem", "build", "check", "__version__"]
    )
    from deck import errors, pipeline

    assert deck.build is pipeline.build and deck.check is pipeline.check
    for name in ("DeckError", "FitError", "InputError", "OutputError", "Problem"):
        assert getattr(deck, name) is getattr(errors, name)


def test_import_is_light():
    code = "import sys, deck; print(any(m.split('.')[0] in ('matplotlib', 'pptx') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_errors_know_their_exit_codes():
    assert deck.InputError([]).exit_code == 1
    assert deck.OutputError("x").exit_code == 3
    assert issubclass(deck.FitError, deck.InputError)
