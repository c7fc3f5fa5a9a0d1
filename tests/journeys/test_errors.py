"""Malformed journey fields: one ``file:line:col`` error each, with a did-you-mean; the run goes
on (other messages and files are still checked), exit code 2, inputs untouched, output stable."""

from __future__ import annotations

import hashlib
import json

from ..conftest import run_cli

BAD = """\
campaign: x
trigger: brwose
messages:
  - id: a
    dealy: 10m
    text: Hello there.
  - id: b
    delay: 10 mnts
    frequency: {count: 3, pre: 3d}
    audience: {name: foo, descripton: bar}
    send_time: "25:00"
    text: Hi.
"""
BAD_JSON = '{"messages": [{"id": "j", "trigger": "browse",\n  "delay": "PT", "text": "Hi."}]}\n'


def test_each_problem_is_one_line_with_file_line_column_and_a_suggestion(tmp_path):
    (tmp_path / "bad.yaml").write_text(BAD)
    (tmp_path / "bad.json").write_text(BAD_JSON)
    (tmp_path / "ok.txt").write_text("Subject: hi\n\nWe noticed you looked at the coat.\n")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    proc = run_cli("check", ".", "--format", "concise", cwd=tmp_path)
    out = proc.stdout.decode()
    assert proc.returncode == 2
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert errors == [
        "bad.json:2:12: error: 'delay': malformed ISO 8601 duration 'PT': write it like 10m, 2h, 3d or PT10M",
        "bad.yaml:2:10: error: unknown trigger 'brwose'; did you mean 'browse'?",
        "bad.yaml:5:5: error: unknown journey field 'dealy'; did you mean 'delay'?",
        "bad.yaml:8:12: error: 'delay': unknown duration unit 'mnts' in '10 mnts'; did you mean 10mins?",
        "bad.yaml:9:27: error: unknown frequency field 'pre'; did you mean 'per'?",
        "bad.yaml:10:27: error: unknown audience field 'descripton'; did you mean 'description'?",
        "bad.yaml:11:16: error: 'send_time': malformed clock time '25:00': hours go to 23 and minutes to 59",
    ]
    # the run went on: the other file and the messages themselves were checked
    assert "ok.txt:3:1: error tracked-behaviour/we-noticed" in out
    assert out.rstrip().endswith("Checked 3 files, 4 messages: 1 fail, 0 warn, 3 pass; 7 errors.")
    assert before == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    again = run_cli("check", ".", "--format", "concise", cwd=tmp_path)
    assert again.stdout == proc.stdout  # deterministic


def test_a_campaign_delay_is_an_error_not_a_silent_default(tmp_path):
    (tmp_path / "c.yaml").write_text("trigger: browse\ndelay: 10m\nmessages:\n  - {id: a, text: Hi.}\n")
    proc = run_cli("check", "c.yaml", "--format", "concise", cwd=tmp_path)
    assert proc.returncode == 2
    assert "c.yaml:2:1: error: 'delay' belongs on each message or step" in proc.stdout.decode()


def test_json_report_counts_the_errors_with_their_column(tmp_path):
    (tmp_path / "bad.yaml").write_text(BAD)
    proc = run_cli("check", "bad.yaml", "--format", "json", cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert proc.returncode == 2 and report["summary"]["errors"] == 6
    assert report["errors"][0] == {
        "file": "bad.yaml",
        "line": 2,
        "column": 10,
        "message": "unknown trigger 'brwose'; did you mean 'browse'?",
    }
    assert [m["id"] for m in report["messages"]] == ["a", "b"]


def test_a_bad_journey_rule_in_a_house_ruleset_is_a_file_line_error(tmp_path):
    (tmp_path / "house.yaml").write_text(
        "rules:\n  - id: house/fast\n    category: journey_timing\n    severity: warning\n"
        "    journey: {check: real_tme}\n    message: m\n    suggestion: s\n"
        "    examples: {flag: ['{trigger: browse}'], pass: ['{trigger: signup}']}\n"
    )
    (tmp_path / "a.txt").write_text("Hello.\n")
    proc = run_cli("check", "--extend-ruleset", "house.yaml", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "house.yaml:5: unknown journey check 'real_tme'; did you mean 'real_time'?" in proc.stderr.decode()


def test_the_readme_journey_example_prints_what_the_readme_says(tmp_path):
    from ..conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Journeys") :]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    shown = section.split("$ creeplint check browse.yaml --format concise\n", 1)[1].split("```", 1)[0]
    (tmp_path / "browse.yaml").write_text(example)
    proc = run_cli("check", "browse.yaml", "--format", "concise", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout.decode() == shown


def test_the_house_journey_rule_in_the_docs_loads_and_passes_its_examples(tmp_path):
    from ..conftest import ROOT

    doc = (ROOT / "docs" / "journeys.md").read_text(encoding="utf-8")
    house = doc[doc.index("rules:\n  - id: house/no-sms-within-an-hour") :].split("```", 1)[0]
    (tmp_path / "house.yaml").write_text(house)
    proc = run_cli("test-rules", "house.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert b"2 examples, 0 failed" in proc.stdout
