"""JSON Lines: one message per line, ``{"id", "channel"?, "sector"?, "subject"?, "text"}``.

Other keys are ignored, so labelled corpora can be checked directly. A bad line
is reported with its number and the rest of the file is still read. Positions
are exact: escapes inside the JSON strings are mapped back to the raw line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.decoder import scanstring

from ..model import InputError, LineIndex, Message
from . import Source
from ._common import TextBuilder, make_message

NAME = "jsonl"
EXTENSIONS = (".jsonl", ".ndjson")

_DECODER = json.JSONDecoder()
_WS = " \t\r\n"


def _string_runs(raw: str, quote: int, end: int) -> list[tuple[int, int, int]]:
    """Runs mapping the decoded JSON string raw[quote:end] to raw offsets."""
    runs: list[tuple[int, int, int]] = []
    out = 0
    i = quote + 1
    stop = end - 1  # closing quote
    run_t, run_s, run_n = 0, i, 0
    while i < stop:
        if raw[i] == "\\":
            if run_n:
                runs.append((run_t, run_s, run_n))
            width = 2
            if raw[i + 1] == "u":
                width = 6
                code = int(raw[i + 2 : i + 6], 16)
                if 0xD800 <= code < 0xDC00 and raw[i + 6 : i + 8] == "\\u":
                    width = 12
            runs.append((out, i, 1))  # one decoded character stands for the whole escape
            out += 1
            i += width
            run_t, run_s, run_n = out, i, 0
        else:
            out += 1
            run_n += 1
            i += 1
    if run_n:
        runs.append((run_t, run_s, run_n))
    return runs


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
    return make_message(
        builder, id=str(ident) if ident is not None else f"{name}:{number}", file=name, meta=meta
    )


def read(source: Source) -> Iterator[Message | InputError]:
    # split on \n only: JSON strings may hold U+2028 and friends, which splitlines() breaks on
    for number, raw in enumerate(source.text.split("\n"), start=1):
        raw = raw.removesuffix("\r")
        if not raw.strip():
            continue
        try:
            yield _message(raw, number, source.name)
        except ValueError as exc:
            yield InputError(source.name, str(exc), number)
