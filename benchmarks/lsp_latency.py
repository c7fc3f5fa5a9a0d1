"""Diagnostic latency of ``creeplint lsp`` after a change, as an editor sees it.

    python benchmarks/lsp_latency.py [--rounds 40] [--cold 3]

A pygls client (``tests/lsp_client.py``) starts ``creeplint lsp`` over stdio, like an
editor, and times each ``textDocument/didChange`` to the ``publishDiagnostics`` for that
version (client clock, so JSON-RPC, the debounce wait, linting and conversion are all in).

* cold: a fresh server; ``initialize``, ``didOpen`` of a blank email, then at once a
  ``didChange`` to creepy copy: the engine (spaCy, rules) is still loading. Also the time
  from starting the process to those diagnostics. ``--cold`` fresh servers.
* warm: the same server afterwards, ``--rounds`` changes alternating creepy and clean
  copy, waiting for each result: the short email (3 lines) and a long one (the sample
  campaigns' text files joined, ~200 lines), with the default 250 ms debounce and with
  ``--debounce 0`` (what linting itself adds).

For scale it first times ``creeplint check`` on one short file (a whole process, as the
cold figures are). Nothing is asserted; figures are milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.lsp_client import Session  # noqa: E402

CREEPY = "Subject: Still thinking it over?\n\nHi 🎉 Sam, we noticed you searched for tents 4 times at 2:14am.\n"
CLEAN = "Subject: New in this week\n\nHi Sam, our spring tents are in. Come and see them.\n"


def long_copy() -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sample_campaigns").glob("*.txt"))]
    body = "\n\n".join(p.split("\n", 1)[-1] for p in parts)  # one subject line, at the top
    return "Subject: Our news\n\n" + "\n\n".join([body] * 4)


def timed_change(s: Session, uri: str, text: str) -> float:
    mark = len(s.published)
    sent = time.perf_counter()
    version = s.change(uri, text)
    s.diagnostics(uri, version, after=mark)
    got = next(t for t, p in s.published[mark:] if p.uri == uri and p.version == version)
    return (got - sent) * 1000


def cold(folder: Path, debounce: int) -> tuple[float, float]:
    started = time.perf_counter()
    s = Session("--debounce", str(debounce), cwd=folder)
    try:
        s.initialize([folder])
        uri = s.open(folder / "cold.txt", CLEAN)
        change = timed_change(s, uri, CREEPY)
        return change, (time.perf_counter() - started) * 1000
    finally:
        s.shutdown()


def warm(folder: Path, debounce: int, rounds: int, text: str, name: str) -> list[float]:
    s = Session("--debounce", str(debounce), cwd=folder)
    try:
        s.initialize([folder])
        uri = s.open(folder / name, CLEAN)
        s.diagnostics(uri, 1)
        timed_change(s, uri, text)  # first creepy text: sentence splitting and matching warm up
        times = []
        for i in range(rounds):
            times.append(timed_change(s, uri, text if i % 2 else CLEAN + f"\n{i}\n"))
        return times
    finally:
        s.shutdown()


def figures(xs: list[float]) -> str:
    xs = sorted(xs)
    p90 = xs[min(len(xs) - 1, int(0.9 * len(xs)))]
    return f"median {statistics.median(xs):7.1f}  p90 {p90:7.1f}  max {xs[-1]:7.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--cold", type=int, default=3)
    args = ap.parse_args()
    big = long_copy()
    print(f"short email: {len(CREEPY)} characters, 3 lines; long email: {len(big):,} characters, "
          f"{big.count(chr(10)) + 1} lines")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "one.txt").write_text(CREEPY, encoding="utf-8")
        checks = []
        for _ in range(args.cold):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "creeplint", "check", "one.txt"], cwd=folder,
                           capture_output=True)
            checks.append((time.perf_counter() - started) * 1000)
        print("for comparison, creeplint check one.txt (whole process): "
              + ", ".join(f"{t:.0f}" for t in checks) + " ms")
        for debounce in (250, 0):
            runs = [cold(folder, debounce) for _ in range(args.cold)]
            print(f"cold, debounce {debounce:3d} ms: didChange -> diagnostics "
                  + ", ".join(f"{c:.0f}" for c, _ in runs) + " ms; process start -> diagnostics "
                  + ", ".join(f"{t:.0f}" for _, t in runs) + " ms")
        for debounce in (250, 0):
            for label, text in (("short", CREEPY), ("long", big)):
                times = warm(folder, debounce, args.rounds, text if label == "short" else big + CREEPY,
                             f"{label}.txt")
                print(f"warm, debounce {debounce:3d} ms, {label:5s} email ({args.rounds} changes): "
                      f"{figures(times)} ms")


if __name__ == "__main__":
    main()
