"""A finding lists the signals it was composed of, in every machine-readable report."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from creeplint.rules.loader import load
from creeplint.yamlfile import YamlError


@pytest.fixture(scope="module")
def linter():  # type: ignore[no-untyped-def]
    """A linter of its own: the session one is shared with tests that change its settings."""
    from creeplint.linter import Linter

    return Linter()


def _signals(linter, text: str, channel: str = "email") -> dict[str, list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    result = next(linter.lint([{"id": "m", "channel": channel, "text": text}]))
    return {f.rule: [(s.name, s.text) for s in f.signals] for f in result.findings}


def test_question_lists_reader_attribute_and_question(linter):
    found = _signals(linter, "Are you overweight? Try our plan.")
    assert found["health/reader-question"] == [("reader", "you"), ("attribute:health", "overweight"), ("question", "?")]


def test_signal_texts_are_the_source_as_written(linter):
    """Register spellings read as words, but a signal quotes what the copy says ("ur", not "your")."""
    found = _signals(linter, "ur psoriasis flaring again?")
    pairs = [pair for signals in found.values() for pair in signals]
    assert ("reader", "ur") in pairs
    assert ("attribute:health", "psoriasis") in pairs


def test_counts_are_specificity(linter):
    found = _signals(linter, "You viewed the trail shoes 4 times this week.")
    pairs = {pair for signals in found.values() for pair in signals}
    assert {("behaviour", "viewed"), ("specificity", "4")} <= pairs


def test_stacking_lists_the_categories_it_counted(linter):
    found = _signals(linter, "Are you overweight? We noticed you searched for diet pills.")
    stacking = found["stacking/several-inferences"]
    assert [name for name, _ in stacking] == ["category:health", "category:tracked_behaviour"]


def test_json_and_sarif_reports_carry_signals(tmp_path):
    (tmp_path / "a.txt").write_text("Are you overweight?\n")
    run = [sys.executable, "-m", "creeplint", "check", "--isolated", "a.txt"]
    report = json.loads(subprocess.run([*run, "-f", "json"], cwd=tmp_path, capture_output=True).stdout)
    finding = report["messages"][0]["findings"][0]
    assert {"signal": "attribute:health", "text": "overweight"} in finding["signals"]
    sarif = json.loads(subprocess.run([*run, "-f", "sarif"], cwd=tmp_path, capture_output=True).stdout)
    props = sarif["runs"][0]["results"][0]["properties"]
    assert {"signal": "attribute:health", "text": "overweight"} in props["signals"]


def test_a_lexicon_names_its_signal(tmp_path):
    (tmp_path / "r.yaml").write_text(
        "lexicons:\n  pets:\n    signal: attribute:pets\n    terms: [hamster]\n"
        "rules:\n  - id: t/pet\n    category: identity\n    severity: warning\n    message: m\n    suggestion: s\n"
        "    patterns: ['your @pets']\n    examples: {flag: ['your hamster'], pass: ['a cat']}\n"
    )
    book = load([str(tmp_path / "r.yaml")])
    assert book.lexicons["pets"].signal == "attribute:pets"


def test_a_bad_signal_name_is_a_file_line_error(tmp_path):
    (tmp_path / "r.yaml").write_text(
        "lexicons:\n  pets:\n    signal: Not A Signal\n    terms: [hamster]\n"
        "rules:\n  - id: t/pet\n    category: identity\n    severity: warning\n    message: m\n    suggestion: s\n"
        "    patterns: ['your @pets']\n    examples: {flag: ['your hamster'], pass: ['a cat']}\n"
    )
    with pytest.raises(YamlError, match=r"r\.yaml:3: .*signal must look like"):
        load([str(tmp_path / "r.yaml")])
