"""HTML email: the visible copy of one ``.html``/``.htm`` file is one message.

What counts as visible (title, preheader, body text, ``alt`` text, link and button
text; no scripts, styles, comments or hidden elements) and why the standard library
parser is used: see ``_html``. Each block of the page (paragraph, cell, heading,
button...) becomes its own paragraph; every character maps back to the HTML source,
entities to the ``&`` that starts them.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Message
from ..source import Source
from ._html import extract, message_from_blocks

NAME = "html"
EXTENSIONS = (".html", ".htm")


def read(source: Source) -> Iterator[Message]:
    yield message_from_blocks(source, extract, "no visible text in this HTML file")
