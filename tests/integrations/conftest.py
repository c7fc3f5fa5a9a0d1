"""Fixtures for the integration tests: the real CLI, in process, with one spaCy pipeline
per distinct rule book (compiling takes ~1 s, and most tests use the same book)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

CREEPY = (
    "Subject: About your visit\n\nHi Sam,\n\nWe noticed you looked at the Alder coat four times this week.\n"
)
CLEAN = "Subject: New season\n\nHi Sam,\n\nOur autumn coats are in stores now.\n"


PINNED_RULESETS = ("context", "tracked_behaviour")


# Module scope, not session scope: a session-scoped autouse fixture stays active after this
# folder's tests and would pin the rulesets for every test collected after them.
@pytest.fixture(scope="module", autouse=True)
def pinned_rulesets() -> Iterator[None]:
    """These tests are about configuration and plumbing, not rule coverage: they see only
    the core shipped rulesets, so rules other work adds cannot change their findings."""
    from creeplint.rules import loader

    real = loader.shipped

    def shipped() -> dict[str, str]:
        return {k: v for k, v in real().items() if k in PINNED_RULESETS}

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(loader, "shipped", shipped)
        yield


_PIPELINES: dict = {}  # outlives each module's patch, so modules share compiled pipelines


@pytest.fixture(scope="module", autouse=True)
def shared_pipelines() -> Iterator[None]:
    """Memoise ``compile_book`` by the rules' ids and severities (what overrides change)."""
    from creeplint.engine import plan as compile_module

    real = compile_module.compile_book
    cache = _PIPELINES

    def cached(book, model=None):  # type: ignore[no-untyped-def]
        key = (tuple((r.id, r.severity, r.file) for r in book.rules), model)
        if key not in cache:
            cache[key] = real(book, model)
        return cache[key]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(compile_module, "compile_book", cached)
        yield


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture()
def cli(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``cli(*args, cwd=path, env={...})`` runs ``creeplint`` in process via CliRunner."""
    from click.testing import CliRunner

    from creeplint.cli import main

    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)  # never append to a real CI job summary
    monkeypatch.delenv("NO_COLOR", raising=False)

    def run(*args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None) -> Run:
        old = os.getcwd()
        os.chdir(cwd)
        try:
            result = CliRunner().invoke(main, list(args), env=env, input=stdin, catch_exceptions=False)
        finally:
            os.chdir(old)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture()
def campaign(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "creepy.txt").write_text(CREEPY)
    (root / "clean.txt").write_text(CLEAN)
    return root
