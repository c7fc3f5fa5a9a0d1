"""Ad-platform exports (``.csv``, ``.tsv``): one message (channel ``ad``) per ad row.

The export kind is detected from the header row (searched in the first rows, because
Google Ads UI reports start with a title and a date-range line):

* **Google Ads** (responsive search ads, expanded text ads; UI reports and Ads Editor
  exports): ``Headline 1`` .. ``Headline 15``, ``Description 1`` .. ``Description 4``
  (or ``Description line 1``/``2``); ``Campaign``, ``Ad group`` name the ad.
* **Meta** (Ads Manager exports): ``Primary text`` (or ``Body``), ``Headline`` (or
  ``Title``), ``Description`` (or ``Link description``); ``Campaign name``,
  ``Ad set name``, ``Ad name`` name the ad.

Each non-empty copy cell is its own paragraph. The message id is
``campaign > ad group|ad set > ad name (row N)``, N being the spreadsheet row number
(the header row counts, as in Excel or Sheets). Rows without copy (campaign or ad group
rows of an Editor export, totals) are skipped.

Encoding: UTF-8 with or without BOM and UTF-16 with BOM (Google Ads Editor exports
UTF-16 tab-separated files, often named ``.csv``); UTF-16 without a BOM is recognised by
its zero bytes. The delimiter is a tab for ``.tsv`` and otherwise whichever of tab,
comma and semicolon the header line uses most.

Positions are exact: cells are parsed with the ``csv`` module and located in the source
by a scanner following the same dialect (quoted cells, ``""`` escapes, line breaks
inside quotes), so a finding points at its row's line and the column inside the cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from ...model import InputError, LineIndex, Message
from ..source import ReadError, Source
from ._common import TextBuilder, make_message

NAME = "csv"
EXTENSIONS = (".csv", ".tsv")

Cell = tuple[str, list[int]]  # value and the source offset of each character

_GOOGLE_COPY = re.compile(r"^(?:headline \d{1,2}|description(?: line)? \d)$")
_META_COPY = {
    "primary text": 0, "body": 0, "headline": 1, "title": 1, "description": 2, "link description": 2,
}
_META_NAMES = ("campaign name", "ad set name", "ad name")
_GOOGLE_NAMES = ("campaign", "ad group")
EXPECTED = (
    "Google Ads: 'Campaign', 'Ad group', 'Headline 1'..'Headline 15', 'Description 1'..'Description 4'; "
    "Meta: 'Campaign name', 'Ad set name', 'Ad name', 'Primary text', 'Headline', 'Description'"
)
_HEADER_SEARCH = 10


def _text(source: Source) -> str:
    data = source.data
    if b"\x00" in data[:200] and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        # UTF-16 without a byte-order mark: ASCII text has a zero in every other byte
        codec = "utf-16-le" if data[1:200:2].count(0) > data[0:200:2].count(0) else "utf-16-be"
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            raise ReadError(f"looks like {codec.upper()} text but does not decode; save as UTF-8") from None
    return source.text


def _delimiter(text: str, name: str) -> str:
    if name.lower().endswith(".tsv"):
        return "\t"
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in ("\t", ",", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _scan(text: str, delim: str, index: LineIndex) -> Iterator[tuple[int, list[Cell]]]:
    """Records as (start offset, cells) following the csv module's excel dialect."""
    i, n = 0, len(text)
    while i < n:
        start = i
        cells: list[Cell] = []
        while True:
            chars: list[str] = []
            offs: list[int] = []
            if i < n and text[i] == '"':
                opened = i
                i += 1
                while True:
                    if i >= n:
                        line = index.position(opened)[0]
                        raise ReadError("quoted cell is never closed (a '\"' is missing)", line)
                    c = text[i]
                    if c == '"':
                        if text.startswith('""', i):
                            chars.append('"')
                            offs.append(i)
                            i += 2
                            continue
                        i += 1
                        break
                    chars.append(c)
                    offs.append(i)
                    i += 1
            # unquoted cell, or whatever follows a closing quote
            while i < n and text[i] not in (delim, "\n", "\r"):
                chars.append(text[i])
                offs.append(i)
                i += 1
            cells.append(("".join(chars), offs))
            if i < n and text[i] == delim:
                i += 1
                continue
            if text.startswith("\r\n", i):
                i += 2
            elif i < n:
                i += 1
            break
        yield start, cells


def _norm(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").split())


def _kind(headers: list[str]) -> str | None:
    names = [_norm(h) for h in headers]
    if any(h.startswith("headline ") and _GOOGLE_COPY.match(h) for h in names) and any(
        h.startswith("description") for h in names
    ):
        return "google"
    if "primary text" in names or "body" in names or (
        any(h in _META_COPY for h in names) and any(h in _META_NAMES for h in names)
    ):
        return "meta"
    return None


def read(source: Source) -> Iterator[Message | InputError]:
    text = _text(source)
    delim = _delimiter(text, source.name)
    index = LineIndex(text)
    try:
        parsed = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True))
    except csv.Error as exc:
        # the scanner finds the line of an unclosed quote; anything else is reported as csv says
        list(_scan(text, delim, index))
        raise ReadError(f"not valid CSV: {exc}") from None
    records = list(_scan(text, delim, index))
    header_at = None
    kind = None
    for k, (_, cells) in enumerate(records[:_HEADER_SEARCH]):
        kind = _kind([c[0] for c in cells])
        if kind:
            header_at = k
            break
    if header_at is None or kind is None:
        raise ReadError(f"not a known ad export; expected header columns like {EXPECTED}", 1)
    headers = [_norm(c[0]) for c in records[header_at][1]]
    if kind == "google":
        copy_cols = [i for i, h in enumerate(headers) if _GOOGLE_COPY.match(h)]
        copy_cols.sort(key=lambda i: (not headers[i].startswith("headline"), int(headers[i].split()[-1])))
        name_cols = [headers.index(h) for h in _GOOGLE_NAMES if h in headers]
    else:
        copy_cols = [i for i, h in enumerate(headers) if h in _META_COPY]
        copy_cols.sort(key=lambda i: _META_COPY[headers[i]])
        name_cols = [headers.index(h) for h in _META_NAMES if h in headers]
    for row, (start, cells) in enumerate(records[header_at + 1 :], start=header_at + 2):
        line = index.position(start)[0]
        if not any(value.strip() for value, _ in cells):
            continue
        if len(cells) > len(headers):
            problem = f"row {row} has {len(cells)} cells but the header has {len(headers)}"
            yield InputError(source.name, problem, line)
            continue
        values = parsed[row - 1] if row - 1 < len(parsed) else []
        builder = TextBuilder(index)
        for col in copy_cols:
            if col >= len(cells):
                continue
            value, offs = cells[col]
            if col < len(values) and values[col] != value:  # should not happen: trust csv, point at the cell
                value, offs = values[col], [offs[0] if offs else start] * len(values[col])
            if value.strip():
                builder.separate()
                builder.add_mapped(value, offs)
        if not builder.length:
            continue
        names = [cells[c][0].strip() for c in name_cols if c < len(cells) and cells[c][0].strip()]
        ident = " > ".join([*names, f"(row {row})"]) if names else f"row {row}"
        yield make_message(builder, id=ident, file=source.name, meta={"channel": "ad"})
