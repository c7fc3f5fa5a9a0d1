"""``creeplint eval``: measure detection on a labelled JSONL corpus.

Each line holds a message (as the JSONL reader reads it) plus ``label``: ``creepy`` | ``ok`` |
``borderline`` and optionally ``categories``. A message counts as flagged when its verdict is
``warn`` or ``fail``. Borderline lines are reported apart and left out of precision and recall.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .model import Result

LABELS = ("creepy", "ok", "borderline")


@dataclass
class Row:
    id: str
    label: str
    categories: list[str]
    channel: str
    text: str


@dataclass
class Evaluation:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    borderline: int = 0
    borderline_flagged: int = 0
    by_category: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    by_channel: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[tuple[Row, Result]] = field(default_factory=list)
    false_alarms: list[tuple[Row, Result]] = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    @property
    def precision(self) -> float:
        return self._ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self._ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return self._ratio(2 * p * r, p + r) if p + r else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self._ratio(self.fp, self.fp + self.tn)

    def to_dict(self, show: int = 0) -> dict[str, Any]:
        def sample(items: list[tuple[Row, Result]]) -> list[dict[str, Any]]:
            return [
                {"id": row.id, "verdict": res.verdict, "score": res.score,
                 "rules": [f.rule for f in res.findings], "text": row.text[:300]}
                for row, res in items[:show]
            ]

        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "false_alarm_rate": round(self.false_alarm_rate, 4),
            "counts": {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn},
            "borderline": {"total": self.borderline, "flagged": self.borderline_flagged},
            "recall_by_category": {c: {"flagged": h, "total": n, "recall": round(self._ratio(h, n), 4)}
                                   for c, (h, n) in sorted(self.by_category.items())},
            "recall_by_channel": {c: {"flagged": h, "total": n, "recall": round(self._ratio(h, n), 4)}
                                  for c, (h, n) in sorted(self.by_channel.items())},
            "misses": sample(self.misses),
            "false_alarms": sample(self.false_alarms),
        }


def parse_labels(text: str) -> dict[str, tuple[str, list[str]]]:
    """id -> (label, categories) for every line that has a known label."""
    out: dict[str, tuple[str, list[str]]] = {}
    for line in text.split("\n"):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            continue  # the reader reports bad lines
        if isinstance(obj, dict) and obj.get("label") in LABELS and "id" in obj:
            out[str(obj["id"])] = (obj["label"], list(obj.get("categories") or []))
    return out


def evaluate(labels: dict[str, tuple[str, list[str]]], results: Iterable[Result]) -> Evaluation:
    ev = Evaluation()
    for res in results:
        if res.id not in labels:
            continue
        label, cats = labels[res.id]
        row = Row(res.id, label, cats, res.channel, " ".join(res.text.split()))
        flagged = res.verdict in ("warn", "fail")
        if label == "borderline":
            ev.borderline += 1
            ev.borderline_flagged += flagged
        elif label == "creepy":
            if flagged:
                ev.tp += 1
            else:
                ev.fn += 1
                ev.misses.append((row, res))
            for c in cats:
                ev.by_category[c][0] += flagged
                ev.by_category[c][1] += 1
            ev.by_channel[res.channel][0] += flagged
            ev.by_channel[res.channel][1] += 1
        elif flagged:
            ev.fp += 1
            ev.false_alarms.append((row, res))
        else:
            ev.tn += 1
    return ev


def render_text(ev: Evaluation, show: int) -> str:
    lines = [
        f"precision {ev.precision:.3f}  recall {ev.recall:.3f}  F1 {ev.f1:.3f}  "
        f"false-alarm rate {ev.false_alarm_rate:.3f} ({ev.fp}/{ev.fp + ev.tn})",
        f"creepy {ev.tp + ev.fn}  ok {ev.fp + ev.tn}  borderline {ev.borderline} "
        f"(flagged {ev.borderline_flagged}, reported apart)",
        "recall by category: " + ", ".join(
            f"{c} {h}/{n}" for c, (h, n) in sorted(ev.by_category.items())) if ev.by_category else "",
        "recall by channel: " + ", ".join(
            f"{c} {h}/{n}" for c, (h, n) in sorted(ev.by_channel.items())) if ev.by_channel else "",
    ]
    for title, items in (("missed", ev.misses), ("false alarm", ev.false_alarms)):
        for row, res in items[:show]:
            rules = ",".join(sorted({f.rule for f in res.findings})) or "-"
            lines.append(f"  {title} {row.id} [{res.verdict} {res.score}] ({rules}): {row.text[:150]}")
    return "\n".join(line for line in lines if line)
