"""Markdown: one message per file, optional YAML front matter (id, channel, sector, subject, relationship).

Link targets, images' URLs and HTML comments are blanked (same length, so positions
stay exact) because they are not copy the reader sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import LineIndex, Message
from ..source import ReadError, Source
from ._common import TextBuilder, make_message

NAME = "markdown"
EXTENSIONS = (".md", ".markdown")

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HIDDEN = re.compile(r"<!--.*?-->|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|^[ \t]{0,3}\[[^\]]+\]:.*$", re.DOTALL | re.M)
_FIELDS = ("id", "channel", "sector", "subject", "relationship")


def _blank(match: re.Match[str]) -> str:
    s = match.group(0)
    keep = "]" if s.startswith("](") else ""
    return keep + re.sub(r"[^\r\n]", " ", s[len(keep) :])


def _front_matter(text: str) -> tuple[dict, int]:
    m = _FRONT.match(text)
    if not m:
        return {}, 0
    import yaml

    try:
        data = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise ReadError(f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}", line) from None
    if not isinstance(data, dict):
        raise ReadError("front matter must be a mapping of keys to values", 2)
    return data, m.end()


def read(source: Source) -> Iterator[Message]:
    text = source.text
    meta, body_start = _front_matter(text)
    index = LineIndex(text)
    builder = TextBuilder(index)
    subject = meta.get("subject")
    if subject:
        # the subject lives in the front matter: point findings at its line
        subject = str(subject)
        pos = text.find(subject, 0, body_start)
        builder.add(subject, pos if pos >= 0 else 0)
        builder.separate()
    body = _HIDDEN.sub(_blank, text[body_start:])
    builder.add(body, body_start)
    extra = {k: v for k, v in meta.items() if k in _FIELDS and k not in ("id", "subject")}
    try:
        yield make_message(builder, id=str(meta.get("id") or source.name), file=source.name, meta=extra)
    except ValueError as exc:
        raise ReadError(str(exc), 1) from None
