"""Several processes give the same results, in the same order, as one."""

from __future__ import annotations

from creeplint import parallel
from creeplint.linter import Linter, LintOptions, as_message

TEXTS = [
    "We noticed you looked at the blue sofa {n} times.",
    "Our sofas are on sale this week.",
    "Looks like you were checking out flights to Oslo.",
    "You asked us to tell you when fares to Oslo drop.",
]


def test_pool_output_matches_single_process():
    linter = Linter(LintOptions(rulesets=["context", "tracked_behaviour"]))
    messages = [as_message({"id": f"m{i}", "text": TEXTS[i % 4].format(n=i)}) for i in range(300)]
    single = [r.to_dict() for r in parallel.lint(linter, messages, jobs=1)]
    pooled = [r.to_dict() for r in parallel.lint(linter, messages, jobs=2, threshold=50, chunk=16)]
    assert pooled == single
    assert [r["id"] for r in pooled] == [f"m{i}" for i in range(300)]
    assert {r["verdict"] for r in pooled} >= {"pass", "fail"}


def test_small_inputs_stay_in_process():
    linter = Linter(LintOptions(rulesets=["context", "tracked_behaviour"]))
    messages = [as_message({"id": "a", "text": TEXTS[0].format(n=2)})]
    (result,) = parallel.lint(linter, messages, jobs=4)
    assert result.verdict == "fail"


def test_cli_jobs_gives_identical_report(tmp_path):
    import json

    from .conftest import run_cli

    lines = [json.dumps({"id": f"m{i}", "text": TEXTS[i % 4].format(n=i)}) for i in range(2500)]
    (tmp_path / "big.jsonl").write_text("\n".join(lines) + "\n")
    args = ("check", "--isolated", "-r", "context", "-r", "tracked_behaviour", "--format", "json", "big.jsonl")
    one = run_cli(*args, "--jobs", "1", cwd=tmp_path)
    two = run_cli(*args, "--jobs", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and json.loads(two.stdout)["summary"]["messages"] == 2500
