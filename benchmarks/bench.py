"""Print creeplint speed figures on this machine. Nothing here is asserted; it only measures.

    python benchmarks/bench.py [--messages 10000] [--repeat 3]

* cold start: wall time of ``creeplint check one.txt`` vs ``python -c "import spacy; spacy.blank('en')"``
  and ``creeplint --help`` / ``creeplint rules`` (these must not import spaCy);
* throughput: messages/second of ``creeplint check --format json`` on a generated JSONL file,
  next to bare ``nlp.pipe`` tokenization of the same texts in one process.

Messages are generated from templates (a mix of creepy and clean copy, ~80 words each) with a fixed
seed, so runs are comparable.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OPENERS = [
    "We noticed you looked at the {item} {n} times this week.",
    "Our new {item} range is in stores now, with free delivery on every order.",
    "You asked us to tell you when the {item} dropped in price, and it just did.",
    "Still thinking about the {item}? It's back in your size.",
    "Congratulations on your pregnancy! Here's 20% off our {item}.",
    "Your order of the {item} has shipped and arrives on Thursday.",
    "Struggling with your debt again this month? Our {item} can help.",
    "Join us this Saturday for a free workshop on choosing the right {item}.",
]
FILLER = (
    "Our team picks every product by hand and tests it for a season before it reaches the shelves. "
    "Returns are free for sixty days, and our support team answers every message within a day. "
    "Members collect points on every purchase and get early access to seasonal sales. "
    "Find your nearest store or shop online any time."
)
ITEMS = ["trail runner", "wool coat", "standing desk", "rain jacket", "espresso machine", "sofa"]


NAMES = ["Ana", "Bo", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivo", "Jude", "Kemi", "Lars"]
CLEAN = (1, 2, 5, 7)  # the openers without findings


def make_corpus(path: Path, count: int, seed: int = 7, clean_only: bool = False, personal: bool = False) -> list[str]:
    """Write ``count`` messages as JSONL and return their texts. Half the openers draw findings;
    ``clean_only`` keeps the others. ``personal`` renders each message for one recipient, as a
    message store holds them: a name, an order number and a tracking link of its own."""
    rng = random.Random(seed)
    openers = [OPENERS[i] for i in CLEAN] if clean_only else OPENERS
    texts = []
    with path.open("w", encoding="utf-8") as f:
        for i in range(count):
            opener = rng.choice(openers).format(item=rng.choice(ITEMS), n=rng.randint(2, 9))
            if personal:
                name, order, link = rng.choice(NAMES), rng.randint(10**6, 10**7), rng.getrandbits(48)
                text = (f"Hi {name},\n\n{opener} {FILLER} Order {order} is in your account.\n\n"
                        f"The Northwind team\nhttps://t.northwind.example/c/{link:x}")
            else:
                text = f"Hi there,\n\n{opener} {FILLER}\n\nThe Northwind team"
            texts.append(text)
            f.write(json.dumps({"id": f"b{i}", "channel": "email", "text": text}) + "\n")
    return texts


def wall(cmd: list[str], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        one = tmpdir / "one.txt"
        one.write_text("Subject: Hi\n\nWe noticed you looked at the wool coat four times.\n")
        spacy_blank = wall([py, "-c", "import spacy; spacy.blank('en')"], args.repeat)
        check_one = wall([py, "-m", "creeplint", "check", str(one)], args.repeat)
        help_t = wall([py, "-m", "creeplint", "--help"], args.repeat)
        rules_t = wall([py, "-m", "creeplint", "rules"], args.repeat)
        print(f"cold start: import spacy + blank('en')   {spacy_blank:6.2f} s")
        print(f"cold start: creeplint check one.txt      {check_one:6.2f} s  ({check_one / spacy_blank:.2f}x spaCy)")
        print(f"cold start: creeplint --help             {help_t:6.2f} s")
        print(f"cold start: creeplint rules              {rules_t:6.2f} s")

        corpus = tmpdir / "bench.jsonl"
        texts = make_corpus(corpus, args.messages)
        words = sum(len(t.split()) for t in texts) / len(texts)
        t0 = time.perf_counter()
        subprocess.run([py, "-m", "creeplint", "check", "--format", "json", "-o", str(tmpdir / "out.json"),
                        str(corpus)], capture_output=True, check=False)
        total = time.perf_counter() - t0
        t_start = check_one  # start-up is measured above; subtract it to get the steady rate
        rate = args.messages / max(total - t_start, 1e-9)
        print(f"throughput: {args.messages} messages (~{words:.0f} words each) in {total:.2f} s wall, "
              f"{args.messages / total:,.0f} msg/s whole process, {rate:,.0f} msg/s after start-up")

        import spacy

        nlp = spacy.blank("en")
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=256):
            pass
        tok = time.perf_counter() - t0
        print(f"baseline:   bare nlp.pipe tokenization {args.messages / tok:,.0f} msg/s "
              f"(creeplint at {rate / (args.messages / tok):.0%} of it)")


if __name__ == "__main__":
    main()
