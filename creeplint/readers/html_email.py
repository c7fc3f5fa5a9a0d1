"""HTML email: the visible copy of one ``.html``/``.htm`` file is one message.

What counts as visible (title, preheader, body text, ``alt`` text, link and button
text; no scripts, styles, comments or hidden elements) and why the standard library
parser is used: see ``_html``. Each block of the page (paragraph, cell, heading,
button...) becomes its own paragraph; every character maps back to the HTML source,
entities to the ``&`` that starts them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import LineIndex, Message
from . import ReadError, Source
from ._common import TextBuilder, make_message
from ._html import HtmlError, extract

NAME = "html"
EXTENSIONS = (".html", ".htm")


def read(source: Source) -> Iterator[Message]:
    text = source.text
    try:
        blocks = extract(text)
    except HtmlError as exc:
        raise ReadError(str(exc), exc.line) from None
    builder = TextBuilder(LineIndex(text))
    for block, offsets in blocks:
        builder.separate()
        builder.add_mapped(block, offsets)
    if not builder.length:
        raise ReadError("no visible text in this HTML file")
    yield make_message(builder, id=source.name, file=source.name)
