"""The learned rule (``rulesets/learned.yaml``): a logistic model over the engine's signals."""

from __future__ import annotations

import json
import shutil
from importlib import resources

import pytest

from creeplint import Linter, Settings
from creeplint.rules.loader import load
from creeplint.yamlfile import YamlError

RULE = "learned/signal-composition"
# a health reading a rule only notes (info); the learned rule reads reader + health + "we" together
HOOK = "Your blood sugar readings have us thinking about our meal plans for you."


def _one(linter: Linter, text: str, channel: str = "email"):  # type: ignore[no-untyped-def]
    return next(linter.lint([{"text": text, "channel": channel}]))


def test_weights_name_only_signals_the_shipped_rulesets_define(book):
    """A renamed lexicon, modifier or category would silently zero its weights: every feature
    the shipped weights use must be one the engine can still produce."""
    data = json.loads(resources.files("creeplint.rulesets").joinpath("learned_weights.json").read_text())
    assert 0 < data["threshold"] < 1 and len(data["weights"]) > 1000
    lexicons = {f"L:{lex.name}" for lex in book.lexicons.values()}
    signals = {f"S:{lex.signal or lex.name}" for lex in book.lexicons.values()}
    modifiers = {f"{p}:{m.id}" for m in book.modifiers for p in ("M", "MM")}
    categories = {f"{p}:{c}" for c in book.categories for p in ("RC", "K")}
    channels = {f"ch:{c}" for c in ("email", "ad", "sms", "push", "in_app")}
    cues = {"rd", "we", "i", "q", "num", "first", "later", "bias"}
    known = lexicons | signals | modifiers | categories | channels | cues
    unknown = {part for f in data["weights"] for part in f.split("&") if part not in known}
    assert not unknown, sorted(unknown)[:10]


def test_learned_finding_lists_its_signals_and_reports_a_signal_category(linter):
    res = _one(linter, HOOK)
    learned = [f for f in res.findings if f.rule == RULE]
    assert learned and res.verdict == "warn"
    f = learned[0]
    assert f.category in {"age", "health"}  # the sentence's rule category, not the rule's own "learned"
    names = {s.name for s in f.signals}
    assert {"reader"} <= names and any(n.startswith("attribute:") for n in names)
    assert f.text == HOOK[f.start:f.end] and f.start < HOOK.index("sugar") < f.end


def test_rules_alone_do_not_flag_the_hook():
    res = _one(Linter(rules={RULE: "off"}), HOOK)
    assert res.verdict == "pass" and all(f.rule != RULE for f in res.findings)


def test_context_in_the_sentence_still_excuses(linter):
    """The model reads modifiers, but a hypothetical or consent weighs its finding like any rule's."""
    res = _one(linter, "If your blood sugar readings are ever high, ask your doctor about our meal plans.")
    assert all(f.rule != RULE or f.weight < 0.3 for f in res.findings)


def test_category_setting_reaches_learned_findings():
    on = _one(Linter(), HOOK)
    cat = next(f.category for f in on.findings if f.rule == RULE)
    off = _one(Linter(rules={f"{cat}/*": "off"}), HOOK)
    assert all(f.rule != RULE for f in off.findings)
    quiet = _one(Linter(rules={f"{cat}/*": "info"}), HOOK)
    assert next(f.severity for f in quiet.findings if f.rule == RULE) == "info"


def test_clean_and_transactional_copy_stays_clean(linter):
    for text in (
        "Your order #4412 has shipped and arrives Thursday by 8 pm.",
        "Our spring sale starts Monday: 20% off everything in store, 9 am to 6 pm.",
        "You set a price alert for this blender: it is now $39, as you asked.",
    ):
        assert _one(linter, text).verdict == "pass", text


def test_same_input_same_findings(linter):
    first = [f.to_dict() for f in _one(linter, HOOK).findings]
    assert first == [f.to_dict() for f in _one(Linter(Settings()), HOOK).findings]


def _ruleset(tmp_path, weights: str, more: str = "") -> str:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "rules:\n  - id: mine/learned\n    category: learned\n    severity: warning\n"
        f"    learned: {{weights: {weights}{more}}}\n    message: m\n    suggestion: s\n"
        "    examples: {flag: [x], pass: [y]}\n"
    )
    return str(path)


def test_a_user_ruleset_reads_weights_beside_it(tmp_path):
    shutil.copy(resources.files("creeplint.rulesets").joinpath("learned_weights.json"), tmp_path / "w.json")
    lint = Linter(extend_rulesets=[_ruleset(tmp_path, "w.json")], rules={RULE: "off"})
    assert [s.rule.id for s in lint.engine.c.learned] == ["mine/learned"]
    assert "mine/learned" in {f.rule for f in _one(lint, HOOK).findings}


def test_defers_to_leaves_what_tagged_rules_judged_mild(tmp_path):
    """A need question to customers that an attribute-hook rule notes at info stays a pass:
    without ``defers_to`` the scorer would overrule the hand-written judgement."""
    shutil.copy(resources.files("creeplint.rulesets").joinpath("learned_weights.json"), tmp_path / "w.json")
    text = "Struggling with debt? Consolidate today."
    assert _one(Linter(), text).verdict == "pass"
    plain = Linter(extend_rulesets=[_ruleset(tmp_path, "w.json")], rules={RULE: "off"})
    assert "mine/learned" in {f.rule for f in _one(plain, text).findings}
    mine = _ruleset(tmp_path, "w.json", ", defers_to: [attribute-hook]")
    deferring = Linter(extend_rulesets=[mine], rules={RULE: "off"})
    assert "mine/learned" not in {f.rule for f in _one(deferring, text).findings}


@pytest.mark.parametrize(
    ("weights", "content", "error"),
    [
        ("missing.json", None, "cannot read weights file"),
        ("w.json", "{not json", "cannot read weights file"),
        ("w.json", '{"weights": {}}', "needs 'threshold'"),
        ("../w.json", None, "in the ruleset's own folder"),
        ("w.json, defers_to: attribute-hook", "", "must be a list of rule tags"),
        ("w.json, threshold: 0.5", "", "optionally 'defers_to'"),
    ],
)
def test_bad_weights_are_a_ruleset_error_with_its_line(tmp_path, weights, content, error):
    if content is not None:
        (tmp_path / "w.json").write_text(content)
    with pytest.raises(YamlError) as exc:
        load([_ruleset(tmp_path, weights)])
    assert error in str(exc.value) and "mine.yaml" in str(exc.value)
