"""Plain text, Markdown and JSONL readers: messages, metadata and exact source positions."""

from __future__ import annotations

import json

import pytest

from creeplint.inputs.readers import read_source
from creeplint.inputs.source import Source


def read(name: str, text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return list(read_source(Source(name, data)))


def slice_at(text: str, line: int, col: int, end_line: int, end_col: int) -> str:
    lines = text.splitlines(keepends=True)
    start = sum(len(x) for x in lines[: line - 1]) + col - 1
    end = sum(len(x) for x in lines[: end_line - 1]) + end_col - 1
    return text[start:end]


def test_txt_subject_line_is_split_off():
    (msg,) = read("a.txt", "Subject: Hello there\nBody line one.\n")
    assert msg.text.startswith("Hello there\n\n")
    assert msg.id == "a.txt" and msg.channel == "email"
    start = msg.text.index("Body")
    assert msg.source.span(start, start + 4)[:2] == (2, 1)
    assert msg.source.span(0, 5)[:2] == (1, 10)


def test_txt_without_subject_keeps_everything():
    (msg,) = read("a.txt", "Dear reader,\nno subject here.")
    assert msg.text == "Dear reader,\nno subject here."


def test_markdown_front_matter_sets_metadata_and_positions():
    text = "---\nid: promo-1\nchannel: sms\nsector: retail\nsubject: Big news\n---\nHello [link](http://x.y/z) you.\n"
    (msg,) = read("m.md", text)
    assert (msg.id, msg.channel, msg.sector) == ("promo-1", "sms", "retail")
    assert msg.text.startswith("Big news\n\n")
    assert "http" not in msg.text  # link targets are not copy
    i = msg.text.index("Hello")
    assert msg.source.span(i, i + 5)[:2] == (7, 1)
    j = msg.text.index("Big")
    assert msg.source.span(j, j + 3)[:2] == (5, 10)


def test_markdown_bad_front_matter_is_an_error_with_line():
    (err,) = read("m.md", "---\nid: [unclosed\n---\nbody\n")
    assert err.file == "m.md" and err.line is not None and "front matter" in err.message


def test_markdown_unknown_channel_is_linted_as_email():
    (msg,) = read("m.md", "---\nchannel: fax\n---\nbody\n")
    assert msg.channel == "email" and msg.meta["unknown"] == {"channel": "fax"}  # the linter warns


def test_jsonl_positions_survive_escapes():
    line = json.dumps({"id": "x", "text": "caf\u00e9 \U0001f600 \"q\"\nWe noticed you"}, ensure_ascii=True)
    (msg,) = read("c.jsonl", "\n" + line + "\n")
    i = msg.text.index("We noticed")
    ln, col, eln, ecol = msg.source.span(i, i + len("We noticed"))
    assert ln == eln == 2
    assert line[col - 1 : ecol - 1] == "We noticed"


def test_jsonl_bad_line_reported_rest_read():
    text = '{"id": "a", "text": "one"}\n{not json}\n{"id": "b"}\n["list"]\n{"id": "c", "text": "three", "extra": 1}\n'
    items = read("c.jsonl", text)
    errors = [(i.line, i.message) for i in items if not hasattr(i, "text")]
    ids = [i.id for i in items if hasattr(i, "text")]
    assert ids == ["a", "c"]
    assert [e[0] for e in errors] == [2, 3, 4]
    assert "invalid JSON" in errors[0][1] and "text" in errors[1][1]


def test_jsonl_message_without_id_gets_file_and_line():
    (msg,) = read("c.jsonl", '\n\n{"text": "hello"}\n')
    assert msg.id == "c.jsonl:3"


def test_utf8_bom_and_utf16_are_decoded():
    (msg,) = read("a.txt", "\ufeffHello".encode())
    assert msg.text == "Hello"
    (msg16,) = read("b.txt", "Hello you".encode("utf-16"))  # Python writes a BOM for utf-16
    assert msg16.text == "Hello you"


def test_undecodable_bytes_are_a_clear_error():
    (err,) = read("bad.txt", b"Hello \xff\xfe\xfa world")
    assert "UTF-8" in err.message and err.file == "bad.txt"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_give_the_same_lines(newline):
    text = newline.join(["Subject: s", "line two", "We noticed you there"])
    (msg,) = read("a.txt", text)
    i = msg.text.index("We noticed")
    assert msg.source.span(i, i + 2)[:2] == (3, 1)
    assert slice_at(text.replace("\r\n", "\n").replace("\r", "\n"), 3, 1, 3, 3) == "We"


def test_jsonl_streams_from_disk_past_the_file_size_limit(tmp_path):
    from .conftest import check_json

    # ~160 KB: more than the head read up front
    rows = [json.dumps({"id": f"m{i}", "text": "caf\u00e9 \u2028 plain copy"}) for i in range(3000)]
    path = tmp_path / "store.jsonl"
    path.write_text("\ufeff" + "\r\n".join(rows) + "\r\n{bad\r\n", encoding="utf-8")
    code, report = check_json("--isolated", "--max-file-size", "1000", str(path))
    assert report["summary"]["messages"] == 3000 and code == 2  # the bad last line is an error
    assert report["errors"] == [{"file": str(path), "line": 3001, "message": report["errors"][0]["message"]}]
    from creeplint.inputs.files import iter_sources

    (source,) = iter_sources([str(path)])
    assert source.path is not None and len(source.data) < path.stat().st_size  # only the head was read
    assert [m.id for m in read_source(source) if hasattr(m, "id")][:2] == ["m0", "m1"]
