"""JSON campaign files (``.json``); same schema as YAML campaigns (see ``_campaign``).

Parsed with the standard ``json`` module (errors keep its line and column), then walked
once more with ``json.decoder.scanstring`` to find where every string literal sits, so
positions are exact: escapes (``\\n``, ``\\u2019``) map to their backslash, as in JSONL.

``read(source: Source, copy_keys: Sequence[str] | None = None)`` -- ``copy_keys`` as for
YAML (default ``COPY_KEYS``): for JSON that is not a campaign, which keys hold copy.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from json.decoder import scanstring

from ...model import InputError, LineIndex, Message
from ..source import ReadError, Source
from ._campaign import COPY_KEYS, Node, document_messages
from ._common import json_string_runs

NAME = "json"
EXTENSIONS = (".json",)

__all__ = ["COPY_KEYS", "EXTENSIONS", "NAME", "read"]

_DECODER = json.JSONDecoder()
_WS = " \t\r\n"


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


def _string(text: str, i: int) -> tuple[Node, int]:
    value, end = scanstring(text, i + 1)
    offs: list[int] = []
    for t, s, n in json_string_runs(text, i, end):
        offs.extend(range(s, s + n))
        assert len(offs) == t + n
    return Node(value, i, offs), end


def _value(text: str, i: int, depth: int = 0) -> tuple[Node, int]:
    """Parse the (already validated) JSON value at ``i``; returns the node and its end."""
    i = _skip(text, i)
    c = text[i]
    if c == '"':
        return _string(text, i)
    if c == "{":
        node = Node({}, i)
        i = _skip(text, i + 1)
        while text[i] != "}":
            key_start = i
            key, i = scanstring(text, i + 1)
            i = _skip(text, i) + 1  # the colon
            child, i = _value(text, i, depth + 1)
            node.value[key] = child  # the last duplicate wins, as with json.loads
            node.keys[key] = key_start
            i = _skip(text, i)
            if text[i] == ",":
                i = _skip(text, i + 1)
        return node, i + 1
    if c == "[":
        node = Node([], i)
        i = _skip(text, i + 1)
        while text[i] != "]":
            child, i = _value(text, i, depth + 1)
            node.value.append(child)
            i = _skip(text, i)
            if text[i] == ",":
                i = _skip(text, i + 1)
        return node, i + 1
    value, end = _DECODER.raw_decode(text, i)
    return Node(value, i), end


def read(source: Source, copy_keys: Sequence[str] | None = None) -> Iterator[Message | InputError]:
    text = source.text
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise ReadError("JSON nested too deeply") from None
    doc, _ = _value(text, 0)
    yield from document_messages(doc, LineIndex(text), source.name, copy_keys, quoted_keys=True)
