"""Lint one editor buffer: its unsaved text, read by the reader its file name (or, for a
buffer without a usable name, its editor language) picks, through the same stages as
``creeplint check`` (suppressions in the buffer, the config's rules, profile, baseline).

No LSP types here: ``convert`` turns the result into diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..inputs.files import not_copy
from ..inputs.readers import read_source, reader_for
from ..inputs.source import Source
from ..model import InputError, Result

if TYPE_CHECKING:
    from ..linter import Linter

# Editor language ids -> creeplint reader, for buffers whose name picks no reader (an
# untitled buffer, a ``.mdx`` file the editor treats as markdown). VS Code, Neovim and
# Helix ids.
LANGUAGE_READERS = {
    "plaintext": "text", "text": "text",
    "markdown": "markdown", "html": "html", "mjml": "mjml",
    "yaml": "yaml", "json": "json", "jsonl": "jsonl",
    "csv": "csv", "tsv": "csv", "email": "eml", "eml": "eml", "mail": "eml",
}


@dataclass
class Checked:
    """What one buffer produced: a result per message, and the errors (file-level or one
    record's) that the reader or the limits reported."""

    results: list[Result] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def input_format(name: str, language_id: str | None, forced: str | None = None) -> str | None:
    """The reader NAME for a buffer, or None when creeplint reads no such file.

    A configured ``input_format`` wins, then the file name (as ``creeplint check`` picks),
    then the editor's language id. Known non-copy files (``.creeplint.yaml``, rulesets,
    workflows) get None, as a folder walk passes over them.
    """
    if forced:
        return forced
    if not_copy(Path(name)):
        return None
    reader = reader_for(name)
    if reader is not None:
        return reader.NAME
    return LANGUAGE_READERS.get((language_id or "").lower())


def check_buffer(linter: Linter, name: str, text: str, reader: str) -> Checked:
    """Lint ``text`` as the file ``name`` with the reader ``reader``.

    ``name`` is what reports and baselines call the file (relative to the workspace root,
    as ``creeplint check`` run there would say). The text is handed to the reader as is
    (no re-decoding), so positions are positions in the editor's text.
    """
    s = linter.settings
    out = Checked()
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > s.max_file_size:
        out.errors.append(InputError(name, f"skipped: {len(data):,} bytes is over the {s.max_file_size:,}-byte "
                                           "limit (max_file_size)"))
        return out
    linter.reset()
    linter.suppressor.add_source(name, text)
    source = Source(name, data, _text=text, encoding="utf-8")
    messages = []
    for item in read_source(source, reader, max_message_length=s.max_message_length):
        if isinstance(item, InputError):
            out.errors.append(item)
        else:
            messages.append(item)
    out.results.extend(linter.lint(messages))
    return out
