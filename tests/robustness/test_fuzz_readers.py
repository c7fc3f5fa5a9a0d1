"""Property-based tests: every reader, fed arbitrary or hostile input, through ``read_source``
and the Linter. No exception escapes, positions lie inside the file (and, where a format
maps 1:1, the finding's text is the source slice), and two runs give the same output."""

from __future__ import annotations

import json

import yaml
from hypothesis import given
from hypothesis import strategies as st

from .conftest import FUZZ, count_case, run, run_twice

FORMATS = ["a.txt", "a.md", "a.jsonl", "a.html", "a.eml", "a.mjml", "a.yaml", "a.json", "a.csv", "a.tsv"]

# Pieces that stress readers and the position mapping.
NASTY = [
    "\r\n", "\r", "\n", "\u2028", "\u2029", "\x00", "\u200b", "\u200d", "\u00ad", "\ufeff", "\u202e", "\u200f",
    "e\u0301", "\u0301\u0301", "👩\u200d👩\u200d👧", "🇺🇳", "😀", "مرحبا بك", "שלום", "ﷺ", "\t", "\x0b", "\x0c",
    "{{ first_name }}", "*|FNAME|*", "%%First%%", "{{", "}}", "<", ">", "&", "&amp;", "&#x2019;", "&bogus",
    '"', "'", "\\", "\\u", "\\ud83d", ",", ";", "---", "- ", ": ", "#", "|", "!!python/object:os.system",
    "We noticed you", "we n\u200boticed you", "you searched for", "your pregnancy", "Still thinking about",
    "Subject: ", "=?utf-8?q?x?=", "=20", "=\r\n", "<!--", "-->", "<![CDATA[", "<script>", "</p>",
]
pieces = st.one_of(st.text(max_size=40), st.sampled_from(NASTY))
nasty_text = st.lists(pieces, max_size=30).map("".join)
copy_text = st.lists(st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
                               st.sampled_from([*NASTY[17:], "We noticed you searched for tents. "])),
                     max_size=12).map("".join)


@FUZZ
@given(name=st.sampled_from(FORMATS), text=nasty_text)
def test_any_text_in_any_format(linter, name, text):
    count_case("any text, every format")
    run_twice(linter, name, text.encode("utf-8"))


@FUZZ
@given(name=st.sampled_from(FORMATS), data=st.binary(max_size=600))
def test_any_bytes_in_any_format(linter, name, data):
    count_case("any bytes, every format")
    run(linter, name, data)


@FUZZ
@given(name=st.sampled_from(FORMATS), text=copy_text, cut=st.integers(0, 10_000),
       enc=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_truncated_files(linter, name, text, cut, enc):
    """A well-formed file cut anywhere (mid-tag, mid-string, mid-UTF-8 sequence)."""
    count_case("truncated files")
    full = _wrap(name, text).encode(enc)
    run(linter, name, full[: cut % (len(full) + 1)])


def _wrap(name: str, text: str) -> str:
    """A well-formed file of this format whose copy is ``text``."""
    if name.endswith(".jsonl"):
        return json.dumps({"id": "m1", "subject": text[:10], "text": text}) + "\n"
    if name.endswith(".json"):
        return json.dumps({"messages": [{"id": "m1", "subject": text[:10], "text": text}]}, indent=2)
    if name.endswith(".yaml"):
        return yaml.safe_dump({"messages": [{"id": "m1", "text": text}]}, allow_unicode=True)
    if name.endswith(".html"):
        return f"<html><body><p>{text}</p></body></html>"
    if name.endswith(".mjml"):
        return ("<mjml><mj-body><mj-section><mj-column><mj-text>"
                f"{text}</mj-text></mj-column></mj-section></mj-body></mjml>")
    if name.endswith(".eml"):
        return f"Subject: Hi\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}"
    if name.endswith((".csv", ".tsv")):
        sep = "\t" if name.endswith(".tsv") else ","
        cell = '"' + text.replace('"', '""') + '"'
        return sep.join(["Campaign", "Ad group", "Headline 1", "Description 1"]) + "\n" + sep.join(
            ["c", "g", "Hi", cell]) + "\n"
    if name.endswith(".md"):
        return f"---\nid: m1\nchannel: email\n---\n{text}\n"
    return text


@FUZZ
@given(name=st.sampled_from(FORMATS), depth=st.integers(1, 3000))
def test_deep_nesting(linter, name, depth):
    count_case("deep nesting")
    if name.endswith((".html", ".mjml", ".eml")):
        inner = "<div>" * depth + "We noticed you" + "</div>" * depth
        doc = _wrap(name, "x").replace("x", inner, 1) if not name.endswith(".eml") else _wrap(name, inner)
    elif name.endswith(".json"):
        doc = '{"messages": [{"text": "We noticed you", "x": ' + "[" * depth + "]" * depth + "}]}"
    elif name.endswith(".yaml"):
        doc = "messages:\n  - text: We noticed you\n    x: " + "[" * depth + "]" * depth + "\n"
    elif name.endswith(".jsonl"):
        doc = '{"text": "We noticed you", "x": ' + "[" * depth + "]" * depth + "}\n"
    else:
        doc = _wrap(name, "(" * min(depth, 300) + "We noticed you" + ")" * min(depth, 300))
    run(linter, name, doc.encode())


@FUZZ
@given(name=st.sampled_from(FORMATS), n=st.integers(1, 60_000),
       piece=st.sampled_from(["a", "ab ", "€ ", "\u200b", "é", "😀 ", "(x) ", "1"]))
def test_huge_single_line(linter, name, n, piece):
    """Long runs of punctuation *without spaces* are covered by test_long_punctuation_runs_are_fast."""
    count_case("huge single lines")
    run(linter, name, _wrap(name, "We noticed you " + piece * (n // len(piece))).encode())


# ---- formats that map 1:1: the finding's text is exactly the source slice ----

line_ends = st.sampled_from(["\n", "\r\n", "\r", "\u2028", " "])
sentences = st.sampled_from([
    "We noticed you searched for tents.", "we n\u200boticed you browsed hiking boots", "Still thinking about it?",
    "You viewed this 4 times.", "Congrats on the new baby 👶!", "نحن لاحظنا", "Café e\u0301 déjà vu.",
    "Hi {{ first_name }}, we saw you looking at shoes.", "Your pregnancy journey starts here.",
    "You're 200 m from our Elm St store.", "As you asked, here is the price alert.",
])
body = st.lists(st.tuples(sentences, line_ends, st.sampled_from(["", " ", "\u200b", "😀", "\u202e"])), max_size=8).map(
    lambda parts: "".join(s + pad + end for s, end, pad in parts))


@FUZZ
@given(text=body)
def test_text_positions_are_source_slices(linter, text):
    count_case("1:1 positions: txt")
    run_twice(linter, "a.txt", text.encode(), one_to_one=True)


@FUZZ
@given(text=body, subject=st.sampled_from(["", "Subject: we noticed you\n", "subject:Hi\r\n"]))
def test_text_with_subject_positions(linter, text, subject):
    count_case("1:1 positions: txt + Subject")
    run_twice(linter, "a.txt", (subject + text).encode(), one_to_one=True)


@FUZZ
@given(text=body, channel=st.sampled_from(["email", "sms", "push", "ad"]))
def test_markdown_positions(linter, text, channel):
    count_case("1:1 positions: md + front matter")
    doc = f"---\nid: m1\nchannel: {channel}\nsector: retail\n---\n# Hello\n\n{text}\n[link](http://x.example/we-noticed-you)\n"
    run_twice(linter, "a.md", doc.encode(), one_to_one=True)


@FUZZ
@given(texts=st.lists(body, min_size=1, max_size=4))
def test_jsonl_positions(linter, texts):
    """Without escapes (ensure_ascii=False, no quotes/backslashes/newlines) JSONL maps 1:1."""
    count_case("1:1 positions: jsonl")
    lines = []
    for i, t in enumerate(texts):
        t = "".join(c for c in t if c not in '"\\' and (c >= " " and c not in "\u2028\u2029"))
        lines.append(json.dumps({"id": f"m{i}", "text": t}, ensure_ascii=False))
    run_twice(linter, "a.jsonl", "\n".join(lines).encode(), one_to_one=True)


@FUZZ
@given(texts=st.lists(body, min_size=1, max_size=3), sep=st.sampled_from([",", "\t", ";"]))
def test_csv_cell_positions(linter, texts, sep):
    count_case("1:1 positions: csv cells")
    rows = [sep.join(["Campaign", "Ad group", "Headline 1", "Description 1"])]
    for i, t in enumerate(texts):
        t = "".join(c for c in t if c not in "\r\n\u2028\"" + sep)
        rows.append(sep.join([f"c{i}", "g", "Hello", t]))
    run_twice(linter, "a.csv" if sep != "\t" else "a.tsv", "\r\n".join(rows).encode(), one_to_one=True)


@FUZZ
@given(texts=st.lists(body, min_size=1, max_size=3))
def test_yaml_plain_scalar_positions(linter, texts):
    count_case("1:1 positions: yaml plain scalars")
    lines = ["messages:"]
    for i, t in enumerate(texts):
        plain = " ".join("".join(c for c in t if c.isalnum() or c in " .,!?'😀é").split()).strip(" '")
        lines.append(f"  - id: m{i}\n    text: {plain or 'x'}")
    run_twice(linter, "a.yaml", "\n".join(lines).encode(), one_to_one=True)


# ---- zero-width characters inside trigger words ----

ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


@FUZZ
@given(cuts=st.lists(st.tuples(st.integers(0, 40), st.sampled_from(ZERO_WIDTH)), max_size=6),
       name=st.sampled_from(["a.txt", "a.md", "a.jsonl", "a.html", "a.yaml", "a.json", "a.csv", "a.mjml", "a.eml"]))
def test_zero_width_characters_do_not_hide_triggers(linter, cuts, name):
    count_case("zero-width characters in trigger words")
    phrase = "We noticed you searched for tents."
    text = phrase
    for pos, zw in sorted(cuts, reverse=True):
        p = min(pos, len("We noticed you") - 1) + 1  # inside the trigger words
        text = text[:p] + zw + text[p:]
    out = run(linter, name, _wrap(name, text).encode())
    rules = {f["rule"] for r in out["results"] for f in r["findings"]}
    assert "tracked-behaviour/we-noticed" in rules, (text, out)


def test_the_issue_example_is_found(linter):
    out = run_twice(linter, "a.txt", "Hi,\nwe n\u200boticed you".encode(), one_to_one=True)
    (finding,) = [f for r in out["results"] for f in r["findings"] if f["rule"] == "tracked-behaviour/we-noticed"]
    assert finding["text"] == "we n\u200boticed you" and (finding["line"], finding["column"]) == (2, 1)
