"""Sources: one input's name and bytes, decoded on demand.

Decoding (BOMs, UTF-8, legacy Windows-1252 office exports) and binary sniffing live here,
so readers only ever see text and the file walk can pass over images and archives.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class ReadError(Exception):
    """The file cannot be read at all; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class NotCopy(ReadError):
    """The file parses but holds no copy (a YAML/JSON file that is not a campaign): an error
    when the file was named explicitly, a skipped file in a folder walk."""


@dataclass
class Skipped:
    """A file a folder walk passed over on purpose (binary, not a regular file, not a
    campaign...): a note, not an error. ``quiet`` notes are shown only with ``--verbose``
    (a walk meets many ``package.json``-like files; listing each would drown the report)."""

    file: str
    reason: str
    quiet: bool = False

    def __str__(self) -> str:
        return f"{self.file}: skipped: {self.reason}"


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> str:
    """Decode file bytes (see ``decode_bytes``)."""
    return decode_bytes(data)[0]


# C0 control characters that never occur in text a person typed (tab, newlines, form feed
# and escape are allowed): their presence means "not a legacy text file".
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes; returns (text, codec).

    A BOM picks the codec (UTF-8, UTF-16 or UTF-32) and must then decode strictly.
    Without one the text is UTF-8. If strict UTF-8 fails, the bytes hold no valid
    multi-byte UTF-8 sequence and no control characters, at least one byte is Windows-1252
    punctuation (smart quotes, €, dashes, …, ™: 0x80-0x99) and all of them decode as
    Windows-1252 (which leaves five bytes undefined), the file is a legacy office export and
    is read as ``cp1252``; callers can tell from the codec and say so.
    Anything else is a ``ReadError`` naming the first bad byte.
    """
    body, codec = data, "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            body, codec = data[len(bom) :], name
            break
    try:
        return body.decode(codec), codec
    except UnicodeDecodeError as exc:
        error = exc
    if codec == "utf-8" and body is data and _legacy(body):
        return body.decode("cp1252"), "cp1252"
    raise ReadError(
        f"not valid {codec.upper()} text (byte 0x{body[error.start]:02x} at offset {error.start}); "
        "save the file as UTF-8"
    )


# Bytes that office tools write in Windows-1252 for €, „, …, smart quotes, •, dashes and ™.
# They are control codes in Latin-1, so they single out Windows-1252; a file with only
# Latin-1-range bytes (é = 0xe9) could as well be Latin-9, Windows-1250 or KOI8-R: guessing
# would alter the text, so such a file is an error.
_CP1252_MARKS = re.compile(rb"[\x80\x82\x84\x85\x91-\x97\x99]")


def _legacy(body: bytes) -> bool:
    """Whether bytes that are not UTF-8 are (almost certainly) Windows-1252 text."""
    if _CONTROL.search(body) or not _CP1252_MARKS.search(body):
        return False
    if any(ord(c) > 0x7F for c in body.decode("utf-8", "ignore")):
        return False  # real UTF-8 sequences next to a bad byte: a damaged UTF-8 file
    try:
        body.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


# First bytes of common binary formats found next to copy (exports, assets, archives).
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"), (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive (or Office file)"),
    (b"PK\x05\x06", "ZIP archive"), (b"\x1f\x8b", "gzip archive"), (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"), (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"), (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"), (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"),
)


SNIFF_BYTES = 1024


def sniff_binary(data: bytes) -> str | None:
    """What kind of binary file ``data`` is (``"PNG image"``...), or None for text.

    Looks at the first KB: known magic numbers, RIFF/ISO media containers, and NUL bytes
    (unless a UTF-16/32 BOM or the every-other-byte zeros of BOM-less UTF-16 explain them).
    """
    head = data[:SNIFF_BYTES]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[head[8:12]]
    if head[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if b"\x00" not in head:
        return None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    if pairs and max(even, odd) >= 0.3 * pairs and max(even, odd) > 2 * min(even, odd):
        # BOM-less UTF-16 (the ad CSV reader reads it): a zero in every other byte of ASCII text
        codec = "utf-16-le" if odd > even else "utf-16-be"
        try:
            text = codecs.getincrementaldecoder(codec)().decode(head)  # a cut surrogate pair waits
        except UnicodeDecodeError:
            text = "\x00"
        if len(data) % 2 == 0 and not _CONTROL.search(text.encode("utf-8", "replace")):
            return None
    return "binary data (NUL bytes)"


@dataclass
class Source:
    """One input: its display name and raw bytes (text decoded on demand)."""

    name: str
    data: bytes
    _text: str | None = None
    encoding: str | None = None  # set once decoded: "utf-8", "utf-16-le", "cp1252"...
    # For readers that stream (STREAMS = True): the file to read line by line; ``data`` then
    # holds only its first bytes (enough to sniff binary content and a BOM).
    path: Path | None = None
    explicit: bool = True  # named on the command line (False: found by a folder walk)
    stdin: bool = False  # standard input: read as plain text unless a name or format says otherwise

    @property
    def text(self) -> str:
        if self.path is not None:
            self.data, self.path = self.path.read_bytes(), None  # a reader that cannot stream
        if self._text is None:
            self._text, self.encoding = decode_bytes(self.data)
        return self._text

    def lines(self) -> Iterator[str]:
        """The decoded text split on "\\n" only (a "\\r" before it stays), streamed from ``path``
        when set so memory does not grow with the file."""
        if self.path is None:
            yield from self.text.split("\n")
            return
        codec = next((name for bom, name in _BOMS if self.data.startswith(bom)), "utf-8")
        codec = {"utf-8": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16",
                 "utf-32-le": "utf-32", "utf-32-be": "utf-32"}[codec]
        self.encoding = codec
        number = 0
        try:
            with open(self.path, encoding=codec, newline="\n") as fh:
                for number, line in enumerate(fh, start=1):  # noqa: B007 - used after the loop
                    yield line[:-1] if line.endswith("\n") else line
        except UnicodeDecodeError as exc:
            raise ReadError(f"not valid {codec.upper()} text after line {number} ({exc.reason}); "
                            "save the file as UTF-8", number + 1) from None
