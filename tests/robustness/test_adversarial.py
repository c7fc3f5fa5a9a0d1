"""Untrusted rulesets and adversarial copy: unsafe regular expressions are rejected at
validation, and the shipped engine checks 50 KB of hostile text in well under a second."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from creeplint.rules.language import PatternError, compile_pattern
from creeplint.rules.regex_safety import regex_problem

ADVERSARIAL = {
    "one 50,000-letter token": "a" * 50_000 + "!",
    "50,000 digits": "1" * 50_000 + "x",
    "one token repeated": "you " * 12_500,
    "clock times": "11:42pm " * 6_000,
    "zero-width run": "we n" + "\u200b" * 50_000 + "oticed you",
    "newlines": "a\n" * 25_000,
    "one sentence, many words": "We noticed you searched for " + "tents " * 8_000,
}


def _best_of_two(linter, text: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        list(linter.lint([{"text": text}]))
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_shipped_engine_is_fast_on_50kb_adversarial_input(linter, name):
    """The one timing assertion the issue asks for: well under a second (bound: 1 s, best of 2)."""
    took = _best_of_two(linter, ADVERSARIAL[name])
    assert took < 1.0, f"{name}: {took:.2f} s"


def test_thousands_of_findings_in_one_message(linter):
    """50 KB that is one trigger phrase 3,400 times: 3,400 real findings, ~1 s (bound: 3 s)."""
    took = _best_of_two(linter, "we noticed you " * 3_400)
    assert took < 3.0, f"{took:.2f} s"


def _lint_in_child(linter, text):  # type: ignore[no-untyped-def]
    list(linter.lint([{"text": text}]))


# spaCy's tokenizer splits prefix/suffix punctuation one character at a time and re-scans the
# rest, so a whitespace-free run of '(', '$' or emoji was O(n^2) (50,000 '(' took ~390 s);
# engine.normalise now breaks such runs every 64 characters.
@pytest.mark.parametrize("text", ["(" * 50_000, "😀" * 50_000, "$" * 50_000, '"!' * 25_000])
def test_long_punctuation_runs_are_fast(linter, text):
    ctx = multiprocessing.get_context("fork")
    child = ctx.Process(target=_lint_in_child, args=(linter, text))
    child.start()
    child.join(3.0)
    finished = not child.is_alive()
    if not finished:
        child.terminate()
        child.join()
    assert finished and child.exitcode == 0, "took more than 3 s"


# ---- regular expressions in user rulesets ----

@pytest.mark.parametrize("regex", [
    r"(a+)+$", r"^(a+)+$", r"(.*)*", r"(a|aa)*", r"^(a|aa)+$", r"(\w+\s?)+", r"^(a{1,9}){2,}$", r"(x+x+)+y",
    r"a+b", r"\d+%", r"^\d+\d+x", r"^a*a*$", r"(a)\1", "a" * 201, r"(unclosed",
])
def test_unsafe_regexes_are_rejected(regex):
    assert regex_problem(regex)
    with pytest.raises(PatternError, match="REGEX"):
        compile_pattern([{"LOWER": {"REGEX": regex}}], set())


@pytest.mark.parametrize("regex", [
    r"^\d{1,2}([:.]\d{2})?\s*(am|pm|a\.m\.|p\.m\.|h)$|^\d{1,2}:\d{2}$",  # the shipped #time
    r"^colou?r$", r"colou?rs?", r"^[a-z]+(ing|ed)$", r"^(ab|cd)+$", r"(\d{2}){1,3}", r"^\w+@\w{1,20}$",
    r"\d{1,40}%", r"^(?:mr|mrs|ms)\.?$",
])
def test_safe_regexes_are_accepted_and_fast(regex):
    import re

    assert regex_problem(regex) is None
    for token in ("a" * 50_000 + "!", "1" * 50_000 + "x", "ab" * 25_000, "a@" * 25_000, "\u00e9" * 50_000):
        start = time.perf_counter()
        re.search(regex, token)
        assert time.perf_counter() - start < 0.5, (regex, token[:5])


def test_nested_predicates_are_checked_everywhere():
    for pattern in ([{"_": {"ext": {"REGEX": "(a+)+"}}}], [{"TEXT": {"NOT_IN": ["x"]}}, {"LOWER": {"REGEX": "(.*)*"}}]):
        with pytest.raises(PatternError, match="unsafe REGEX"):
            compile_pattern(pattern, set())
    compile_pattern([{"LOWER": {"FUZZY": "pregnant"}}, {"LOWER": {"FUZZY1": "baby"}}], set())


def test_user_ruleset_with_safe_regex_is_fast_on_adversarial_input(tmp_path):
    from creeplint.linter import Linter

    (tmp_path / "mine.yaml").write_text("""\
rules:
  - id: over_specific/test-ordinal
    category: over_specific
    severity: warning
    message: Test.
    suggestion: Test.
    patterns:
      - [{LOWER: "your"}, {LOWER: {REGEX: '^\\d{1,3}(st|nd|rd|th)$'}}, {LOWER: "visit"}]
    examples:
      flag: ["your 3rd visit"]
      pass: ["your visit"]
""")
    lin = Linter(rulesets=[str(tmp_path / "mine.yaml")])
    assert [f.rule for r in lin.lint([{"text": "Welcome back for your 3rd visit"}]) for f in r.findings]
    for text in ("your " + "1" * 50_000 + "th visit", "your " * 10_000):
        assert _best_of_two(lin, text) < 1.0
