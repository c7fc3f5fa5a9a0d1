"""Robustness suite: fuzzing every reader, hostile files and folders, limits, untrusted rulesets.

Hypothesis profiles (registered here, applied with ``@FUZZ`` so other suites keep theirs):

* ``ci`` (default): 60 examples per property, no deadline -- the whole suite stays under ~90 s;
* ``thorough``: 2,000 examples per property -- ``HYPOTHESIS_PROFILE=thorough python -m pytest tests/robustness``.

One ``Linter`` (shipped rulesets, ~2 s to build) per test module.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from creeplint.inputs.readers import read_source
from creeplint.inputs.readers._templates import mask_merge_tags
from creeplint.inputs.source import ReadError, Source
from creeplint.linter import Linter
from creeplint.model import InputError, LineIndex, Message

settings.register_profile(  # derandomized: the same cases on every run, so CI is never flaky
    "ci", max_examples=60, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
FUZZ = settings.get_profile(PROFILE if PROFILE in ("ci", "thorough") else "ci")

# How many generated cases ran, per test: printed at the end of the session (-s or -rA shows it).
CASES: dict[str, int] = {}


def count_case(name: str) -> None:
    CASES[name] = CASES.get(name, 0) + 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    if CASES:
        total = sum(CASES.values())
        terminalreporter.write_line(f"robustness: {total} generated cases ran ({PROFILE} profile)")
        for name, n in sorted(CASES.items()):
            terminalreporter.write_line(f"  {n:6d}  {name}")


@pytest.fixture(scope="module")
def linter() -> Linter:
    lin = Linter()
    _ = lin.engine  # build now, once per module
    return lin


def decoded(source: Source) -> str | None:
    """The text a reader mapped positions to, or None if the bytes are not decodable."""
    if source.name.lower().endswith(".eml"):  # MIME is bytes: the reader keeps undecodable ones escaped
        import codecs

        return source.data.removeprefix(codecs.BOM_UTF8).decode("utf-8", "surrogateescape")
    try:
        return source.text
    except ReadError:
        pass
    if source.name.lower().endswith((".csv", ".tsv")):
        from creeplint.inputs.readers.ads_csv import _text  # BOM-less UTF-16

        try:
            return _text(source)
        except ReadError:
            return None
    return None


def run(linter: Linter, name: str, data: bytes, one_to_one: bool = False) -> dict:
    """Read and lint one file; assert the robustness properties; return a JSON-able digest.

    * reading yields only Message / InputError (nothing raises);
    * every finding's line/column (and end) lies inside the decoded file;
    * with ``one_to_one``, a finding's text equals the (merge-tag masked) source slice;
    """
    source = Source(name, data)
    items = list(read_source(source))
    assert all(isinstance(i, (Message, InputError)) for i in items), items
    messages = [i for i in items if isinstance(i, Message)]
    results = list(linter.lint(messages))
    text = decoded(Source(name, data))
    if messages:
        assert text is not None
        masked = mask_merge_tags(text)[0]
        starts = LineIndex(text)._starts

        def inside(line: int, col: int) -> bool:
            if not 1 <= line <= len(starts):
                return False
            end = starts[line] if line < len(starts) else len(text)
            return 1 <= col <= end - starts[line - 1] + 1

        for res in results:
            for f in res.findings:
                assert inside(f.line, f.column), (f.rule, f.line, f.column, len(starts))
                assert inside(f.end_line, f.end_column), (f.rule, f.end_line, f.end_column)
                assert (f.line, f.column) <= (f.end_line, f.end_column)
                if one_to_one:
                    a = starts[f.line - 1] + f.column - 1
                    b = starts[f.end_line - 1] + f.end_column - 1
                    assert masked[a:b] == f.text, (f.rule, masked[a:b], f.text)
    return {
        "errors": [e.to_dict() for e in items if isinstance(e, InputError)],
        "results": [r.to_dict() for r in results],
    }


def run_twice(linter: Linter, name: str, data: bytes, one_to_one: bool = False) -> dict:
    """``run`` twice on fresh sources: the output must be identical."""
    first = run(linter, name, data, one_to_one)
    second = run(linter, name, data, one_to_one)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    return first


def write_tree(root: Path, files: dict[str, bytes | str]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None, timeout: float = 300):
    """Run the real ``creeplint`` command in a subprocess."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "creeplint", *args], cwd=cwd, input=stdin,
                          capture_output=True, timeout=timeout, env=env)
