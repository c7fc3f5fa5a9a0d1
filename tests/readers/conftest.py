"""Fixtures for reader tests: real files on disk, the real spaCy pipeline and CLI.

The linter is built once per test module (pipeline build is ~1.5 s). It loads the
shipped ``merge_tags.yaml`` ruleset plus the frozen ``rules.yaml`` next to this file, so
tuning the shipped prose rules cannot move the positions these tests pin.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from creeplint.cli import main
from creeplint.inputs.readers import read_source
from creeplint.inputs.readers._templates import mask_merge_tags
from creeplint.inputs.source import Source
from creeplint.linter import Linter
from creeplint.model import Finding, InputError, LineIndex, Message, Result

# by path, not shipped name: tests/integrations pins loader.shipped() for the whole session
RULESETS = [
    str(Path(__file__).resolve().parents[2] / "rulesets" / "merge_tags.yaml"),
    str(Path(__file__).with_name("rules.yaml")),
]
RULE_ARGS = [arg for name in RULESETS for arg in ("-r", name)]


@dataclass
class Linted:
    source: str  # the decoded source the reader mapped positions to
    messages: list[Message]
    results: list[Result]
    errors: list[InputError]

    def findings(self, rule: str | None = None) -> list[Finding]:
        return [f for r in self.results for f in r.findings if rule is None or f.rule.endswith(rule)]

    def spans(self, rule: str | None = None) -> list[tuple[int, int, int, int, str]]:
        return [(f.line, f.column, f.end_line, f.end_column, f.text) for f in self.findings(rule)]

    def result(self, id: str) -> Result:
        return next(r for r in self.results if r.id == id)


def source_slice(text: str, line: int, col: int, end_line: int, end_col: int) -> str:
    """The decoded source between two 1-based (line, column) positions, end exclusive."""
    index = LineIndex(text)
    starts = index._starts  # line start offsets
    return text[starts[line - 1] + col - 1 : starts[end_line - 1] + end_col - 1]


def assert_maps_back(
    linted: Linted, decoded_marks: str = "&\\=", require_contiguous: bool = True
) -> None:
    """Every character of every finding maps to the same character in the (merge-tag
    masked) source, except where the reader decoded something: then it maps to the start
    of the entity / escape (one of ``decoded_marks``) or, for pinned text, the same place
    as its neighbour. Where a finding is one contiguous source run, the slice between its
    (line, column) and (end_line, end_column) equals ``finding.text``."""
    masked = mask_merge_tags(linted.source)[0]
    starts = LineIndex(masked)._starts
    checked = 0
    for msg, res in zip(linted.messages, linted.results, strict=True):
        for f in res.findings:
            offs = []  # file offset of each character (readers may index one line only, as JSONL does)
            for k in range(f.start, f.end):
                line, col = msg.source.index.position(msg.source.source_offset(k))
                offs.append(starts[line - 1] + col - 1)
            for k, off in zip(range(f.start, f.end), offs, strict=True):
                got, want = masked[off], msg.text[k]
                ok = got == want or (got.isspace() and want.isspace()) or got in decoded_marks
                ok = ok or (k > f.start and off == offs[k - f.start - 1])  # pinned (base64, encoded words)
                assert ok, f"{f.rule}: text[{k}]={want!r} maps to {got!r} at {off}"
            if offs == list(range(offs[0], offs[0] + len(offs))):
                sliced = source_slice(masked, f.line, f.column, f.end_line, f.end_column)
                assert sliced == f.text, (f.rule, sliced, f.text)
                checked += 1
    assert checked or not require_contiguous, "no finding was a contiguous 1:1 run"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(rulesets=RULESETS)


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write(name, text_or_bytes, encoding="utf-8") -> path of a new temp file."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode(encoding)
        path.write_bytes(content)
        return path

    return _write


@pytest.fixture
def lint(linter: Linter) -> Callable[..., Linted]:
    """lint(path, decoded=None) -> Linted: read the file with its reader, lint every message."""

    def _lint(path: Path, decoded: str | None = None) -> Linted:
        data = path.read_bytes()
        source = Source(path.name, data)
        items = list(read_source(source))
        messages = [m for m in items if isinstance(m, Message)]
        errors = [e for e in items if isinstance(e, InputError)]
        results = list(linter.lint(messages))
        return Linted(decoded if decoded is not None else source.text, messages, results, errors)

    return _lint


@dataclass
class CliRun:
    exit_code: int
    report: dict
    stderr: str


@pytest.fixture
def cli() -> Callable[..., CliRun]:
    """cli(*args, input=None) -> CliRun: ``creeplint check --format json`` with the test rulesets."""

    def _run(*args: str, input: bytes | None = None) -> CliRun:
        result = CliRunner().invoke(main, ["check", "--format", "json", *RULE_ARGS, *args], input=input)
        return CliRun(result.exit_code, json.loads(result.stdout), result.stderr)

    return _run
