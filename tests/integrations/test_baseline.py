"""Baselines: record, then report only new findings; stable across unrelated edits."""

from __future__ import annotations

import json

from .conftest import CREEPY

NEW = "Our records show you stopped by twice.\n"


def test_baseline_round_trip(cli, campaign):
    (campaign / "list.jsonl").write_text(
        '{"id": "j1", "text": "We noticed you searched for flights."}\n'
        '{"id": "j2", "text": "We noticed you searched for flights."}\n'
    )
    run = cli("baseline", ".", cwd=campaign)
    assert run.exit_code == 0 and "recorded 6 findings from 3 files" in run.stderr
    doc = json.loads(run.stdout)
    assert doc["version"] == 1 and doc["tool"] == "creeplint"
    fps = [f["fingerprint"] for f in doc["findings"]]
    assert len(fps) == len(set(fps)) == 6  # identical findings differ by occurrence index
    assert {f["file"] for f in doc["findings"]} == {"creepy.txt", "list.jsonl"}
    assert cli("baseline", ".", cwd=campaign).stdout == run.stdout  # deterministic
    (campaign / ".creeplint-baseline.json").write_text(run.stdout)

    run = cli("check", "-f", "json", "--baseline", ".creeplint-baseline.json", ".", cwd=campaign)
    assert run.exit_code == 0, run.stdout
    assert "6 baselined findings not shown" in run.stderr
    assert all(m["findings"] == [] and m["verdict"] == "pass" for m in json.loads(run.stdout)["messages"])

    # edits elsewhere (new lines above, a changed greeting) keep the baseline valid
    body = CREEPY.split("\n\n", 1)[1]
    (campaign / "creepy.txt").write_text("Subject: About your visit\n\nHello again!\n\n\n" + body)
    run = cli("check", "--baseline", ".creeplint-baseline.json", ".", cwd=campaign)
    assert run.exit_code == 0, run.stdout

    # a new finding is reported, and only it
    (campaign / "creepy.txt").write_text(CREEPY + NEW)
    run = cli("check", "-f", "json", "--baseline", ".creeplint-baseline.json", ".", cwd=campaign)
    assert run.exit_code == 1
    found = [(m["file"], f["line"]) for m in json.loads(run.stdout)["messages"] for f in m["findings"]]
    assert found and set(found) == {("creepy.txt", 6)}
    assert "6 baselined findings" in run.stderr

    # a third copy of a baselined sentence is new: occurrence 2 was never recorded
    with (campaign / "list.jsonl").open("a") as fh:
        fh.write('{"id": "j3", "text": "We noticed you searched for flights."}\n')
    run = cli("check", "-f", "json", "--baseline", ".creeplint-baseline.json", "list.jsonl", cwd=campaign)
    by_id = {m["id"]: m for m in json.loads(run.stdout)["messages"]}
    assert by_id["j1"]["findings"] == by_id["j2"]["findings"] == [] and by_id["j3"]["findings"]


def test_baseline_to_file_and_bad_baselines(cli, campaign):
    run = cli("baseline", "-o", "base.json", "creepy.txt", cwd=campaign)
    assert run.exit_code == 0 and json.loads((campaign / "base.json").read_text())["findings"]
    run = cli("baseline", "-o", "creepy.txt", "creepy.txt", cwd=campaign)
    assert run.exit_code == 2 and "refusing to overwrite" in run.stderr
    for text, where in [("{\n  oops\n}", "bad.json:2: invalid JSON"),
                        ('{"version": 1}', "bad.json:1: not a creeplint baseline"),
                        ('{"version": 7, "tool": "creeplint", "findings": []}', "bad.json:1: unsupported")]:
        (campaign / "bad.json").write_text(text)
        run = cli("check", "--baseline", "bad.json", "creepy.txt", cwd=campaign)
        assert run.exit_code == 2 and where in run.stderr and len(run.stderr.strip().splitlines()) == 1
    run = cli("check", "--baseline", "missing.json", "creepy.txt", cwd=campaign)
    assert run.exit_code == 2 and "missing.json: no such baseline file" in run.stderr


def test_fingerprint_ignores_line_and_case_but_not_words():
    from creeplint.findings.baseline import fingerprint

    a = fingerprint("r/x", "f.md", "We  noticed\nyou", 0)
    assert a == fingerprint("r/x", "f.md", "we noticed you", 0)
    assert a != fingerprint("r/x", "f.md", "we spotted you", 0)
    assert a != fingerprint("r/x", "f.md", "we noticed you", 1)
    assert a != fingerprint("r/x", "g.md", "we noticed you", 0)


def test_config_names_the_baseline_relative_to_itself(cli, campaign):
    """``baseline:`` in the config (as the GitHub Action uses it), read relative to the config."""
    recorded = cli("baseline", "creepy.txt", cwd=campaign)
    (campaign / "ci").mkdir()
    (campaign / "ci" / "known.json").write_text(recorded.stdout)
    (campaign / "ci" / "creeplint.yaml").write_text("baseline: known.json\n")
    run = cli("check", "-f", "json", "--config", "ci/creeplint.yaml", "creepy.txt", cwd=campaign)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "2 baselined findings not shown (ci/known.json)" in run.stderr
    assert cli("check", "--isolated", "creepy.txt", cwd=campaign).exit_code == 1
