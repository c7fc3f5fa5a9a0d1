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

from ...model import Message
from ..source import Source
from ._html import extract_mjml, message_from_blocks

NAME = "mjml"
EXTENSIONS = (".mjml",)


def read(source: Source) -> Iterator[Message]:
    yield message_from_blocks(
        source, extract_mjml, "no copy found: expected <mj-text>, <mj-button>, <mj-preview> or <mj-title> elements"
    )
