"""Walking folders: binary and special files, links, permissions, vanishing files, limits,
.gitignore, and a large tree (no file-descriptor leak, bounded memory)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from creeplint.inputs import files
from creeplint.inputs.files import Skipped, git_ignored, iter_sources
from creeplint.inputs.source import Source
from creeplint.model import InputError

from .conftest import cli, write_tree

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def _walk(root: Path, **kw) -> dict[str, str]:
    """name -> "source" | "error: ..." | "skipped: ..." for everything iter_sources yields."""
    out = {}
    for item in iter_sources([str(root)], **kw):
        name = Path(item.file if not isinstance(item, Source) else item.name).name
        if isinstance(item, Source):
            out[name] = "source"
        elif isinstance(item, Skipped):
            out[name] = f"skipped: {item.reason}"
        else:
            assert isinstance(item, InputError)
            out[name] = f"error: {item.message}"
    return out


def test_binary_files_in_a_walk_are_skipped_with_a_note(tmp_path: Path):
    write_tree(tmp_path, {"ok.txt": "We noticed you", "photo.txt": PNG, "export.csv": b"PK\x03\x04" + bytes(40),
                          "nul.md": b"# hi\x00\x01\x02", "real.png": PNG,
                          "utf16.csv": "Headline 1\nWe noticed you\n".encode("utf-16-le")})
    assert _walk(tmp_path) == {
        "ok.txt": "source", "photo.txt": "skipped: PNG image", "export.csv": "skipped: ZIP archive (or Office file)",
        "nul.md": "skipped: binary data (NUL bytes)", "utf16.csv": "source",
    }  # real.png: no reader claims it, never opened


def test_binary_file_named_explicitly_is_an_error(tmp_path: Path):
    write_tree(tmp_path, {"photo.txt": PNG, "ok.txt": "We noticed you", "dir/x.txt": PNG})
    proc = cli("check", "--isolated", "-f", "json", "photo.txt", "ok.txt", "dir", cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert proc.returncode == 2
    assert report["errors"] == [{"file": "photo.txt", "line": None, "message": "PNG image, not text; not read"}]
    assert report["summary"]["files"] == 1 and report["summary"]["errors"] == 1
    err = proc.stderr.decode()
    assert "dir/x.txt: skipped: PNG image" in err and "1 file skipped" in err


def test_links_fifos_and_vanished_files(tmp_path: Path):
    write_tree(tmp_path, {"ok.txt": "hi", "sub/inner.txt": "hi"})
    (tmp_path / "loop1.txt").symlink_to("loop2.txt")
    (tmp_path / "loop2.txt").symlink_to("loop1.txt")
    (tmp_path / "dangling.txt").symlink_to("nowhere.txt")
    (tmp_path / "link.txt").symlink_to("ok.txt")
    (tmp_path / "sub" / "up").symlink_to("..")  # a folder loop
    os.mkfifo(tmp_path / "pipe.txt")
    got = _walk(tmp_path)
    assert got == {
        "ok.txt": "source", "link.txt": "source", "inner.txt": "source",
        "loop1.txt": "error: symbolic link loop (too many levels of symbolic links)",
        "loop2.txt": "error: symbolic link loop (too many levels of symbolic links)",
        "dangling.txt": "error: broken symbolic link (points to nowhere.txt)",
        "pipe.txt": "skipped: a named pipe (fifo), not a regular file",
        "up": "skipped: symbolic link to a folder (not followed)",
    }
    # a file listed by the walk that is gone when read
    gone = files._load(tmp_path / "gone.txt", "gone.txt", explicit=False)
    assert isinstance(gone, InputError) and "vanished while being read" in gone.message


def test_file_vanishing_mid_walk(tmp_path: Path):
    write_tree(tmp_path, {f"f{i}.txt": "hi" for i in range(5)})
    seen = []
    for item in iter_sources([str(tmp_path)]):
        seen.append(item)
        if len(seen) == 1:
            (tmp_path / "f3.txt").unlink()
    assert [type(i).__name__ for i in seen] == ["Source", "Source", "Source", "InputError", "Source"]
    assert seen[3].file.endswith("f3.txt") and "vanished" in seen[3].message


def test_unreadable_file_and_folder(tmp_path: Path):
    write_tree(tmp_path, {"secret.txt": "hi", "locked/x.txt": "hi", "ok.txt": "hi"})
    (tmp_path / "secret.txt").chmod(0)
    (tmp_path / "locked").chmod(0)
    try:
        got = _walk(tmp_path)
    finally:
        (tmp_path / "secret.txt").chmod(0o644)
        (tmp_path / "locked").chmod(0o755)
    if os.geteuid() == 0:
        pytest.skip("running as root: permissions do not apply (the fifo/dangling-link cases cover errors)")
    assert got["secret.txt"] == "error: cannot read: permission denied"
    assert got["locked"] == "error: cannot list: Permission denied"
    assert got["ok.txt"] == "source"


def test_size_limit(tmp_path: Path):
    write_tree(tmp_path, {"big.txt": "We noticed you. " * 100, "small.txt": "hi"})
    got = _walk(tmp_path, max_bytes=1000)
    assert got == {"big.txt": "error: skipped: 1,600 bytes is over the 1,000-byte limit (--max-file-size)",
                   "small.txt": "source"}
    proc = cli("check", "--isolated", "-f", "json", "--max-file-size", "1KB", ".", cwd=tmp_path)
    assert proc.returncode == 2 and json.loads(proc.stdout)["errors"][0]["file"] == "big.txt"
    proc = cli("check", "--isolated", "-f", "json", "--max-message-length", "20", ".", cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert proc.returncode == 2 and report["summary"]["messages"] == 1
    assert "skipped: 1,600 characters is over the 20-character limit" in report["errors"][0]["message"]
    proc = cli("check", "--max-file-size", "lots", ".", cwd=tmp_path)
    assert proc.returncode == 2 and "not a size like 20MB" in proc.stderr.decode()


def test_stdin_size_limit(tmp_path: Path):
    proc = cli("check", "--isolated", "-f", "json", "--max-file-size", "10", "-", stdin=b"x" * 11, cwd=tmp_path)
    assert proc.returncode == 2 and "over the 10-byte limit" in json.loads(proc.stdout)["errors"][0]["message"]


# ---- .gitignore ----

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


def _git_repo(root: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


@needs_git
def test_gitignore_is_respected_by_default(tmp_path: Path):
    repo = _git_repo(tmp_path / "repo")
    write_tree(repo, {".gitignore": "build/\n*.draft.txt\n!keep.draft.txt\n", "a.txt": "hi", "b.draft.txt": "hi",
                      "keep.draft.txt": "hi", "build/out.txt": "hi", "sub/.gitignore": "local.txt\n",
                      "sub/local.txt": "hi", "sub/other.txt": "hi", "sp ace/ünï.txt": "hi"})
    assert set(_walk(repo)) == {"a.txt", "keep.draft.txt", "other.txt", "ünï.txt"}
    assert set(_walk(repo, gitignore=False)) == {"a.txt", "b.draft.txt", "keep.draft.txt", "out.txt", "local.txt",
                                                 "other.txt", "ünï.txt"}
    assert set(_walk(repo / "build")) == {"out.txt"}  # a folder named explicitly is read
    proc = cli("check", "--isolated", "-f", "json", "b.draft.txt", ".", cwd=repo)  # so is a file
    assert {m["file"] for m in json.loads(proc.stdout)["messages"]} >= {"b.draft.txt", "a.txt"}
    proc = cli("check", "--isolated", "-f", "json", "--no-gitignore", ".", cwd=repo)
    assert "build/out.txt" in {m["file"] for m in json.loads(proc.stdout)["messages"]}


def test_outside_a_git_repo_nothing_is_ignored(tmp_path: Path):
    write_tree(tmp_path, {".gitignore": "*.txt\n", "a.txt": "hi"})
    assert git_ignored(tmp_path) is None
    assert _walk(tmp_path) == {"a.txt": "source"}


@needs_git
@pytest.mark.slow
def test_gitignore_costs_little_on_a_10000_file_walk(tmp_path: Path):
    repo = _git_repo(tmp_path / "repo")
    tree = {f"d{i // 100}/f{i}.txt": "hi" for i in range(10_000)}
    tree.update({".gitignore": "d9*/\n*7.txt\n", **{f"node/x{i}.txt": "x" for i in range(50)}})
    write_tree(repo, tree)

    def timed(**kw):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        n = sum(1 for _ in iter_sources([str(repo)], **kw))
        return n, time.perf_counter() - start

    timed()  # warm the page cache
    n_all, t_plain = timed(gitignore=False)
    n_kept, t_git = timed()
    assert n_all == 10_050 and n_kept < n_all
    print(f"10,050-file walk: {t_plain:.2f} s without .gitignore, {t_git:.2f} s with it")
    assert t_git < t_plain * 1.5 + 0.5
