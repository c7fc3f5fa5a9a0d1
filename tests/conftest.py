"""Shared fixtures. Building the spaCy pipeline takes ~1.5 s, so it is built once per session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Tests (and the creeplint processes they start) must not write to the user's ~/.cache.
if "CREEPLINT_CACHE_DIR" not in os.environ:
    os.environ["CREEPLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="creeplint-test-cache-")


@pytest.fixture(scope="session")
def book():
    from creeplint.rules.loader import load

    return load()


@pytest.fixture(scope="session")
def engine(book):
    from creeplint.engine.core import Engine
    from creeplint.engine.plan import compile_book

    return Engine(compile_book(book))


@pytest.fixture(scope="session")
def linter(book, engine):
    from creeplint.linter import Linter

    lin = Linter()
    lin._book, lin._engine = book, engine
    return lin


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict | None = None):
    """Run the real ``creeplint`` command in a subprocess."""
    import os

    full_env = {**os.environ, **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None) if env is None or "GITHUB_ACTIONS" not in env else None
    if env is None or "GITHUB_STEP_SUMMARY" not in env:  # never append to a real CI job summary
        full_env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        [sys.executable, "-m", "creeplint", *args],
        cwd=cwd, input=stdin, capture_output=True, env=full_env, timeout=300,
    )


def check_json(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> tuple[int, dict]:
    proc = run_cli("check", "--format", "json", *args, cwd=cwd, stdin=stdin)
    return proc.returncode, json.loads(proc.stdout)
