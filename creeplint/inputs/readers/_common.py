"""Helpers shared by readers."""

from __future__ import annotations

from collections.abc import Sequence

from ...model import LineIndex, Message, SourceMap
from ..channels import normalise
from ._templates import mask_merge_tags

SUBJECT_SEPARATOR = "\n\n"


class TextBuilder:
    """Concatenates pieces of source text into a message text while recording the source map."""

    def __init__(self, index: LineIndex) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.map = SourceMap(index)

    def add(self, text: str, source_start: int | None) -> None:
        """Append ``text``; ``source_start`` is where it starts in the source (None: synthetic)."""
        if source_start is not None:
            self.map.add(self.length, source_start, len(text))
        self.parts.append(text)
        self.length += len(text)

    def add_runs(self, text: str, runs: list[tuple[int, int, int]]) -> None:
        """Append ``text`` whose own (text_start, source_start, length) runs are relative to it."""
        for t, s, n in runs:
            self.map.add(self.length + t, s, n)
        self.parts.append(text)
        self.length += len(text)

    def add_mapped(self, text: str, offsets: Sequence[int]) -> None:
        """Append ``text`` whose i-th character comes from source offset ``offsets[i]``.

        For text decoded through several layers (quoted-printable, then HTML entities...):
        consecutive offsets collapse into runs; a repeated offset (every character of a
        base64 body, say) pins those characters to one source position.
        """
        if len(offsets) != len(text):
            raise ValueError("one source offset per character is required")
        base = self.length
        run_t, run_s, run_n = 0, 0, 0
        for i, s in enumerate(offsets):
            if run_n and s == run_s + run_n:
                run_n += 1
                continue
            if run_n:
                self.map.add(base + run_t, run_s, run_n)
            run_t, run_s, run_n = i, s, 1
        if run_n:
            self.map.add(base + run_t, run_s, run_n)
        self.parts.append(text)
        self.length += len(text)

    def separate(self) -> None:
        if self.length:
            self.add(SUBJECT_SEPARATOR, None)

    def text(self) -> str:
        return "".join(self.parts)


def json_string_runs(raw: str, quote: int, end: int) -> list[tuple[int, int, int]]:
    """Runs mapping the decoded JSON string literal ``raw[quote:end]`` (quotes included) to raw offsets.

    Runs are ``(offset in the decoded string, offset in raw, length)``; an escape
    (``\\n``, ``\\u00e9``, a surrogate pair) is one decoded character mapped to the
    escape's backslash.
    """
    runs: list[tuple[int, int, int]] = []
    out = 0
    i = quote + 1
    stop = end - 1  # closing quote
    while i < stop:
        j = raw.find("\\", i, stop)  # jump from escape to escape: plain text maps 1:1
        if j < 0:
            j = stop
        if j > i:
            runs.append((out, i, j - i))
            out += j - i
        if j == stop:
            break
        width = 2
        if raw[j + 1] == "u":
            width = 6
            code = int(raw[j + 2 : j + 6], 16)
            if 0xD800 <= code < 0xDC00 and raw[j + 6 : j + 8] == "\\u":
                width = 12
        runs.append((out, j, 1))  # one decoded character stands for the whole escape
        out += 1
        i = j + width
    return runs


def make_message(builder: TextBuilder, *, id: str, file: str, meta: dict | None = None) -> Message:
    """Build a Message, taking channel/sector/relationship from ``meta`` when present.

    The channel is normalised (case, aliases: ``inputs.channels``); an unknown one becomes
    ``email`` and is kept in ``meta["unknown"]`` for the linter's one warning per value.

    Template tags (``{{ first_name }}``, ``*|FNAME|*``...) are masked here, for every
    reader, with same-length placeholders; the tags go to ``meta["merge_tags"]``
    (see ``_templates``).
    """
    meta = dict(meta or {})
    text, tags = mask_merge_tags(builder.text())
    if tags:
        meta["merge_tags"] = tags
    written = meta.pop("channel", None)
    channel, note, known = normalise(written) if written else ("email", None, True)
    if note:
        meta["notes"] = [note]
    if not known:  # linted as email; the linter warns once per value (``meta["unknown"]``)
        meta["unknown"] = {"channel": str(written)}
    sector = meta.pop("sector", None)
    relationship = meta.pop("relationship", None)
    return Message(
        id=id,
        file=file,
        text=text,
        source=builder.map,
        channel=channel,
        sector=str(sector) if sector is not None else None,
        relationship=str(relationship) if relationship is not None else None,
        meta=meta,
    )
