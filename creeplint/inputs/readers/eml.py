"""Email files (``.eml``, RFC 5322 / MIME): one message per file.

Parsed with the standard library ``email`` package (``policy.default``). The message is
the ``Subject`` (encoded words decoded) followed by the text parts:

* ``multipart/alternative``: the HTML part is what almost every client shows, so it is
  linted and the plain-text alternative is **not** (it repeats the same copy and would
  double every finding). The plain part is used only when there is no HTML part.
* ``multipart/mixed`` / ``related``: every inline text part, in order; attachments
  (``Content-Disposition: attachment``) and attached emails (``message/rfc822``) are
  skipped.
* HTML parts go through the same visible-text rules as ``.html`` files (see ``_html``).

Charsets, quoted-printable and base64 are decoded. Positions are in the ``.eml`` file
itself:

* 7bit/8bit/binary and quoted-printable bodies map exactly: every decoded character
  points at its line and column in the raw file (``=E2=80=99`` at its ``=``; soft line
  breaks ``=`` + newline are followed, so a phrase split across raw lines ends on the
  next line);
* base64 bodies cannot be mapped character by character: findings point at the first
  line of the part's body;
* a plain ``Subject`` maps exactly; an encoded one (``=?UTF-8?Q?...?=``) points at the
  start of the header value.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...model import LineIndex, Message
from ..source import ReadError, Source
from ._common import TextBuilder, make_message
from ._html import HtmlError, extract

if TYPE_CHECKING:
    from email.message import EmailMessage
    from email.message import Message as MimePart


def _mime_part() -> type:
    from email.message import Message

    return Message

NAME = "eml"
EXTENSIONS = (".eml",)

_HEADER_LINE = re.compile(r"[!-9;-~]+[ \t]*:")
_BLANK_LINE = re.compile(r"\r?\n\r?\n|\r\r")
_HEX = frozenset("0123456789abcdefABCDEF")

Mapped = tuple[str, list[int]]


def _body_start(raw: str, start: int, end: int) -> int:
    """Offset just after the blank line that ends the headers of the part at raw[start:end]."""
    if raw.startswith(("\r\n", "\n"), start):  # no headers at all
        return start + (2 if raw.startswith("\r\n", start) else 1)
    m = _BLANK_LINE.search(raw, start, end)
    return m.end() if m else end


def _locate(part: MimePart, raw: str, start: int, end: int, out: dict[int, tuple[int, int]]) -> None:
    """Record the raw body region (start, end) of every leaf part, walking the raw text
    alongside the parsed tree (the email package keeps no offsets)."""
    body = _body_start(raw, start, end)
    if not part.is_multipart():
        out[id(part)] = (body, end)
        return
    boundary = part.get_boundary()
    kids = part.get_payload()
    if not boundary or not isinstance(kids, list):
        return
    delim = re.compile(rf"(?:^|(?<=\n))--{re.escape(boundary)}(--)?[ \t]*(?:\r?\n|$)", re.M)
    marks = list(delim.finditer(raw, body, end))
    regions = []
    for a, b in itertools.pairwise(marks):
        stop = b.start()
        # the line break before a delimiter belongs to the delimiter
        if raw[stop - 2 : stop] == "\r\n":
            stop -= 2
        elif raw[stop - 1 : stop] == "\n":
            stop -= 1
        regions.append((a.end(), max(a.end(), stop)))
        if a.group(1):
            break
    for kid, (s, e) in zip(kids, regions, strict=False):
        _locate(kid, raw, s, e, out)


def _payload_bytes(
    part: MimePart, raw: str, start: int, end: int, index: LineIndex
) -> tuple[bytes, list[int]]:
    """Transfer-decoded body bytes and the raw offset each byte comes from."""
    cte = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    region = raw[start:end]
    data = bytearray()
    offs: list[int] = []
    if cte == "base64":
        try:
            compact = "".join(region.split()).encode("ascii", "surrogateescape")
            decoded = base64.b64decode(compact, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ReadError(f"base64 body of a {part.get_content_type()} part is corrupt ({exc})",
                            index.position(start)[0]) from None
        return decoded, [start] * len(decoded)
    if cte == "quoted-printable":
        i, n = 0, len(region)
        while i < n:
            c = region[i]
            if c == "=":
                nxt = region[i + 1 : i + 3]
                if nxt[:1] == "\n" or nxt == "\r\n":  # soft line break
                    i += 1 + len(nxt if nxt == "\r\n" else "\n")
                    continue
                if len(nxt) == 2 and nxt[0] in _HEX and nxt[1] in _HEX:
                    data.append(int(nxt, 16))
                    offs.append(start + i)
                    i += 3
                    continue
            for b in c.encode("utf-8", "surrogateescape"):
                data.append(b)
                offs.append(start + i)
            i += 1
        return bytes(data), offs
    for i, c in enumerate(region):
        for b in c.encode("utf-8", "surrogateescape"):
            data.append(b)
            offs.append(start + i)
    return bytes(data), offs


def _decode(data: bytes, offs: list[int], charset: str) -> Mapped:
    """Decode with ``charset``; each character maps to the first byte of its encoding."""
    try:
        decoder = codecs.getincrementaldecoder(charset)(errors="replace")
    except LookupError:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    chars: list[str] = []
    char_offs: list[int] = []
    pending: int | None = None
    for b, o in zip(data, offs, strict=True):
        if pending is None:
            pending = o
        out = decoder.decode(bytes((b,)))
        if out:
            chars.append(out)
            char_offs.extend([pending] * len(out))
            pending = None
    tail = decoder.decode(b"", final=True)
    if tail:
        chars.append(tail)
        char_offs.extend([pending if pending is not None else (offs[-1] if offs else 0)] * len(tail))
    return "".join(chars), char_offs


def _is_attachment(part: MimePart) -> bool:
    return str(part.get("Content-Disposition", "")).strip().lower().startswith("attachment")


def _contains(part: MimePart, ctype: str) -> bool:
    return any(p.get_content_type() == ctype and not _is_attachment(p) for p in part.walk())


def _select(part: MimePart) -> list[MimePart]:
    """The text parts a recipient reads (see the module docstring for the alternative rule)."""
    ctype = part.get_content_type()
    if part.is_multipart():
        kids = [k for k in part.get_payload() if isinstance(k, _mime_part())]
        if ctype == "multipart/alternative":
            for wanted in ("text/html", "text/plain"):
                chosen = [k for k in kids if _contains(k, wanted)]
                if chosen:
                    return _select(chosen[-1])  # RFC 2046: the last alternative is the preferred one
            return []
        return [leaf for k in kids for leaf in _select(k)]
    if ctype in ("text/plain", "text/html") and not _is_attachment(part):
        return [part]
    return []


def _subject(msg: EmailMessage, raw: str, header_end: int) -> Mapped | None:
    value = msg.get("Subject")
    if value is None or not str(value).strip():
        return None
    subject = str(value)
    m = re.search(r"^subject[ \t]*:[ \t]*", raw[:header_end], re.I | re.M)
    if not m:
        return None
    chars: list[str] = []
    offs: list[int] = []
    i = m.end()
    while i < header_end:
        c = raw[i]
        if c in "\r\n":
            nxt = i + (2 if raw.startswith("\r\n", i) else 1)
            if nxt < header_end and raw[nxt] in " \t":  # folded: the header goes on
                i = nxt
                continue
            break
        chars.append(c)
        offs.append(i)
        i += 1
    if "".join(chars).rstrip() == subject:
        return subject, offs[: len(subject)]
    return subject, [m.end()] * len(subject)  # encoded words: point at the header value


def read(source: Source) -> Iterator[Message]:
    data = source.data
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    raw = data.decode("utf-8", "surrogateescape")
    index = LineIndex(raw)
    first = raw.lstrip("\r\n").split("\n", 1)[0]
    if not _HEADER_LINE.match(first):
        raise ReadError("not an RFC 5322 email: the first line is not a header ('From: ...')", 1)
    from email import policy  # imported here: most runs read no .eml, and it costs ~15 ms
    from email.parser import BytesParser

    msg = BytesParser(policy=policy.default).parsebytes(data)
    for defect in msg.defects:
        name = type(defect).__name__
        if name in ("NoBoundaryInMultipartDefect", "StartBoundaryNotFoundDefect"):
            raise ReadError(f"broken MIME structure: {defect.__doc__ or name}".strip(), 1)
    regions: dict[int, tuple[int, int]] = {}
    _locate(msg, raw, 0, len(raw), regions)
    builder = TextBuilder(index)
    subject = _subject(msg, raw, _body_start(raw, 0, len(raw)))
    if subject:
        builder.add_mapped(*subject)
    parts = _select(msg)
    for part in parts:
        if id(part) not in regions:
            continue
        start, end = regions[id(part)]
        payload, offs = _payload_bytes(part, raw, start, end, index)
        charset = part.get_content_charset() or "utf-8"
        if charset in ("us-ascii", "ascii"):
            charset = "utf-8"  # mislabelled 8-bit text is common; UTF-8 is a superset of ASCII
        text, char_offs = _decode(payload, offs, charset)
        if part.get_content_type() == "text/html":
            try:
                blocks = extract(text)
            except HtmlError as exc:
                raise ReadError(f"HTML part: {exc}", index.position(start)[0]) from None
            for block, block_offs in blocks:
                builder.separate()
                builder.add_mapped(block, [char_offs[o] for o in block_offs])
        elif text.strip():
            builder.separate()
            builder.add_mapped(text, char_offs)
    if not parts and not subject:
        raise ReadError("no Subject and no text/plain or text/html part to check")
    yield make_message(builder, id=source.name, file=source.name)
