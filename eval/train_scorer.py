"""Train the learned rule's weights (``rulesets/learned_weights.json``) from ``train.jsonl``.

    python eval/train_scorer.py            # writes rulesets/learned_weights.json
    python eval/train_scorer.py --check    # trains, prints figures, writes nothing

Examples are sentences: a sentence of a creepy message that overlaps one of its ``evidence``
strings is positive, every sentence of an ok message negative; other sentences of creepy
messages and borderline messages are left out. Features are the engine's own
(``Engine.sentence_features``), so training and linting read the same signals. The model is
L2-regularised logistic regression fitted by full-batch Adam (numpy, which spaCy already
needs; deterministic on a given machine).

The threshold is set from leave-one-writer-out scores (each writer's messages scored by a
model trained on the others): the lowest at which the model adds at most ``ADDED`` (a share)
to the messages of the long benign mail writers (``LONG``) the rules already flag. A threshold set
on the model's own training messages would be far too low, since it has seen them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
RULE = "learned/signal-composition"
# the read sets: rule authors have read them, so they are training data, not a measure
READ = ("train.jsonl", "heldout_round2.jsonl", "heldout_round3.jsonl", "heldout_round4.jsonl",
        "heldout_round5.jsonl", "heldout_round7.jsonl", "redteam_round1.jsonl", "redteam_round2.jsonl",
        "redteam_round5.jsonl")
# writers of long benign newsletters, notices and hard negatives
LONG = ("t4", "t5", "t11", "t14", "hF", "hI", "hL", "hO", "hU")
ADDED = 0.005  # false alarms the model may add to the rules' own on long benign mail (a share of it)
L2, MIN_COUNT, ITERATIONS, RATE = 10.0, 3, 400, 0.1
DIGITS = 4  # weights are rounded, so the file is short and stable


def examples(path: Path) -> list[dict]:
    """Per message: id, label, whether the rules alone flag it, and its sentences' (features, label)."""
    from creeplint.linter import Linter, as_message

    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    engine = Linter().engine
    rules_only = Linter(rules={RULE: "off"})
    flagged = [r.verdict in ("warn", "fail") for r in rules_only.lint([dict(d) for d in rows])]
    out = []
    for d, hit in zip(rows, flagged, strict=True):
        msg = as_message(d)
        spans = []
        for ev in d.get("evidence") or []:
            i = msg.text.find(ev)
            if i < 0:
                i = msg.text.lower().find(ev.lower())
            if i >= 0:
                spans.append((i, i + len(ev)))
        sents = [
            (f, any(a < e and s < b for a, b in spans), counts(factor))
            for f, s, e, factor in engine.sentence_features(msg)
        ]
        out.append({"id": d["id"], "label": d["label"], "rules": hit, "sents": sents, "evidence": bool(spans)})
    return out


def sentence_rows(rows: list[dict]) -> tuple[list[list[str]], np.ndarray]:
    X, y = [], []
    for r in rows:
        if r["label"] == "borderline" or (r["label"] == "creepy" and not r["evidence"]):
            continue
        for feats, positive, _ in r["sents"]:
            if r["label"] == "creepy" and not positive:
                continue
            X.append(feats)
            y.append(1.0 if r["label"] == "creepy" else 0.0)
    return X, np.array(y)


def fit(X: list[list[str]], y: np.ndarray) -> dict[str, float]:
    counts = Counter(f for feats in X for f in feats)
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= MIN_COUNT))}
    ind, ptr = [], [0]
    for feats in X:
        ind += [vocab[f] for f in feats if f in vocab]
        ptr.append(len(ind))
    idx, starts = np.array(ind, dtype=np.int64), np.array(ptr, dtype=np.int64)
    n, d = len(X), len(vocab)
    row_of = np.repeat(np.arange(n), np.diff(starts))
    w, m, v = np.zeros(d), np.zeros(d), np.zeros(d)
    for t in range(1, ITERATIONS + 1):
        z = np.bincount(row_of, weights=w[idx], minlength=n)
        p = 1.0 / (1.0 + np.exp(-z))
        g = np.bincount(idx, weights=((p - y) / n)[row_of], minlength=d) + L2 / n * w
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= RATE * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return {f: round(float(w[i]), DIGITS) for f, i in vocab.items() if round(float(w[i]), DIGITS)}


def probability(weights: dict[str, float], feats: list[str]) -> float:
    z = sum(weights.get(f, 0.0) for f in sorted(feats))
    return 1.0 / (1.0 + float(np.exp(-z)))


def counts(factor: float) -> bool:
    """Would a learned hit with this context factor still warn (default thresholds)?"""
    from creeplint.findings.scoring import SEVERITY_WEIGHTS, Thresholds

    return round(100 * SEVERITY_WEIGHTS["warning"] * factor) >= Thresholds().warn_at


def message_score(weights: dict[str, float], row: dict) -> float:
    """The highest probability of a sentence where a learned hit would count after context."""
    return max((probability(weights, f) for f, _, live in row["sents"] if live), default=0.0)


def writer(row: dict) -> str:
    return row["id"].split("-")[0]


def threshold(rows: list[dict]) -> tuple[float, dict[str, float]]:
    """The leave-one-writer-out threshold for the long-mail budget, and the held-out scores."""
    held: dict[str, float] = {}
    for w in sorted({writer(r) for r in rows}):
        weights = fit(*sentence_rows([r for r in rows if writer(r) != w]))
        held.update({r["id"]: message_score(weights, r) for r in rows if writer(r) == w})
    long_ok = [r for r in rows if r["label"] == "ok" and writer(r) in LONG]
    allowed = int(ADDED * len(long_ok))
    scores = sorted((held[r["id"]] for r in long_ok if not r["rules"]), reverse=True)
    if not scores:
        return 1.0, held
    return (round(scores[allowed] + 1e-4, DIGITS) if allowed < len(scores) else 0.0), held


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", nargs="+", default=[str(HERE / name) for name in READ])
    ap.add_argument("--out", default=str(HERE.parent / "rulesets" / "learned_weights.json"))
    ap.add_argument("--check", action="store_true", help="print figures, write nothing")
    args = ap.parse_args()
    rows = [row for path in args.train for row in examples(Path(path))]
    t, held = threshold(rows)
    weights = fit(*sentence_rows(rows))
    creepy = [r for r in rows if r["label"] == "creepy"]
    ok = [r for r in rows if r["label"] == "ok"]
    long_ok = [r for r in ok if writer(r) in LONG]

    def flagged(sel: list[dict]) -> str:
        both = sum(r["rules"] or held[r["id"]] >= t for r in sel)
        return f"{both}/{len(sel)} (rules alone {sum(r['rules'] for r in sel)})"

    print(f"{len(weights)} weights, threshold {t}; leave-one-writer-out: creepy flagged {flagged(creepy)}, "
          f"ok flagged {flagged(ok)}, long benign flagged {flagged(long_ok)}", file=sys.stderr)
    if not args.check:
        data = {
            "about": "weights of learned/signal-composition; written by eval/train_scorer.py, do not edit",
            "threshold": t,
            "weights": dict(sorted(weights.items())),
        }
        Path(args.out).write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
