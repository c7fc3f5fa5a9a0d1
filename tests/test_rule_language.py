"""The pattern language and ruleset validation (errors must name file and line)."""

from __future__ import annotations

import pytest

from creeplint.rules.language import PatternError, compile_pattern, expand, inflections
from creeplint.rules.loader import load
from creeplint.rules.triggers import triggers
from creeplint.yamlfile import YamlError


def test_inflections_cover_regular_and_irregular_forms():
    assert {"notice", "notices", "noticed", "noticing"} <= set(inflections("notice"))
    assert {"stop", "stopped", "stopping"} <= set(inflections("stop"))
    assert {"see", "saw", "seen", "sees"} <= set(inflections("see"))
    assert {"study", "studies", "studied"} <= set(inflections("study"))


def test_groups_and_contractions_expand():
    # alternatives that differ in one word at the end (or start) factor into one pattern
    assert expand("(you|you've|you have) ~ask") == [["you", "'ve|have?", "~ask"]]
    assert expand("(we are|you are) here") == [["we|you", "are", "here"]]
    assert expand("(you|you have been) x") == [["you", "x"], ["you", "have", "been", "x"]]
    assert expand("we (have|'ve)? seen") == [["we", "have|'ve?", "seen"]]
    assert expand("can't stop") == [["ca", "n't", "stop"]]


def test_token_classes_compile():
    (pat,) = compile_pattern("^we #num #time #title !no|not * @lex?", {"lex"})
    assert pat[0] == {"LOWER": "we", "IS_SENT_START": True}
    assert pat[1] == {"LIKE_NUM": True}
    assert "REGEX" in pat[2]["LOWER"]
    assert pat[3] == {"IS_TITLE": True}
    assert pat[4] == {"LOWER": {"NOT_IN": ["no", "not"]}}
    assert pat[5] == {}
    assert pat[6] == {"_": {"cl_lex": True}, "OP": "?"}


@pytest.mark.parametrize(
    "pattern, message",
    [
        ("@nope you", "unknown lexicon"),
        ("#bogus", "unknown token class"),
        ("you? we?", "every token is optional"),
        ("(a|(b))", "nested"),
        ("a||b", "empty alternative"),
    ],
)
def test_bad_patterns_are_rejected(pattern, message):
    with pytest.raises(PatternError, match=message):
        compile_pattern(pattern, {"lex"})


def test_triggers_prefer_rare_words():
    (pat,) = compile_pattern("we ~notice you", set())
    words, lexes = triggers(pat)
    assert "noticed" in words and "we" not in words and not lexes


GOOD_RULE = """
  - id: demo/rule
    category: health
    severity: error
    message: m
    suggestion: s
    patterns: ["your diagnosis"]
    examples: {flag: ["about your diagnosis"], pass: ["a diagnosis"]}
"""


@pytest.mark.parametrize(
    "body, line, message",
    [
        ("rules:" + GOOD_RULE.replace("severity: error", "severity: loud"), 4, "severity must be one of"),
        ("rules:" + GOOD_RULE.replace("category: health", "category: gossip"), 3, "unknown category"),
        ("rules:" + GOOD_RULE + GOOD_RULE, 10, "duplicate id"),
        ("rules:" + GOOD_RULE.replace('"your diagnosis"', '"@missing x"'), 7, "unknown lexicon"),
        ("rules:" + GOOD_RULE.replace('    examples: {flag: ["about your diagnosis"], pass: ["a diagnosis"]}\n', ""),
         2, "missing 'examples'"),
        ("rules:" + GOOD_RULE.replace("    message: m\n", "    message: m\n    colour: red\n"), 6, "unknown rule key"),
        ("rules: [\n  - id: x\n", 2, "invalid YAML"),
    ],
)
def test_ruleset_errors_name_file_and_line(tmp_path, body, line, message):
    path = tmp_path / "mine.yaml"
    path.write_text(body)
    with pytest.raises(YamlError) as info:
        load([str(path)])
    assert info.value.file == str(path)
    assert info.value.line == line, str(info.value)
    assert message in str(info.value)


def test_yaml_cannot_construct_python_objects(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("rules: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(YamlError):
        load([str(path)])


def test_user_ruleset_loads_and_runs(tmp_path):
    from creeplint.engine.core import Engine
    from creeplint.engine.plan import compile_book

    path = tmp_path / "mine.yaml"
    path.write_text("rules:" + GOOD_RULE)
    book = load([str(path)])
    engine = Engine(compile_book(book))
    assert [f.rule for f in engine.analyse("We know about your diagnosis.")] == ["demo/rule"]
    assert engine.analyse("Read about a diagnosis.") == []


def test_name_class_matches_brand_capitalisation_not_all_caps(tmp_path):
    """``#name``: "Amazon" and "FitPulse" (which IS_TITLE misses), not "YOUR" or "fitpulse"."""
    from creeplint.engine.core import Engine
    from creeplint.engine.plan import compile_book

    path = tmp_path / "names.yaml"
    path.write_text(
        "rules:\n  - id: demo/name\n    category: cross_context\n    severity: error\n"
        "    message: m\n    suggestion: s\n"
        '    patterns: ["your #name says"]\n'
        '    examples: {flag: ["Your FitPulse says"], pass: ["Your fitpulse says"]}\n'
    )
    engine = Engine(compile_book(load([str(path)])))
    for text in ("Your FitPulse says hi.", "Your Amazon says hi.", "your GeneCheck2 says hi."):
        assert [f.rule for f in engine.analyse(text)] == ["demo/name"], text
    for text in ("Your FITPULSE says hi.", "Your fitpulse says hi.", "Your 2Fit says hi."):
        assert engine.analyse(text) == [], text


def test_raw_pattern_words_may_hold_any_character(tmp_path):
    """A raw pattern's trigger word may contain "|" (once read as a separator of trigger words)."""
    from creeplint.engine.core import Engine
    from creeplint.engine.plan import compile_book

    path = tmp_path / "codes.yaml"
    path.write_text(
        "rules:\n  - id: demo/code\n    category: tracked_behaviour\n    severity: error\n"
        "    message: m\n    suggestion: s\n"
        '    patterns: [[{LOWER: "save|now"}, {LOWER: {IN: ["a|b", "today"]}}]]\n'
        '    examples: {flag: ["Use save|now today"], pass: ["Use save now today"]}\n'
    )
    engine = Engine(compile_book(load([str(path)])))
    found = engine.analyse("Use code save|now today or SAVE|NOW a|b.")
    assert [f.text for f in found] == ["save|now today", "SAVE|NOW a|b"]
    assert engine.analyse("Use code save now today.") == []

def test_test_rules_runs_a_user_ruleset_next_to_the_shipped_context(tmp_path):
    from .conftest import run_cli

    path = tmp_path / "mine.yaml"
    path.write_text("rules:" + GOOD_RULE.replace('pass: ["a diagnosis"]', 'pass: ["a diagnosis", "If your diagnosis"]'))
    proc = run_cli("test-rules", str(path))
    assert proc.returncode == 0, proc.stdout.decode()
    assert proc.stdout.decode().strip().endswith("3 examples, 0 failed")  # only the given file's examples
    alone = run_cli("test-rules", "--alone", str(path))  # without the shipped 'hypothetical' modifier
    assert alone.returncode == 1 and b"should pass" in alone.stdout


# -- traps: patterns that would compile to something other than what they look like --------------
# Each error names the reading the pattern would have had (see docs/rules.md, "Traps").


@pytest.mark.parametrize(
    "pattern, reading",
    [
        # punctuation is literal, and "?" / "+" are punctuation too
        ("hey ,? we", "would be matched as one literal token ',?'"),
        ("hey ,? we", "not as an optional ','"),
        ("hey ,? we", "write (,)?"),
        ("a .+ b", "not as one or more '.'"),
        ("a ,|; b", "the literal token ',|;', not as ',' or ';'"),
        ("(a ,? b|c) d", "one literal token ',?'"),
        # ^ (and ! and ~) in front of a group
        ("^(we|i) saw", "a sentence-start token spelled '(we' or 'i)'"),
        ("^(we|i) saw", "write ^we|i"),
        ("^(we|i)? saw", "write ^we|i?"),
        ("^(we saw|i) you", "a sentence-start token spelled '(we'"),
        ("!(no|not) way", "any token except '(no' or 'not)'"),
        ("~(see|notice) you", "the words '(see' or 'notice)'"),
        # prefixes belong at the start of the token, once
        ("^we|^i saw", "'^i' would be matched as the literal word '^i'. Write ^we|i"),
        ("!no|!not way", "'!not' would be matched as the literal word '!not'. Write !no|not"),
        ("your diagnosis|@lex", "'@lex' would be matched as the literal word '@lex'"),
        ("your @lex|diagnosis", "one lexicon named '@lex|diagnosis'"),
        ("at #num|two", "one token class named '#num|two'"),
        ("we *|saw", "a literal '*', not any token"),
        ("we !@lex", "any token except the literal word '@lex'"),
        ("we !^saw", "(^ comes first: ^!a)"),
        ("^^we", "a sentence-start token spelled '^we'"),
        ("^ we", "a literal '^' token"),
        # | outside a group: no spaces, no joining groups
        ("we saw | noticed you", "it would be matched as a literal '|' token"),
        ("we saw | noticed you", "'a b|c d' is a (b|c) d"),
        ("we saw |noticed you", "a space before | ends the token"),
        ("we saw| noticed you", "a space after | ends the token"),
        ("(we saw)|(i noticed) you", "would read as (we saw) followed by the token '|(i'"),
        ("(we saw) | (i noticed) you", "a literal '|' token"),
        # a quantifier ends the token and covers all of its words
        ("you a{0,3}|b saw", "'a{0,3}' would be matched as the literal word 'a{0,3}', not as 0 to 3 'a'"),
        ("you a{0,3}|b saw", "a|b{0,3} is 0 to 3 tokens, each 'a' or 'b'"),
        ("you now?|just saw", "'now?' would be matched as the literal word 'now?'"),
        ("single and|? now", "the final '?' is read as a quantifier"),
        # what follows a group
        ("you (saw|noticed){0,2} it", "(saw|noticed) followed by a token '{0,2}'"),
        ("you (saw|noticed){0,2} it", "write saw|noticed{0,2}"),
        ("you (saw it)+ again", "(saw it) followed by a literal '+' token"),
        ("you (saw it)* again", "followed by a separate wildcard token '*'"),
        ("you (saw)?? it", "(saw)? followed by a literal '?' token"),
        ("(re|un)do it", "followed by the separate token 'do'"),
        ("you a(b|c) it", "one token spelled 'a(b' or 'c)'"),
        ("(you saw it", "unclosed group"),
    ],
)
def test_traps_are_rejected_with_their_reading(pattern, reading):
    with pytest.raises(PatternError) as info:
        compile_pattern(pattern, {"lex"})
    assert reading in str(info.value)


def test_readings_that_stay_valid():
    # | binds within a token: a b|c d is a (b|c) d
    assert compile_pattern("we saw|noticed you", set()) == [
        [{"LOWER": "we"}, {"LOWER": {"IN": ["noticed", "saw"]}}, {"LOWER": "you"}]
    ]
    # inside a group | separates token sequences
    assert compile_pattern("(we saw|noticed you)", set()) == [
        [{"LOWER": "we"}, {"LOWER": "saw"}], [{"LOWER": "noticed"}, {"LOWER": "you"}]
    ]
    # a quantifier after a word list covers the whole token, as the shipped rules rely on
    assert compile_pattern("you now|officially{0,2} here", set())[0][1] == {
        "LOWER": {"IN": ["now", "officially"]}, "OP": "{0,2}"
    }
    # ^ covers the whole word list; inside a group it goes on each alternative
    assert compile_pattern("^behind|late on", set())[0][0] == {
        "LOWER": {"IN": ["behind", "late"]}, "IS_SENT_START": True
    }
    assert [p[0] for p in compile_pattern("(^still in|^struggling with) debt", set())] == [
        {"LOWER": "still", "IS_SENT_START": True}, {"LOWER": "struggling", "IS_SENT_START": True}
    ]
    # a group followed by punctuation, or a contraction suffix, reads as it looks
    assert compile_pattern("(hi|hey), #title", set())[0][1] == {"ORTH": ","}
    assert compile_pattern("(you|we)'re here", set())[0][1] == {"LOWER": "'re"}
    # punctuation with {n,m} quantifies (the braces cannot be part of the literal)
    assert compile_pattern("we ,{0,2} saw", set())[0][1] == {"LOWER": ",", "OP": "{0,2}"}
    # ^* is ^ with the quantifier *: zero or more literal "^" tokens (kept: shipped rules use it);
    # ^*{1} is a sentence-start wildcard
    assert compile_pattern("^* x", set())[0][0] == {"LOWER": "^", "OP": "*"}
    assert compile_pattern("^*{1} x", set())[0][0] == {"OP": "{1}", "IS_SENT_START": True}


def test_optional_punctuation_group_is_one_optional_token():
    """(,)? used to become the literal token ",?"; it is an optional comma now."""
    assert expand("hey (,)? #title") == [["hey", ",{0,1}", "#title"]]
    assert compile_pattern("hey (,)? #title", set()) == [
        [{"LOWER": "hey"}, {"LOWER": ",", "OP": "{0,1}"}, {"IS_TITLE": True}]
    ]
    assert compile_pattern("hey (!)? you", set())[0][1] == {"LOWER": "!", "OP": "{0,1}"}
    assert len(compile_pattern("hey (,|;)? you", set())) == 3


def test_trap_errors_come_through_the_loader_with_file_and_line(tmp_path):
    path = tmp_path / "traps.yaml"
    two = 'patterns:\n      - "your diagnosis"\n      - "hey ,? your diagnosis"'
    path.write_text("rules:" + GOOD_RULE.replace('patterns: ["your diagnosis"]', two))
    with pytest.raises(YamlError) as info:
        load([str(path)])
    assert info.value.file == str(path)
    assert info.value.line == 9, str(info.value)
    assert str(info.value).startswith(f"{path}:9: bad pattern: ',?' would be matched as one literal token ',?'")


def test_optional_comma_matches_with_and_without_a_comma(tmp_path):
    from creeplint.engine.core import Engine
    from creeplint.engine.plan import compile_book

    path = tmp_path / "comma.yaml"
    path.write_text(
        "rules:\n  - id: demo/comma\n    category: tracked_behaviour\n    severity: error\n"
        "    message: m\n    suggestion: s\n"
        '    patterns: ["hey (,)? #title (,)? we saw"]\n'
        '    examples: {flag: ["Hey, Dana, we saw it."], pass: ["Hey dana we saw it."]}\n'
    )
    engine = Engine(compile_book(load([str(path)])))
    assert [f.text for f in engine.analyse("Hey, Dana, we saw it.")] == ["Hey, Dana, we saw"]
    assert [f.text for f in engine.analyse("Hey Dana we saw it.")] == ["Hey Dana we saw"]
    assert engine.analyse("Hey dana we saw it.") == []


def test_every_shipped_pattern_still_compiles():
    """The trap checks must not reject anything the shipped rulesets use."""
    from creeplint.rules import language

    book = load()
    lexicons = frozenset(book.lexicons)
    patterns = [p for item in [*book.rules, *book.modifiers] for p in item.patterns]
    assert len(patterns) > 400
    for p in patterns:
        # uncached: a rule book read from the on-disk cache was compiled by older code
        compiled = language._compile(p, lexicons) if isinstance(p, str) else compile_pattern(p, lexicons)
        assert compiled, p


def test_a_sentence_start_term_may_hold_several_words(tmp_path, engine):
    """``^@lexicon`` anchors the term's first word; the rest of a several-word term ("laid off")
    is not a sentence start and must not be required to be one."""
    lexicons = frozenset({"demo_states"})
    (pat,) = compile_pattern("^@demo_states *{0,4} ?", lexicons)
    term = {"cl_demo_states": True}
    assert pat[:2] == [{"_": term, "IS_SENT_START": True}, {"_": term, "OP": "*"}]
    found = {f.rule: f.text for f in engine.analyse("Laid off and behind on rent?")}
    assert found["life-event/presupposed"] == "Laid off and behind on rent?"
