"""Helpers shared by readers."""

from __future__ import annotations

from ..model import CHANNELS, LineIndex, Message, SourceMap

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

    def separate(self) -> None:
        if self.length:
            self.add(SUBJECT_SEPARATOR, None)

    def text(self) -> str:
        return "".join(self.parts)


def make_message(builder: TextBuilder, *, id: str, file: str, meta: dict | None = None) -> Message:
    """Build a Message, taking channel/sector/relationship from ``meta`` when present."""
    meta = dict(meta or {})
    channel = str(meta.pop("channel", None) or "email")
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r} (expected one of: {', '.join(CHANNELS)})")
    sector = meta.pop("sector", None)
    relationship = meta.pop("relationship", None)
    return Message(
        id=id,
        file=file,
        text=builder.text(),
        source=builder.map,
        channel=channel,
        sector=str(sector) if sector is not None else None,
        relationship=str(relationship) if relationship is not None else None,
        meta=meta,
    )
