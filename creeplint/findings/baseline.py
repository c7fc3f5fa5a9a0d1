"""Baselines: accept today's findings, report only new ones (like detect-secrets).

A finding's fingerprint hashes its rule, its file (as reported, relative to the working
directory), its text normalised (case-folded, NFKC, whitespace collapsed) and its
occurrence index: how many findings with the same rule, file and text came before it in
that file. Line numbers are left out on purpose, so editing elsewhere in a file keeps
its baseline valid; editing the flagged words themselves makes the finding new.

File format (``version`` 1)::

    {
      "version": 1,
      "tool": "creeplint",
      "findings": [
        {"fingerprint": "9f2c…", "rule": "tracked-behaviour/we-noticed",
         "file": "campaigns/spring.md", "line": 3, "text": "We noticed you"}
      ]
    }

Only ``fingerprint`` is used for matching; the other keys are for people reviewing the
file (and ``line`` is where the finding was when the baseline was written).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Finding, Message
from ..yamlfile import YamlError

VERSION = 1


def normalise_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def fingerprint(rule: str, file: str, text: str, occurrence: int) -> str:
    payload = "\x1f".join((rule, file, normalise_text(text), str(occurrence)))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


class Fingerprinter:
    """Assigns fingerprints in reporting order, counting occurrences per file."""

    def __init__(self) -> None:
        self._seen: Counter[tuple[str, str, str]] = Counter()

    def __call__(self, file: str, f: Finding) -> str:
        key = (f.rule, file, normalise_text(f.text))
        index = self._seen[key]
        self._seen[key] += 1
        return fingerprint(f.rule, file, f.text, index)


@dataclass
class Entry:
    fingerprint: str
    rule: str
    file: str
    line: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"fingerprint": self.fingerprint, "rule": self.rule, "file": self.file,
                "line": self.line, "text": " ".join(self.text.split())}


class Baseline:
    """Drops findings whose fingerprint is known, and records every finding it sees.

    ``Linter`` calls ``filter`` per message after inline suppressions and before scoring,
    so baselined findings do not count toward the score. Findings are taken in position
    order, so occurrence indexes do not depend on rule evaluation order.
    """

    def __init__(self, known: set[str] | None = None, path: str | None = None) -> None:
        self.known = known or set()
        self.path = path
        self.matched = 0
        self.entries: list[Entry] = []
        self._fingerprint = Fingerprinter()

    def filter(self, msg: Message, findings: list[Finding]) -> list[Finding]:
        kept = []
        for f in sorted(findings, key=lambda f: (f.start, f.end, f.rule)):
            fp = self._fingerprint(msg.file, f)
            self.entries.append(Entry(fp, f.rule, msg.file, f.line, f.text))
            if fp in self.known:
                self.matched += 1
            else:
                kept.append(f)
        # keep the engine's order for what is left
        keep_ids = {id(f) for f in kept}
        return [f for f in findings if id(f) in keep_ids]

    def dumps(self) -> str:
        entries = sorted(self.entries, key=lambda e: (e.file, e.line, e.rule, e.fingerprint))
        doc = {"version": VERSION, "tool": "creeplint", "findings": [e.to_dict() for e in entries]}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def load(cls, path: str) -> Baseline:
        """Read a baseline file; problems raise ``YamlError`` (rendered ``file:line: message``)."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise YamlError(path, None, "no such baseline file (see 'creeplint baseline')") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise YamlError(path, None, f"cannot read baseline: {exc}") from None
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise YamlError(path, exc.lineno, f"invalid JSON: {exc.msg}") from None
        if not isinstance(doc, dict) or doc.get("tool") != "creeplint" or not isinstance(
            doc.get("findings"), list
        ):
            raise YamlError(path, 1, "not a creeplint baseline (no 'findings' list)")
        if doc.get("version") != VERSION:
            version = doc.get("version")
            raise YamlError(path, 1, f"unsupported baseline version {version!r} (expected {VERSION})")
        known = set()
        for i, item in enumerate(doc["findings"]):
            fp = item.get("fingerprint") if isinstance(item, dict) else None
            if not isinstance(fp, str) or not fp:
                raise YamlError(path, None, f"findings[{i}] has no 'fingerprint' string")
            known.add(fp)
        return cls(known, path)
