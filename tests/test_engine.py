"""Engine mechanisms, tested with a small ruleset written here (independent of shipped rule content)."""

from __future__ import annotations

import pytest

from creeplint.engine.normalise import normalise
from creeplint.findings.scoring import Thresholds, score
from creeplint.linter import Linter, LintOptions

RULESET = """
lexicons:
  conditions: {inflect: true, terms: [diabetes, migraine, sleep apnoea]}
rules:
  - id: demo/noticed
    category: tracked_behaviour
    severity: error
    message: m
    suggestion: "Drop '{match}'."
    patterns: ["(we|i) ~notice (that)? you|your"]
    examples: {flag: ["We noticed you left."], pass: ["We noticed a sign-in."]}
  - id: demo/condition
    category: health
    severity: error
    message: m
    suggestion: s
    patterns: ["your @conditions"]
    examples: {flag: ["Your diabetes"], pass: ["Diabetes guide"]}
  - id: demo/count
    category: over_specific
    severity: warning
    message: m
    suggestion: s
    when: {categories: [tracked_behaviour]}
    patterns: ["#num times"]
    examples: {flag: ["We noticed you looked 4 times."], pass: ["Rinse 4 times."]}
modifiers:
  - id: demo-consent
    categories: [tracked_behaviour, health]
    sentence_only: [health]
    scope: {sentence: 0.0, message: 0.2}
    patterns: ["you asked us"]
  - id: demo-negation
    categories: ["*"]
    scope: {before: 0.0}
    window: 3
    patterns: ["not|n't|never"]
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "demo.yaml"
    path.write_text(RULESET)
    return Linter(LintOptions(rulesets=[str(path)]))


def lint(linter, text):
    (result,) = linter.lint([{"id": "m", "text": text}])
    return result


def test_normalise_maps_back_exactly():
    text = "We  n\u200boticed\u00a0you\n\n\nthere \u2019s"
    norm, ns, os_ = normalise(text)
    assert norm == "We noticed you\n\nthere 's"
    from creeplint.engine.normalise import to_orig as _to_orig

    i = norm.index("you")
    assert text[_to_orig(i, ns, os_) : _to_orig(i, ns, os_) + 3] == "you"


def test_zero_width_characters_do_not_hide_words(demo):
    r = lint(demo, "We n\u200boticed you were here.")
    assert [f.rule for f in r.findings] == ["demo/noticed"]
    assert r.findings[0].text == "We n\u200boticed you"


def test_curly_apostrophes_and_hard_wrapped_lines(demo):
    r = lint(demo, "Honestly, we\nnoticed your\nbasket.")
    assert [f.rule for f in r.findings] == ["demo/noticed"]
    assert (r.findings[0].line, r.findings[0].end_line) == (1, 2)


def test_multiword_lexicon_terms_inflect(demo):
    assert [f.rule for f in lint(demo, "About your migraines.").findings] == ["demo/condition"]
    assert lint(demo, "Read our migraine guide.").findings == []


def test_multiword_lexicon_terms_match_hyphenated(demo):
    (f,) = lint(demo, "Is your sleep-apnoea worse?").findings
    assert (f.rule, f.text) == ("demo/condition", "your sleep-apnoea")
    assert lint(demo, "Your sleep - it matters - apnoea or not.").findings == []


def test_consent_same_sentence_removes_elsewhere_lowers(demo):
    assert lint(demo, "You asked us, and we noticed you like jazz.").findings == []
    r = lint(demo, "We noticed you like jazz. You asked us to tell you.")
    (f,) = r.findings
    assert f.weight == pytest.approx(0.75 * 0.2)
    assert [a.reason for a in f.adjustments] == ["demo-consent"]
    assert r.verdict == "pass"


def test_sentence_only_categories_are_excused_in_the_same_sentence_only(demo):
    """An alert the reader asked for explains the tracking in the mail, not a condition named
    in another sentence."""
    assert lint(demo, "You asked us about your diabetes.").findings == []
    (f,) = lint(demo, "Your diabetes is on file. You asked us to tell you.").findings
    assert f.adjustments == [] and f.weight == pytest.approx(0.75)


def test_sentence_only_must_name_known_categories(tmp_path):
    from creeplint.rules.loader import load
    from creeplint.yamlfile import YamlError

    path = tmp_path / "m.yaml"
    path.write_text(RULESET.replace("sentence_only: [health]", "sentence_only: [helth]"))
    with pytest.raises(YamlError) as exc:
        load([str(path)])
    assert "m.yaml:" in str(exc.value) and "'sentence_only' must list known categories" in str(exc.value)


def test_negation_just_before_removes_finding(demo):
    assert lint(demo, "It is not your diabetes.").findings == []
    assert lint(demo, "Not today. Your diabetes matters.").findings != []


def test_dependent_rule_needs_a_base_finding_in_the_sentence(demo):
    r = lint(demo, "We noticed you looked 4 times.")
    assert sorted(f.rule for f in r.findings) == ["demo/count", "demo/noticed"]
    assert lint(demo, "Rinse 4 times. We noticed you.").findings[-1].rule == "demo/noticed"
    assert all(f.rule != "demo/count" for f in lint(demo, "Rinse 4 times. We noticed you.").findings)


def test_stacking_scores_higher_than_any_single_category(demo):
    one = lint(demo, "We noticed you left.")
    two = lint(demo, "We noticed you left. Your diabetes matters.")
    assert two.score > one.score
    assert "stacking/several-inferences" in [f.rule for f in two.findings]
    assert "stacking/several-inferences" not in [f.rule for f in one.findings]


def test_suggestion_can_quote_the_match(demo):
    (f,) = lint(demo, "We noticed you left.").findings
    assert f.suggestion == "Drop 'We noticed you'."


def test_thresholds_decide_the_verdict():
    th = Thresholds(warn_at=30, fail_at=60)
    assert [th.verdict(s) for s in (0, 29, 30, 59, 60, 100)] == ["pass", "pass", "warn", "warn", "fail", "fail"]
    assert score([], th) == (0, "pass")


def test_linter_is_picklable_and_rebuilds(demo):
    import pickle

    clone = pickle.loads(pickle.dumps(demo))
    assert clone.settings == demo.settings and clone._engine is None


def test_api_dicts_get_merge_tags_masked_like_files():
    linter = Linter(LintOptions(rulesets=["merge_tags"]))
    (r,) = linter.lint([{"id": "a", "text": "Hi {{ first_name }}, your pick: {{ last_viewed_product }}"}])
    (f,) = r.findings
    assert f.text == "last_viewed_product" and f.column == 36  # the name inside "{{ … }}"
    assert "{{" not in r.text


def test_one_span_counts_for_one_category_when_stacking():
    """Two categories found on the same words are one inference; apart, they stack."""
    from creeplint.findings.derive import stacking
    from creeplint.model import Finding

    def f(category: str, start: int, end: int) -> Finding:
        return Finding("r/" + category, category, "error", "m", "s", start, end, "x" * (end - start), 0.75)

    stacks = frozenset({"tracked_behaviour", "engagement_tracking", "health"})
    assert stacking([f("tracked_behaviour", 0, 20), f("engagement_tracking", 5, 20)], stacks, 0.15) is None
    both = stacking([f("tracked_behaviour", 0, 20), f("engagement_tracking", 5, 20), f("health", 30, 40)], stacks, 0.15)
    assert both is not None and "health, tracked_behaviour" in both.message and both.start == 30


def test_spellings_read_variants_as_words_and_keep_positions(tmp_path):
    """A rule written for "you looked at" matches texting register; the finding quotes it as written."""
    (tmp_path / "r.yaml").write_text(
        "spellings:\n  you: [u]\n  looking: [lookin]\n"
        "rules:\n  - id: demo/looking\n    category: tracked_behaviour\n    severity: error\n"
        "    message: m\n    suggestion: s\n    patterns: [\"saw you looking at\"]\n"
        "    examples: {flag: [\"saw you looking at it\"], pass: [\"you look great\"]}\n"
    )
    linter = Linter(LintOptions(rulesets=[str(tmp_path / "r.yaml")]))
    (r,) = linter.lint([{"id": "m", "text": "hey, saw u lookin at the boots"}])
    (f,) = r.findings
    assert (f.text, f.column, f.end_column) == ("saw u lookin at", 6, 21)


def test_spellings_errors_name_file_and_line(tmp_path):
    from creeplint.rules.loader import load
    from creeplint.yamlfile import YamlError

    base = "rules:\n  - id: demo/x\n    category: health\n    severity: info\n    message: m\n    suggestion: s\n" \
           "    patterns: [\"diabetes\"]\n    examples: {flag: [diabetes], pass: [fine]}\n"
    (tmp_path / "a.yaml").write_text("spellings:\n  you: [u]\n" + base)
    (tmp_path / "b.yaml").write_text("spellings:\n  thee: [u]\n" + base.replace("demo/x", "demo/y"))
    with pytest.raises(YamlError) as exc:
        load([str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])
    assert "b.yaml:2" in str(exc.value) and "already stands for 'you'" in str(exc.value)
    (tmp_path / "c.yaml").write_text("spellings:\n  you: u\n" + base)
    with pytest.raises(YamlError, match=r"c\.yaml:2: spelling 'you' needs a list"):
        load([str(tmp_path / "c.yaml")])


def test_sentence_cache_gives_what_an_uncached_engine_gives():
    """Repeated sentences are matched once per engine; positions, context and dependent
    findings still come out as if every message were matched afresh."""
    from creeplint.engine.core import Engine

    texts = [
        "We noticed you looked at the boots 3 times. Shop now.",
        "Hi Sam,\n\nShop now. We noticed you looked at the boots 3 times.",
        "You asked us to alert you. We noticed you looked at the boots 3 times.",
        "Your diabetes review is confirmed. We noticed you looked at the boots 3 times.",
        "We noticed you looked at the boots 3 times. Shop now.",
    ]
    linter = Linter()
    cached = linter.engine
    fresh = Engine(cached.c)
    fresh._cache = None
    got = [[f.to_dict() for f in cached.analyse(t)] for t in texts]
    assert cached._cache is not None and cached._cache[0]  # sentences were remembered
    assert got == [[f.to_dict() for f in fresh.analyse(t)] for t in texts]
    assert got[0] and got[0] == got[4]
    assert got[1][0]["column"] != got[0][0]["column"]


def test_all_caps_contractions_split_like_lower_case_and_keep_positions():
    text, starts, origs = normalise("OK. YOU'RE 21 NOW, WE'VE HEARD! O'NEIL'S")
    assert text == "OK. you're 21 NOW, we've HEARD! O'neil's" and (starts, origs) == ([0], [0])
    found = [f for f in Linter().engine.analyse("YOU'RE 21 NOW JAKE!") if f.category == "age"]
    assert found and all(f.text.startswith("YOU'RE 21") and f.column == 1 for f in found)


def test_a_list_item_is_a_sentence_of_its_own():
    """A line break before "- ", "* ", "• " or "1. " is kept, so no pattern runs across items."""
    text = "Inside the guide:\n- Warning signs in your third trimester\n- What to pack\nand more\ntext"
    norm, starts, origs = normalise(text)
    assert norm == "Inside the guide:\n- Warning signs in your third trimester\n- What to pack and more text"
    assert len(norm) == len(text) and starts == origs
    sents = [s.text.strip() for s in Linter().engine.c.nlp(norm).sents]
    assert sents[1:] == ["- Warning signs in your third trimester", "- What to pack and more text"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Tips for June.\n\nRecent history\nThe clock icon shows your last notes.", True),
        ("Your week in review\nThree new features landed.", True),
        ("Intro.\n\nWe saw you at\nThe Copper Tap last night.", False),  # the line needs more
        ("Hi Sam,\nThanks for your order.", False),  # punctuation: a greeting, not a heading
        ("A hard-wrapped line of ordinary prose that runs on\nAnd continues below.", False),  # too long
        ("Recent history\nthe clock icon shows your notes.", False),  # no capital below
    ],
)
def test_a_heading_line_ends_its_sentence(text, kept):
    """A short first line of a paragraph, ending in a word, before a capitalised line, keeps its
    line break, so no pattern runs from the heading into the sentence below; wrapped prose does not."""
    norm, starts, origs = normalise(text)
    assert ("\n" in norm.replace("\n\n", "")) is kept
    assert len(norm) == len(text) and starts == origs


def test_a_heading_does_not_lend_its_words_to_the_next_sentence():
    text = "Here's what's new.\n\nRecent history\nThe clock icon shows your last 20 notes."
    (res,) = Linter().lint([{"text": text, "channel": "email"}])
    assert res.verdict == "pass", [f.rule for f in res.findings]
    wrapped_text = "Here's what's new.\n\nYour browsing history\nshows you love boots."
    (wrapped,) = Linter().lint([{"text": wrapped_text, "channel": "email"}])
    assert wrapped.verdict != "pass"
