"""Every shipped rule's own examples: each ``flag`` example raises the rule, each ``pass`` one does not."""

from __future__ import annotations

import pytest

from creeplint.rules.loader import load
from creeplint.selftest import check_modifier_examples, check_rule_examples

_BOOK = load()  # no spaCy here: only YAML, so collection stays fast


@pytest.mark.parametrize("rule_id", [r.id for r in _BOOK.rules])
def test_rule_examples(rule_id, engine, book):
    failures = check_rule_examples(engine, book, rule_id)
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize("modifier_id", [m.id for m in _BOOK.modifiers])
def test_modifier_examples(modifier_id, engine, book):
    failures = check_modifier_examples(engine, book, modifier_id)
    assert not failures, "\n".join(map(str, failures))


def test_every_category_has_rules():
    from creeplint.rules.loader import shipped_categories

    have = {r.category for r in _BOOK.rules}
    missing = set(shipped_categories()) - have  # (stacking is derived from other findings)
    assert not missing, f"no shipped rule for: {sorted(missing)}"


def test_every_rule_explains_itself():
    for r in _BOOK.rules:
        assert r.message and r.suggestion
        assert r.examples_flag and r.examples_pass


def _ruleset(rule) -> str:
    return rule.file.rsplit("/", 1)[-1].removesuffix(".yaml")


@pytest.mark.parametrize("name", sorted({_ruleset(r) for r in _BOOK.rules} - {"compositions"}))
def test_each_category_ruleset_loads_alone(name):
    """``-r health`` works on its own: a category ruleset uses only its own lexicons (the
    compositions ruleset may read every category's, not the other way round), and a rule
    that ignores a context modifier loads without the context ruleset too."""
    for specs in ([name], ["context", name]):
        book = load(specs)
        assert book.rules and {_ruleset(r) for r in book.rules} == {name}


def test_no_lexicon_lists_a_term_twice():
    from pathlib import Path

    import yaml

    import rulesets

    for path in sorted(Path(rulesets.__file__).parent.glob("*.yaml")):
        for name, lexicon in (yaml.safe_load(path.read_text()).get("lexicons") or {}).items():
            terms = lexicon["terms"] if isinstance(lexicon, dict) else lexicon
            twice = sorted({t for t in terms if terms.count(t) > 1})
            assert not twice, f"{path.name}: {name} lists {twice} twice"
