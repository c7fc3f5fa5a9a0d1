"""The pre-commit hook end to end: `pre-commit try-repo` against this checkout.

try-repo clones this repository at HEAD plus its staged and uncommitted changes to
tracked files, builds the hook's virtualenv (pip-installing creeplint and spaCy from
PyPI) and runs the hook, so this test takes a minute or two. It is marked ``slow``
but is not skipped in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CLEAN, CREEPY

ROOT = Path(__file__).resolve().parents[2]


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.slow
def test_pre_commit_try_repo_fails_creepy_and_passes_clean(tmp_path: Path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra: pip install -e '.[test]'")
    repo = tmp_path / "campaigns"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    _git("config", "user.email", "test@example.com", cwd=repo)
    _git("config", "user.name", "test", cwd=repo)
    _git("config", "commit.gpgsign", "false", cwd=repo)
    (repo / "creepy.txt").write_text(CREEPY)
    (repo / "clean.md").write_text(CLEAN)
    _git("add", "creepy.txt", "clean.md", cwd=repo)
    _git("commit", "-q", "-m", "campaigns", cwd=repo)

    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PRE_COMMIT_HOME")}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")  # a fresh hook environment

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "creeplint", "--files", *files],
            cwd=repo, env=env, capture_output=True, text=True, timeout=900,
        )

    creepy = try_repo("creepy.txt")
    assert creepy.returncode == 1, creepy.stdout + creepy.stderr
    assert "- exit code: 1" in creepy.stdout  # findings, not a config or input error (2)
    assert "Failed" in creepy.stdout and "tracked-behaviour/we-noticed" in creepy.stdout
    clean = try_repo("clean.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
