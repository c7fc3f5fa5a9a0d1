"""MJML (``.mjml``): the copy of one MJML template is one message.

Read: ``<mj-title>``, ``<mj-preview>`` (the preheader), ``<mj-text>`` (its HTML goes
through the same visible-text rules as HTML email, see ``_html``), ``<mj-button>``,
``<mj-navbar-link>``, ``<mj-accordion-title>``/``<mj-accordion-text>``,
``<mj-social-element>``, ``<mj-table>`` and the ``alt`` of ``<mj-image>`` and
``<mj-carousel-image>``. ``<mj-raw>`` is not read (it mostly holds conditional
comments, tracking pixels and client hacks). Each element is its own paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import LineIndex, Message
from . import ReadError, Source
from ._common import TextBuilder, make_message
from ._html import HtmlError, extract_mjml

NAME = "mjml"
EXTENSIONS = (".mjml",)


def read(source: Source) -> Iterator[Message]:
    text = source.text
    try:
        blocks = extract_mjml(text)
    except HtmlError as exc:
        raise ReadError(str(exc), exc.line) from None
    builder = TextBuilder(LineIndex(text))
    for block, offsets in blocks:
        builder.separate()
        builder.add_mapped(block, offsets)
    if not builder.length:
        raise ReadError("no copy found: expected <mj-text>, <mj-button>, <mj-preview> or <mj-title> elements")
    yield make_message(builder, id=source.name, file=source.name)
