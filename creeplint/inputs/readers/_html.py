"""Visible text of HTML (and MJML), each character mapped to its offset in the source.

Built on the standard library ``html.parser.HTMLParser``: it is a tolerant tokenizer
(real-world email HTML is tag soup), needs no dependency, and ``getpos()`` gives the
exact source position of every tag, text run and character reference. lxml and
selectolax build a tree but keep only line numbers, not the column of each text node,
so exact positions would need a second pass over the source anyway.

Rules (what a recipient sees):

* skipped: ``<script>``, ``<style>``, ``<template>``, ``<svg>``, comments, conditional
  comments (``<!--[if mso]>...<![endif]-->`` is one comment), and hidden elements
  (``display:none``, ``visibility:hidden``, ``mso-hide:all``, ``max-height:0``,
  ``font-size:0``, the ``hidden`` attribute) -- except the **first** hidden
  ``div``/``span``/``p``/``td``, the preheader, which inbox previews show;
* kept: ``<title>``, body text, ``alt`` of images, link and button text;
* block elements (``p``, ``div``, ``td``, ``h1``...``h6``, ``li``, ``br``, ``tr``,
  ``table``, ``button``, button-like ``a``...) end a block; each block becomes its own
  paragraph (the readers join blocks with a blank line). Inline elements don't.

Entities (``&amp;``, ``&#8217;``) decode to their character(s), mapped to the ``&`` that
starts the entity in the source.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

Block = tuple[str, list[int]]  # text and the source offset of each of its characters

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "button", "caption", "center", "dd", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "header", "hr", "html", "img", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
})
VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
})
SKIP_TAGS = frozenset({"script", "style", "template", "svg", "noscript", "object", "head-style"})
PREHEADER_TAGS = frozenset({"div", "span", "p", "td"})

# MJML elements whose content (or alt text) a recipient sees
MJML_CONTENT = frozenset({
    "mj-text", "mj-button", "mj-preview", "mj-title", "mj-navbar-link", "mj-accordion-title",
    "mj-accordion-text", "mj-social-element", "mj-table",
})
MJML_ALT = frozenset({"mj-image", "mj-carousel-image"})

_HIDDEN = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|max-height\s*:\s*0(?![.\d])"
    r"|font-size\s*:\s*0(?![.\d])|opacity\s*:\s*0(?![.\d])",
    re.IGNORECASE,
)
_BUTTONISH = re.compile(r"\b(?:btn|button|cta)\b", re.IGNORECASE)
_BLOCKISH_STYLE = re.compile(r"display\s*:\s*(?:inline-)?block|padding\s*:", re.IGNORECASE)
_ATTR = re.compile(r"""(?P<name>[^\s/>"'=]+)(?:\s*=\s*(?P<val>"[^"]*"|'[^']*'|[^\s>]+))?""")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_PARAGRAPH_GAP = re.compile(r"[ \t\f\v]*\r?\n[ \t\f\v\r\n]*\n[ \t\f\v\r\n]*")


def unescape_mapped(raw: str, base: int) -> tuple[str, list[int]]:
    """Decode character references in ``raw`` (which starts at source offset ``base``)."""
    out: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _ENTITY.finditer(raw):
        decoded = html.unescape(m.group(0))
        if decoded == m.group(0):
            continue  # not an entity HTML knows: literal text
        out.append(raw[pos : m.start()])
        offs.extend(range(base + pos, base + m.start()))
        out.append(decoded)
        offs.extend([base + m.start()] * len(decoded))
        pos = m.end()
    out.append(raw[pos:])
    offs.extend(range(base + pos, base + len(raw)))
    return "".join(out), offs


def attribute(tag_text: str, name: str) -> tuple[str, int] | None:
    """Raw value of attribute ``name`` in a start tag, and its offset inside ``tag_text``."""
    m = re.match(r"<[^\s/>]+", tag_text)
    start = m.end() if m else 0
    for a in _ATTR.finditer(tag_text, start):
        if a.group("name").lower() == name and a.group("val") is not None:
            val = a.group("val")
            at = a.start("val")
            if val[:1] in "\"'":
                return val[1:-1], at + 1
            return val, at
    return None


@dataclass
class _Open:
    tag: str
    line: int
    block: bool = False
    skip: bool = False
    collect: bool = False
    preheader: bool = False


@dataclass
class _State:
    blocks: list[Block] = field(default_factory=list)
    chars: list[str] = field(default_factory=list)
    offs: list[int] = field(default_factory=list)


class _Extractor(HTMLParser):
    def __init__(self, text: str, mjml: bool) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.mjml = mjml
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.stack: list[_Open] = []
        self.state = _State()
        self.preheader_done = mjml  # MJML has <mj-preview> for that
        self.unclosed: _Open | None = None

    # -- positions and output ---------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _visible(self) -> bool:
        if any(o.skip for o in self.stack):
            return False
        return not self.mjml or any(o.collect for o in self.stack)

    def _emit(self, text: str, offs: list[int]) -> None:
        self.state.chars.append(text)
        self.state.offs.extend(offs)

    def _break(self) -> None:
        text = "".join(self.state.chars)
        if text.strip():
            # a blank line inside one HTML block is not a paragraph break on screen
            text = _PARAGRAPH_GAP.sub(lambda m: re.sub(r"[\r\n]", " ", m.group(0)), text)
            self.state.blocks.append((text, self.state.offs))
        self.state.chars = []
        self.state.offs = []

    # -- parser callbacks ---------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        tag_text = self.get_starttag_text() or ""
        values = {k: v or "" for k, v in attrs}
        is_block = tag in BLOCK_TAGS or tag.startswith("mj-")
        if tag == "a" and (
            _BUTTONISH.search(values.get("class", "") + " " + values.get("role", ""))
            or _BLOCKISH_STYLE.search(values.get("style", ""))
        ):
            is_block = True
        if is_block:
            self._break()
        opened = _Open(tag, self.getpos()[0], block=is_block, collect=self.mjml and tag in MJML_CONTENT)
        if tag in SKIP_TAGS:
            opened.skip = True
        elif _HIDDEN.search(values.get("style", "")) or "hidden" in values:
            if not self.preheader_done and tag in PREHEADER_TAGS and self._visible():
                opened.preheader = True
                self.preheader_done = True
                self._break()
            else:
                opened.skip = True
        if (tag == "img" and self._visible()) or (self.mjml and tag in MJML_ALT and not opened.skip):
            found = attribute(tag_text, "alt")
            if found and found[0].strip():
                raw, at = found
                self._break()
                self._emit(*unescape_mapped(raw, start + at))
                self._break()
        if tag not in VOID_TAGS:
            self.stack.append(opened)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                closed = self.stack[i:]
                del self.stack[i:]
                if self.mjml and self.unclosed is None:
                    # MJML is XML: an element closed implicitly by its parent's end tag is an error
                    self.unclosed = next((o for o in closed[1:] if o.tag.startswith("mj")), None)
                if any(o.preheader or o.block for o in closed):
                    self._break()
                return
        if tag in BLOCK_TAGS or tag.startswith("mj-"):  # a stray end tag
            self._break()

    def handle_data(self, data: str) -> None:
        if self._visible():
            start = self._offset()
            self._emit(data, list(range(start, start + len(data))))

    def _reference(self) -> None:
        if not self._visible():
            return
        start = self._offset()
        m = _ENTITY.match(self.text, start)
        raw = m.group(0) if m else self.text[start]
        decoded = html.unescape(raw)
        if decoded == raw:
            self._emit(raw, list(range(start, start + len(raw))))
        else:
            self._emit(decoded, [start] * len(decoded))

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()


class HtmlError(ValueError):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def check_comments(text: str) -> None:
    """An unterminated ``<!--`` hides everything after it: fail loudly rather than lint nothing."""
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            return
        end = text.find("-->", start + 4)
        if end < 0:
            raise HtmlError("comment '<!--' is never closed with '-->' (it hides the rest of the file)",
                            _line_of(text, start))
        pos = end + 3


def extract(text: str, *, mjml: bool = False) -> list[Block]:
    """Visible text blocks of an HTML (or, with ``mjml``, an MJML) document."""
    check_comments(text)
    parser = _Extractor(text, mjml)
    parser.feed(text)
    parser.close()
    parser._break()
    return parser.state.blocks


def extract_mjml(text: str) -> list[Block]:
    """Like ``extract`` for MJML; also checks the document is MJML with closed content tags."""
    if not re.search(r"<mjml[\s>]", text):
        raise HtmlError("not an MJML document: no <mjml> root element", 1)
    check_comments(text)
    parser = _Extractor(text, True)
    parser.feed(text)
    parser.close()
    parser._break()
    unclosed = parser.unclosed or next((o for o in parser.stack if o.tag.startswith("mj")), None)
    if unclosed is not None:
        raise HtmlError(f"<{unclosed.tag}> is never closed", unclosed.line)
    return parser.state.blocks


def message_from_blocks(source, extractor, empty: str):  # type: ignore[no-untyped-def]
    """One message from an HTML-like file: each extracted block is a paragraph, every character
    mapped back to the markup. ``empty`` is the error when no copy was found."""
    from ...model import LineIndex
    from ..source import ReadError
    from ._common import TextBuilder, make_message

    text = source.text
    try:
        blocks = extractor(text)
    except HtmlError as exc:
        raise ReadError(str(exc), exc.line) from None
    builder = TextBuilder(LineIndex(text))
    for block, offsets in blocks:
        builder.separate()
        builder.add_mapped(block, offsets)
    if not builder.length:
        raise ReadError(empty)
    return make_message(builder, id=source.name, file=source.name)
