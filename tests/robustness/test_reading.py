"""read_source's safety net, encodings, binary sniffing and the message-length limit."""

from __future__ import annotations

import codecs
import types

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creeplint.inputs import readers
from creeplint.inputs.readers import read_source
from creeplint.inputs.source import Source, decode_bytes, sniff_binary
from creeplint.model import InputError, Message

from .conftest import FUZZ, count_case, run


@pytest.fixture
def broken_reader(monkeypatch):
    """A fake reader for ``.boom`` files: one good message, then a bug."""

    def read(source):
        yield from readers.registry()["text"].read(Source("x.txt", b"fine"))
        raise ZeroDivisionError("division by zero\nin a fake reader")

    fake = types.SimpleNamespace(NAME="boom", EXTENSIONS=(".boom",), read=read)
    monkeypatch.setitem(readers.registry(), "boom", fake)
    return fake


def test_a_reader_bug_becomes_one_input_error(broken_reader):
    items = list(read_source(Source("bad.boom", b"anything")))
    assert [type(i) for i in items] == [Message, InputError]
    err = items[1]
    assert err.file == "bad.boom"
    assert err.message == ("internal error while reading: ZeroDivisionError: division by zero in a fake reader"
                           " — please report")


def test_a_reader_bug_is_reported_by_the_cli_not_a_traceback(broken_reader, tmp_path, monkeypatch):
    import json

    from click.testing import CliRunner

    from creeplint.cli import main

    (tmp_path / "x.boom").write_text("hello")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "--isolated", "-f", "json", "x.boom"])
    assert res.exit_code == 2, res.output
    report = json.loads(res.stdout)
    assert report["summary"]["messages"] == 1
    assert "internal error while reading: ZeroDivisionError" in report["errors"][0]["message"]
    assert "Traceback" not in res.stderr


def test_keyboard_interrupt_is_not_swallowed(monkeypatch):
    def read(source):
        raise KeyboardInterrupt
        yield

    monkeypatch.setitem(readers.registry(), "boom", types.SimpleNamespace(NAME="boom", EXTENSIONS=(".boom",),
                                                                         read=read))
    with pytest.raises(KeyboardInterrupt):
        list(read_source(Source("a.boom", b"")))


# ---- encodings ----

COPY = "Café “smart quotes” — €5 off… naïve ™ We noticed you"


@pytest.mark.parametrize("codec,bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE),
])
def test_unicode_encodings_read_the_same_text(linter, codec, bom):
    text, used = decode_bytes(bom + COPY.encode(codec))
    assert text == COPY and used == codec
    out = run(linter, "a.txt", bom + COPY.encode(codec))
    assert out["results"][0]["findings"][0]["rule"] == "tracked-behaviour/we-noticed"


def test_windows_1252_office_text_is_read_as_cp1252(linter):
    data = COPY.encode("cp1252")
    assert decode_bytes(data) == (COPY, "cp1252")
    source = Source("legacy.txt", data)
    (msg,) = read_source(source)
    assert msg.text == COPY and source.encoding == "cp1252"


@pytest.mark.parametrize("data,why", [
    (b"caf\xe9 \xff", "Latin-1 range only: could be Latin-9, Windows-1250...: ambiguous"),
    ("café".encode() + b" \x93quote\x94", "real UTF-8 next to cp1252 bytes: a damaged UTF-8 file"),
    (b"\x93quote\x94 \x81", "0x81 is undefined in Windows-1252"),
    (b"\x93quote\x94 \x01\x02", "control characters: not text"),
    (codecs.BOM_UTF8 + b"\x93quote\x94", "a UTF-8 BOM promises UTF-8"),
    (codecs.BOM_UTF16_LE + b"a\x00\x00", "odd byte count in UTF-16"),
])
def test_undecodable_text_is_one_clear_error(data, why):
    (err,) = read_source(Source("bad.txt", data))
    assert isinstance(err, InputError), why
    assert "not valid" in err.message and "save the file as UTF-8" in err.message, err.message


@FUZZ
@given(st.text(st.characters(codec="cp1252", blacklist_categories=("Cs",)), max_size=200))
def test_cp1252_round_trip(text):
    count_case("cp1252 round trip")
    data = text.encode("cp1252")
    try:
        got, codec = decode_bytes(data)
    except readers.ReadError:
        return  # an ambiguous legacy file is an error, never a wrong guess
    try:  # bytes that are valid UTF-8 are UTF-8 ("ÂŒ" in cp1252 is b"\xc2\x8c", U+008C in UTF-8)
        assert (got, codec) == (data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        assert (got, codec) == (text, "cp1252")


@FUZZ
@given(st.binary(max_size=300))
def test_decoding_never_raises_anything_but_read_error(data):
    count_case("decode arbitrary bytes")
    try:
        text, codec = decode_bytes(data)
    except readers.ReadError as exc:
        assert "not valid" in str(exc)
    else:
        assert isinstance(text, str) and codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be",
                                                   "cp1252")


# ---- binary sniffing ----

@pytest.mark.parametrize("data,kind", [
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (b"GIF89a\x01\x00", "GIF image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive (or Office file)"),
    (b"\x1f\x8b\x08\x00", "gzip archive"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "WebP image"),
    (b"hello\x00world", "binary data (NUL bytes)"),
])
def test_binary_files_are_recognised(data, kind):
    assert sniff_binary(data) == kind


@pytest.mark.parametrize("data", [
    b"", b"plain text", "ünïcödé 😀".encode(), codecs.BOM_UTF16_LE + "hi".encode("utf-16-le"),
    "Headline 1\tDescription 1\r\nWe noticed you\tx\r\n".encode("utf-16-le"),  # BOM-less UTF-16 (ad exports)
    "😀 Ünï ĀĀĀ text".encode("utf-16-be"),
])
def test_text_is_not_binary(data):
    assert sniff_binary(data) is None


# ---- message length ----

def test_overlong_message_is_skipped_with_an_error_not_truncated():
    text = "We noticed you. " * 20
    items = list(read_source(Source("long.txt", text.encode()), max_message_length=100))
    (err,) = items
    assert isinstance(err, InputError) and err.line == 1
    assert err.message == ("message 'long.txt' skipped: 320 characters is over the 100-character limit "
                           "(--max-message-length)")
    (msg,) = read_source(Source("long.txt", text.encode()), max_message_length=320)
    assert msg.text == text


def test_overlong_record_in_jsonl_skips_only_that_record():
    data = b'{"id": "a", "text": "short"}\n{"id": "b", "text": "' + b"x" * 500 + b'"}\n{"id": "c", "text": "ok"}\n'
    items = list(read_source(Source("m.jsonl", data), max_message_length=100))
    assert [type(i).__name__ for i in items] == ["Message", "InputError", "Message"]
    assert items[1].line == 2 and "'b' skipped: 500 characters" in items[1].message


def test_unknown_input_format_is_an_error_not_a_crash():
    (err,) = read_source(Source("a.txt", b"x"), "no-such-format")
    assert "unknown input format" in err.message
