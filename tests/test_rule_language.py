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
