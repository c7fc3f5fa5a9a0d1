"""``creeplint eval`` on a small labelled corpus written here."""

from __future__ import annotations

import json

from .conftest import run_cli

ROWS = [
    {"id": "c1", "label": "creepy", "categories": ["tracked_behaviour"], "channel": "email",
     "text": "We noticed you searched for hiking boots three times yesterday."},
    {"id": "c2", "label": "creepy", "categories": ["health"], "channel": "ad",
     "text": "Plain words that no rule will ever flag."},
    {"id": "o1", "label": "ok", "categories": [], "channel": "email", "text": "Our boots are on sale this week."},
    {"id": "o2", "label": "ok", "categories": [], "channel": "sms",
     "text": "Looks like you were checking out our boots."},
    {"id": "b1", "label": "borderline", "categories": ["tracked_behaviour"], "channel": "push",
     "text": "Recommended for you today."},
]


def test_eval_counts_and_json(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n")
    proc = run_cli("eval", str(corpus), "--format", "json", "--show", "5")
    assert proc.returncode == 0, proc.stderr.decode()
    report = json.loads(proc.stdout)
    assert report["counts"] == {"tp": 1, "fn": 1, "fp": 1, "tn": 1}
    assert report["precision"] == 0.5 and report["recall"] == 0.5 and report["f1"] == 0.5
    assert report["false_alarm_rate"] == 0.5
    assert report["borderline"]["total"] == 1
    assert report["recall_by_category"]["tracked_behaviour"] == {"flagged": 1, "total": 1, "recall": 1.0}
    assert [m["id"] for m in report["misses"]] == ["c2"]
    assert [m["id"] for m in report["false_alarms"]] == ["o2"]


def test_eval_gates_and_text_output(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n")
    proc = run_cli("eval", str(corpus), "--min-f1", "0.9", "--show", "1")
    assert proc.returncode == 1
    out = proc.stdout.decode()
    assert "F1 0.500" in out and "missed c2" in out and "false alarm o2" in out


def test_eval_without_labels_is_a_usage_error(tmp_path):
    corpus = tmp_path / "plain.jsonl"
    corpus.write_text('{"id": "x", "text": "hello"}\n')
    proc = run_cli("eval", str(corpus))
    assert proc.returncode == 2 and b"label" in proc.stderr
