"""Plain text: one message per file; an optional first line ``Subject: ...`` is the subject."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import LineIndex, Message
from ..source import ReadError, Source
from ._common import TextBuilder, make_message

NAME = "text"
EXTENSIONS = (".txt",)

_SUBJECT = re.compile(r"[ \t]*subject[ \t]*:[ \t]*(.*?)[ \t]*(?:\r\n|\r|\n|$)", re.IGNORECASE)


def read(source: Source) -> Iterator[Message]:
    text = source.text
    index = LineIndex(text)
    builder = TextBuilder(index)
    body_start = 0
    m = _SUBJECT.match(text)
    if m:
        builder.add(m.group(1), m.start(1))
        builder.separate()
        body_start = m.end()
    builder.add(text[body_start:], body_start)
    try:
        yield make_message(builder, id=source.name, file=source.name)
    except ValueError as exc:
        raise ReadError(str(exc)) from None
