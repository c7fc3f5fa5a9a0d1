"""Rule kinds (``creeplint/rules/kinds/``): each turns its own YAML into rule-language patterns."""

from __future__ import annotations

import types

import pytest

from creeplint.rules import kinds
from creeplint.rules.loader import load
from creeplint.yamlfile import YamlError

RULE = """\
rules:
  - id: demo/near
    category: health
    severity: error
    message: m
    suggestion: s
{body}
    examples: {{flag: ["Diabetes making your mornings hard?"], pass: ["Our diabetes guide."]}}
"""


def _write(tmp_path, body: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "r.yaml"
    path.write_text(RULE.format(body=body))
    return str(path)


def test_cooccur_expands_to_every_order(tmp_path):
    book = load(["health", _write(tmp_path, "    cooccur: {signals: [\"your\", \"@health_conditions\"], within: 2}")])
    rule = book.rule("demo/near")
    assert rule.kind == "cooccur"
    assert rule.patterns == ["your *{0,2} @health_conditions", "@health_conditions *{0,2} your"]


def test_cooccur_barrier_keeps_the_signals_in_one_clause(tmp_path, monkeypatch):
    from creeplint import Linter, Settings

    monkeypatch.setenv("CREEPLINT_NO_CACHE", "1")
    body = "    cooccur: {signals: [\"your\", \"@health_conditions\"], within: 6, barrier: [if, ';']}"
    path = _write(tmp_path, body)
    assert load(["health", path]).rule("demo/near").patterns[0] == "your !if|;{0,6} @health_conditions"
    linter = Linter(Settings(rulesets=["health", "context", path]))
    hits = [[f.rule for f in r.findings if f.rule == "demo/near"] for r in linter.lint([
        {"text": "Diabetes is making your mornings hard."},
        {"text": "Ask about diabetes cover only if your doctor agrees."},
        {"text": "Diabetes care; your pharmacist can help."},
    ])]
    assert hits == [["demo/near"], [], []]


def test_ignoring_a_modifier_names_a_real_one(tmp_path):
    """A rule may ignore a shipped modifier whose ruleset is not loaded; a name no ruleset
    defines is an error at the rule's line."""
    ok = _write(tmp_path, "    patterns: [\"your @health_conditions\"]\n    context: {ignore: [negated]}")
    assert load(["health", ok]).rule("demo/near").ignore_modifiers
    bad = _write(tmp_path, "    patterns: [\"your @health_conditions\"]\n    context: {ignore: [negatted]}")
    with pytest.raises(YamlError) as exc:
        load(["health", bad])
    assert "r.yaml:" in str(exc.value) and "unknown modifier 'negatted'" in str(exc.value)


@pytest.mark.parametrize(("body", "message"), [
    ("    cooccur: {signals: [\"your\"]}", "2 or 3 single tokens"),
    ("    cooccur: {signals: [\"your\", \"@health_conditions\"], within: 20}", "from 0 to 8"),
    ("    cooccur: {signals: [\"your\", \"@health_conditions\"], barrier: [\"a b\"]}", "single words"),
    ("    cooccur: {signals: [\"your\", \"@nope\"]}", "bad pattern"),
    ("    patterns: [\"your\"]\n    cooccur: {signals: [\"a\", \"b\"]}", "exactly one of"),
    ("    tags: [x]", "exactly one of"),
])
def test_kind_errors_name_file_and_line(tmp_path, body, message):
    with pytest.raises(YamlError) as exc:
        load(["health", _write(tmp_path, body)])
    assert "r.yaml:" in str(exc.value) and message in str(exc.value)


def test_a_new_kind_is_one_module(tmp_path, monkeypatch):
    """A module with KEY and expand is all a kind needs: the schema accepts its key and the
    engine matches what it expands to."""
    from creeplint import Linter, Settings

    words = types.SimpleNamespace(KEY="words", DESCRIPTION="any of these words",
                                  expand=lambda value, file, line: ["|".join(value)])
    shipped = kinds.registry()
    monkeypatch.setattr(kinds, "registry", lambda: {**shipped, "words": words})
    monkeypatch.setenv("CREEPLINT_NO_CACHE", "1")
    path = _write(tmp_path, "    words: [diabetes, psoriasis]")
    assert load([path]).rule("demo/near").patterns == ["diabetes|psoriasis"]
    (result,) = Linter(Settings(rulesets=["context", path])).lint([{"text": "Psoriasis again?"}])
    assert [f.text for f in result.findings] == ["Psoriasis"]
