"""The command line as a user meets it: build, check, schema; errors located, no tracebacks."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from conftest import EXAMPLE

from deck.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_build_writes_deck_images_and_manifest(tmp_path):
    result = run("build", str(EXAMPLE), "--out", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    assert "10 slides" in result.output
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text())
    listed = {f["path"] for f in manifest["files"]}
    assert "numerique-sante-2023.pptx" in listed and "png/poster.png" in listed
    assert len(manifest["images"]) == len([p for p in listed if p.startswith("png/")])
    for image in manifest["images"]:
        assert image["alt"] and image["width"] >= 1080


def test_build_without_argument_builds_the_example_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build", "--quiet")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "numerique-sante-2023.pptx").is_file()


def test_check_valid_file():
    result = run("check", str(EXAMPLE))
    assert result.exit_code == 0 and "valid" in result.output


def test_check_reports_every_problem_located(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("value: 78\n", "value: 780\n", 1).replace(
        "source: opinionway-2020}", "source: opinonway-2020}", 1
    )
    text = text.replace("  - id: pratiques\n", "  - id: pratiques\n    titel: x\n", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        text.replace(
            "layout: ../layouts/default.yaml", "layout: " + str(EXAMPLE.parent.parent / "layouts/default.yaml")
        ),
        encoding="utf-8",
    )
    result = run("check", str(bad))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.startswith(str(bad))]
    assert len(lines) >= 3, result.output
    assert any(
        re.search(r":\d+:\d+: sections\[1\]\.titel: unknown key 'titel'; did you mean 'title'\?", ln) for ln in lines
    )
    assert any("780 is not a percentage" in ln for ln in lines)
    assert any("unknown source 'opinonway-2020'; did you mean 'opinionway-2020'?" in ln for ln in lines)


def test_duplicate_keys_are_errors_not_silent(tmp_path):
    bad = tmp_path / "dup.yaml"
    bad.write_text(
        "study: {id: x, title: T}\nsections:\n  - id: a\n    title: A\n    title: B\n"
        "    items: [{kind: stat, id: s, value: 5, label: l}]\n",
        encoding="utf-8",
    )
    result = run("check", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:5:5: sections[0].title: duplicate key 'title' (first given on line 4)" in result.output


def test_failed_build_leaves_previous_outputs_untouched(tmp_path):
    out = tmp_path / "o"
    assert run("build", str(EXAMPLE), "--out", str(out)).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        EXAMPLE.read_text(encoding="utf-8")
        .replace("value: 90", "value: nope")
        .replace("layout: ../layouts/default.yaml", ""),
        encoding="utf-8",
    )
    result = run("build", str(bad), "--out", str(out))
    assert result.exit_code == 1 and "nothing was written" in result.output
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_text_too_long_is_a_located_error(tmp_path):
    long_label = "très " * 400
    bad = tmp_path / "long.yaml"
    bad.write_text(
        "study: {id: x, title: T}\nsections:\n  - id: a\n    title: A\n    items:\n"
        "      - {kind: breakdown, id: b, answers: [{label: oui, value: 50},\n"
        f"                                        {{label: {long_label}, value: 50}}]}}\n",
        encoding="utf-8",
    )
    result = run("check", str(bad))
    assert result.exit_code == 1
    assert re.search(
        r"long\.yaml:6:\d+: sections\[0\]\.items\[0\]: the legend does not fit on slide 2 even at its smallest size",
        result.output,
    )


def test_schema_is_json_schema_that_accepts_the_example():
    import jsonschema

    from deck.inputs.source import load_yaml  # dates stay text, as an editor's YAML language server reads them

    result = run("schema")
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(load_yaml(EXAMPLE).data, schema)
    layout = json.loads(run("schema", "--layout").output)
    jsonschema.validate(load_yaml(EXAMPLE.parent.parent / "layouts/default.yaml").data, layout)


def test_published_schemas_are_current():
    root = EXAMPLE.parent.parent
    assert json.loads((root / "docs/study.schema.json").read_text()) == json.loads(run("schema").output)
    assert json.loads((root / "docs/layout.schema.json").read_text()) == json.loads(run("schema", "--layout").output)


def test_the_docs_template_table_is_the_registry():
    from deck.schema import template_table

    for doc in ("docs/layout-format.md", "README.md"):
        assert template_table() in (EXAMPLE.parent.parent / doc).read_text(encoding="utf-8"), doc


def test_strict_turns_warnings_into_errors(tmp_path):
    layout = tmp_path / "short.yaml"
    layout.write_text("slides:\n  - {section: usages}\n")
    relaxed = run("check", str(EXAMPLE), "--layout", str(layout))
    assert relaxed.exit_code == 0 and "warning: slides: section 'pratiques' is on no slide" in relaxed.output
    strict = run("check", str(EXAMPLE), "--layout", str(layout), "--strict")
    assert strict.exit_code == 1 and "warning(s) with --strict" in strict.output


def test_a_bug_is_reported_in_one_line_with_a_file_of_details(monkeypatch):
    import deck.pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(deck.pipeline, "check", broken)
    result = run("check", str(EXAMPLE))
    assert result.exit_code == 70
    assert "internal error in deck (ZeroDivisionError: boom); this is a bug, not your input" in result.output
    assert "Traceback" not in result.output


def test_a_bug_report_replaces_the_last_one_and_needs_no_writable_folder(monkeypatch, tmp_path):
    import deck.pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(deck.pipeline, "check", broken)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first, second = run("check", str(EXAMPLE)), run("check", str(EXAMPLE))
    assert first.output == second.output and "Details:" in first.output
    assert [p.name for p in (tmp_path / "cache" / "deck").iterdir()] == ["last-error.txt"]
    (tmp_path / "blocked").write_text("a file where a folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "blocked"))
    third = run("check", str(EXAMPLE))
    assert third.exit_code == 70 and "Traceback" not in third.output
    assert re.search(r"At test_cli\.py:\d+ \(broken\)", third.output), third.output


def test_nothing_a_file_holds_reaches_the_terminal_raw(tmp_path):
    """A template name with an escape sequence that sets the window title and a line that fakes
    deck's own "valid" is printed escaped, on one line."""
    layout = tmp_path / "evil.yaml"
    layout.write_text('slides:\n  - {section: usages, template: "x\\e]0;pwned\\a\\nok.yaml: valid"}\n')
    result = run("check", str(EXAMPLE), "--layout", str(layout))
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "ok.yaml: valid" not in result.output.splitlines()
    assert r"x\x1b]0;pwned\x07\nok.yaml: valid" in result.output


def test_recover_says_what_it_did(tmp_path):
    import deck

    out = tmp_path / "out"
    assert run("recover", str(out)).exit_code == 2
    deck.build(EXAMPLE, out=out, images=False)
    result = run("recover", str(out))
    assert result.exit_code == 0 and "nothing to recover" in result.output
    staging = out / ".deck-staging-x"
    (staging / "old").mkdir(parents=True)
    (staging / "old" / "gone.png").write_bytes(b"an output the build removed")
    from deck.output.signature import sign

    journal = {"deck-journal": 1, "staging": staging.name, "state": "done", "entries": []}
    journal["signature"] = sign(journal)  # a journal deck did not sign is never replayed
    (out / ".deck-journal.json").write_text(json.dumps(journal))
    result = run("recover", str(out))
    assert result.exit_code == 0 and "interrupted after its outputs were in place" in result.output
    assert not staging.exists() and not (out / ".deck-journal.json").exists()


def test_ctrl_c_at_any_moment_prints_one_line(tmp_path):
    """While deck's modules load, while it composes, while it renders: one line, no traceback; the
    process ends by SIGINT, as interrupted programs do. (In its first ~20 ms Python itself is
    starting and answers Ctrl-C its own way.) A study of 300 sections: its build (about 9 s) lasts
    well past the last moment even on a busy machine (the example's can end before a late Ctrl-C)."""
    import signal
    import subprocess
    import sys
    import time

    import yaml
    from conftest import ROOT

    sys.path.insert(0, str(ROOT))
    from bench.studies import study

    data = tmp_path / "study.yaml"
    data.write_text(yaml.safe_dump(study(300), allow_unicode=True), encoding="utf-8")
    for delay in (0.15, 0.3, 0.6, 1.0, 3.0):  # from the modules loading to the images being drawn
        process = subprocess.Popen(
            [sys.executable, "-m", "deck", "build", str(data), "--out", str(tmp_path / f"o{delay}")],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert process.returncode == -signal.SIGINT, (delay, err)  # as a shell script expects
        assert "Traceback" not in err and err.startswith("interrupted"), (delay, err)


def test_problems_of_every_stage_are_reported_together(tmp_path):
    """A misspelt key and a title too long for any slide: both in one run, each located."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("layout: ../layouts/default.yaml", f"layout: {EXAMPLE.parent.parent / 'layouts/default.yaml'}")
    text = text.replace("  - id: usages\n", "  - id: usages\n    titel: x\n", 1)
    text = re.sub(r"(?m)^  title: .*$", "  title: " + "Un titre beaucoup trop long " * 60, text, count=1)
    data = tmp_path / "study.yaml"
    data.write_text(text, encoding="utf-8")
    result = run("check", str(data))
    assert result.exit_code == 1
    assert re.search(r"study\.yaml:\d+:\d+: sections\[0\]\.titel: unknown key 'titel'", result.output), result.output
    assert re.search(r"study\.yaml:\d+:\d+: study\.title: the title does not fit", result.output), result.output


def test_check_from_the_shell_says_everything_before_it_ends(tmp_path):
    """`deck check` ends without tearing its objects down one by one: what it says is all said
    first, with the exit status the checks give."""
    import subprocess
    import sys

    bad = tmp_path / "bad.yaml"
    bad.write_text("study: {id: x}\n", encoding="utf-8")
    for path, status in ((EXAMPLE, 0), (bad, 1)):
        done = subprocess.run([sys.executable, "-m", "deck", "check", str(path)], capture_output=True, text=True)
        assert done.returncode == status
        if status == 0:
            assert done.stdout == f"{path}: valid\n"
        else:
            assert "study.title: missing required key 'title'" in done.stderr
            assert done.stderr.endswith("nothing was written.\n")
