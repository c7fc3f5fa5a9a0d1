"""JSON Lines: one message per line, ``{"id", "channel"?, "sector"?, "subject"?, "text"}``.

Other keys are ignored, so labelled corpora can be checked directly. A bad line
is reported with its number and the rest of the file is still read. Positions
are exact: escapes inside the JSON strings are mapped back to the raw line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.decoder import scanstring

from ...model import InputError, LineIndex, Message
from ..source import Source
from ._common import TextBuilder, make_message
from ._common import json_string_runs as _string_runs

NAME = "jsonl"
STREAMS = True  # files.py hands over a path to read line by line; --max-file-size does not apply
EXTENSIONS = (".jsonl", ".ndjson")

_DECODER = json.JSONDecoder()
_WS = " \t\r\n"


def _fields(raw: str) -> dict[str, tuple[object, int, int]]:
    """Top-level keys of a JSON object line -> (value, raw start, raw end)."""
    out: dict[str, tuple[object, int, int]] = {}
    i = raw.index("{") + 1
    while True:
        while raw[i] in _WS or raw[i] == ",":
            i += 1
        if raw[i] == "}":
            return out
        key, i = scanstring(raw, i + 1)
        while raw[i] in _WS or raw[i] == ":":
            i += 1
        value, end = _DECODER.raw_decode(raw, i)
        out[key] = (value, i, end)
        i = end


def _message(raw: str, number: int, name: str) -> Message:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise ValueError("each line must be a JSON object")
    fields = _fields(raw)
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError('missing "text" string')
    builder = TextBuilder(LineIndex(raw, first_line=number))
    for key in ("subject", "text"):
        value = obj.get(key)
        if isinstance(value, str) and value:
            if key == "text":
                builder.separate()
            _, start, end = fields[key]
            builder.add_runs(value, _string_runs(raw, start, end))
    ident = obj.get("id")
    meta = {k: obj[k] for k in ("channel", "sector", "relationship") if obj.get(k) is not None}
    if obj.get("creeplint-disable"):  # record-level suppressions: "rule, category/*" or a list
        meta["disable"] = obj["creeplint-disable"]
    return make_message(
        builder, id=str(ident) if ident is not None else f"{name}:{number}", file=name, meta=meta
    )


def read(source: Source) -> Iterator[Message | InputError]:
    # split on \n only: JSON strings may hold U+2028 and friends, which splitlines() breaks on;
    # lines stream from disk, so a million-line store does not sit in memory
    for number, raw in enumerate(source.lines(), start=1):
        raw = raw.removesuffix("\r")
        if not raw.strip():
            continue
        try:
            yield _message(raw, number, source.name)
        except ValueError as exc:
            yield InputError(source.name, str(exc), number)
