"""YAML campaign files (``.yaml``, ``.yml``); the schema is in ``_campaign``.

Every message and every variant becomes a message. Positions: plain and quoted scalars
map character by character (``''`` and backslash escapes map to where they start);
literal (``|``) and folded (``>``) block scalars map line by line, each character to
its place on its own line, so a finding in the third line of a block points there.

Loaded with PyYAML's safe composer only (``yaml.SafeLoader``: no Python object tags);
node marks give the positions. A file with several documents (``---``) is read
document by document.

Files that are not campaigns are read through *copy keys*::

    read(source: Source, copy_keys: Sequence[str] | None = None) -> Iterator[Message | InputError]

``copy_keys`` (default ``COPY_KEYS``) lists bare key names (matched at any depth) or
dotted paths with ``*`` wildcards (``emails.*.html_body``); each mapping holding such
keys becomes a message. With no ``messages`` and no copy keys in any document the file
is ``NotCopy`` (an error describing the expected schema when named, skipped in a walk).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import yaml

from ...model import InputError, LineIndex, Message
from ..source import NotCopy, ReadError, Source
from ._campaign import COPY_KEYS, Node, document_messages

NAME = "yaml"
EXTENSIONS = (".yaml", ".yml")

__all__ = ["COPY_KEYS", "EXTENSIONS", "NAME", "read"]

_SKIP_LIMIT = 10  # raw characters an escape may span (\U0001F600 is 10)
_DQ_ESCAPE_WIDTH = {"x": 4, "u": 6, "U": 10}


def _offsets(text: str, node: yaml.ScalarNode, value: str) -> list[int]:
    """Source offset of each character of a string scalar's value."""
    start, end = node.start_mark.index, node.end_mark.index
    style = node.style
    if not style and text[start:end] == value:
        return list(range(start, end))
    if style in ('"', "'"):
        p, stop = start + 1, end - 1
    elif style in ("|", ">"):
        nl = text.find("\n", start, end)
        p, stop = (nl + 1 if nl >= 0 else end), end
    else:
        p, stop = start, end
    offs: list[int] = []
    for ch in value:
        if style == '"' and p < stop and text[p] == "\\":
            if text[p + 1 : p + 2] in ("\n", "\r"):  # escaped line break: joins lines, yields nothing
                p += 2
                while p < stop and text[p] in " \t\r\n":
                    p += 1
            if p < stop and text[p] == "\\":
                offs.append(p)
                p += _DQ_ESCAPE_WIDTH.get(text[p + 1 : p + 2], 2)
                continue
        if style == "'" and text.startswith("''", p) and ch == "'":
            offs.append(p)
            p += 2
            continue
        if ch.isspace():
            offs.append(min(p, stop - 1) if stop > start else start)
            if p < stop and text[p].isspace():
                p += 1
            continue
        q, budget = p, _SKIP_LIMIT
        while q < stop and text[q] != ch and (text[q].isspace() or budget > 0):
            if not text[q].isspace():
                budget -= 1
            q += 1
        if q < stop and text[q] == ch:
            offs.append(q)
            p = q + 1
        else:  # could not align (should not happen): point at where we are
            offs.append(min(p, max(stop - 1, start)))
    return offs


def _convert(loader: yaml.SafeLoader, text: str, node: yaml.Node) -> Node:
    start = node.start_mark.index
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        out = Node({}, start)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (dict, list)):
                raise yaml.constructor.ConstructorError(None, None, "mapping keys must be plain values",
                                                        key_node.start_mark)
            out.value[str(key)] = _convert(loader, text, value_node)
            out.keys[str(key)] = key_node.start_mark.index
        return out
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(loader, text, child) for child in node.value], start)
    value = loader.construct_object(node, deep=True)
    if isinstance(value, str):
        return Node(value, start, _offsets(text, node, value))
    return Node(value, start)


def _documents(text: str) -> list[Node]:
    loader = yaml.SafeLoader(text)
    try:
        docs = []
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                docs.append(_convert(loader, text, node))
        return docs
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ReadError(f"not valid YAML: {problem}", mark.line + 1 if mark is not None else None) from None
    finally:
        loader.dispose()


def read(source: Source, copy_keys: Sequence[str] | None = None) -> Iterator[Message | InputError]:
    text = source.text
    docs = _documents(text)
    if not docs:
        raise NotCopy("empty YAML file")
    index = LineIndex(text)
    produced, not_copy = False, []
    for doc in docs:
        try:
            for item in document_messages(doc, index, source.name, copy_keys):
                produced = True
                yield item
        except NotCopy as exc:
            not_copy.append(exc)
    if not_copy and not produced:  # no document holds copy: the file is not a campaign
        raise not_copy[0]
    for exc in not_copy:  # a campaign file with a stray document: that document is an error
        yield InputError(source.name, str(exc), exc.line)
