"""Suggestions quote whole words and phrases (issue 15): ``engine.quoting`` on its own, and
through the real pipeline."""

from __future__ import annotations

import json

import pytest

from creeplint.engine.quoting import quote

from .conftest import run_cli


@pytest.mark.parametrize(("text", "span", "quoted"), [
    ("We noticed you have been browsing boots.", "We noticed you have", "We noticed you have been browsing"),
    ("We noticed you have.", "We noticed you have", "We noticed you"),
    ("You looked at it on Sunday at 1:20 am.", "1:20", "1:20 am"),
    ("You looked at it at 1:20 a.m. yesterday", "1:20", "1:20 a.m."),
    ("You viewed it 6 times", "6", "6 times"),
    ("Save 20% today", "20", "20%"),
    ("You walked 3.5 miles", "miles", "3.5 miles"),
    ("You spent $120 on shoes", "120", "$120"),
    ("We saw you eyeing the coat", "saw you eyei", "saw you eyeing"),
    ("Your pre-approved loan", "approved", "pre-approved"),
    ("We noticed your cart", "We noticed your", "We noticed"),
    ("you searched for boots", "you searched for", "you searched for"),
    ("We saw you\n  at the store", "We saw you\n  at", "We saw you at"),
])
def test_quote_keeps_words_numbers_and_units_whole(text: str, span: str, quoted: str):
    start = text.index(span)
    assert quote(text, start, start + len(span)) == quoted


def test_a_clock_time_suggestion_keeps_its_am(tmp_path):
    (tmp_path / "a.txt").write_text("We noticed you browsing boots on Sunday at 1:20 am.\n")
    proc = run_cli("check", "--isolated", "-f", "json", "a.txt", cwd=tmp_path)
    findings = json.loads(proc.stdout)["messages"][0]["findings"]
    clock = next(f for f in findings if f["rule"] == "over-specific/clock-time")
    assert '("1:20 am")' in clock["suggestion"]
