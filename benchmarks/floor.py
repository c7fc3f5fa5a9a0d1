"""Where one process's time goes: throughput with parts of the engine replaced by no-ops.

    python benchmarks/floor.py [--messages 20000]

Prints messages/second on the benchmark corpus (bench.make_corpus) for bare ``nlp.pipe``
tokenization, for the whole linter, and for the linter with

* the token matcher doing nothing (every pattern group returns no match), and
* nothing after tokenization at all (``Engine.findings`` returns no finding, so no phrase
  lookup, sentence splitting, matching or context), leaving text normalisation,
  tokenization, scoring and results.

Each figure is the best of three rounds taken in turn. The last one is the most any change
to the matching, context or findings code could reach while the rest stays in Python.
Nothing is asserted; the no-ops exist only inside this script.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory
from unittest import mock

sys.path.insert(0, str(Path(__file__).parent))
from bench import make_corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=20_000)
    args = ap.parse_args()

    import spacy

    from creeplint.engine.core import Engine
    from creeplint.engine.plan import Group
    from creeplint.linter import Linter, LintOptions, as_message

    with TemporaryDirectory() as tmp:
        texts = make_corpus(Path(tmp) / "c.jsonl", args.messages)
    msgs = [as_message({"id": str(i), "text": t}) for i, t in enumerate(texts)]
    linter = Linter(LintOptions())
    linter.engine  # noqa: B018 - build outside the timed part
    nlp = spacy.blank("en")

    def lint() -> None:
        for _ in linter.lint(msgs):
            pass

    def tokenize() -> None:
        for _ in nlp.pipe(texts, batch_size=256):
            pass

    def no_matching() -> None:
        with mock.patch.object(Group, "__call__", lambda self, *a, **k: []):
            lint()

    def no_engine() -> None:
        with mock.patch.object(Engine, "findings", lambda self, *a, **k: []):
            lint()

    runs: dict[str, Callable[[], None]] = {
        "bare tokenization": tokenize,
        "creeplint": lint,
        "creeplint, matcher a no-op": no_matching,
        "creeplint, nothing after tokenizing": no_engine,
    }
    rates = dict.fromkeys(runs, 0.0)
    for _ in range(3):
        for name, run in runs.items():
            t0 = time.perf_counter()
            run()
            rates[name] = max(rates[name], len(texts) / (time.perf_counter() - t0))
    base = rates["bare tokenization"]
    print(f"{len(texts):,} messages, one process, best of 3 rounds")
    for name, rate in rates.items():
        print(f"{name:<38} {rate:>9,.0f} msg/s  {rate / base:>5.0%} of bare tokenization")


if __name__ == "__main__":
    main()
