"""Many small files in one tree: the run finishes, file descriptors do not leak and memory
stays bounded (the pipeline streams). 20,000 files here; a manual 100,000-file run is in
the README's Guarantees section."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

N = int(os.environ.get("CREEPLINT_LOAD_FILES", "20000"))


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for fd and memory figures")
def test_many_small_files(tmp_path):
    texts = ["We noticed you searched for tents.", "Our spring sale starts today.", "You viewed this 4 times."]
    for i in range(N):
        d = tmp_path / f"d{i // 500:03d}"
        if i % 500 == 0:
            d.mkdir()
        (d / f"m{i:06d}.txt").write_text(texts[i % 3])
    probe = (
        "import resource, os, sys, atexit\n"
        "atexit.register(lambda: print('FDS', len(os.listdir('/proc/self/fd')), 'RSS_MB',"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr))\n"
        "sys.argv = ['creeplint', 'check', '--isolated', '-j', '1', '-f', 'json', '-o', 'report.json', '.']\n"
        "from creeplint.cli import main\n"
        "main()  # the click command itself: the installed entry point skips atexit handlers\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, timeout=600)
    report = json.loads((tmp_path / "report.json").read_text())
    assert proc.returncode == 1, proc.stderr.decode()[-2000:]
    assert report["summary"]["files"] == N and report["summary"]["errors"] == 0
    fds, rss = (int(x) for x in proc.stderr.decode().split("FDS ")[1].split(" RSS_MB "))
    print(f"{N} files: open fds at exit {fds}, peak RSS {rss} MB")
    assert fds < 20, fds  # stdin/out/err, the report, a few spaCy/Python ones: no per-file leak
    assert rss < 1500, rss
