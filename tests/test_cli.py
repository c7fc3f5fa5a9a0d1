"""The command line end to end: exit codes, formats, determinism, errors, stdin, help."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT, check_json, run_cli

CREEPY = "Subject: About your visit\n\nHi Sam,\n\nWe noticed you looked at the Alder coat four times this week.\n"
CLEAN = "Subject: New season\n\nHi Sam,\n\nOur autumn coats are in stores now.\n"


@pytest.fixture()
def campaign(tmp_path):
    (tmp_path / "creepy.txt").write_text(CREEPY)
    (tmp_path / "clean.txt").write_text(CLEAN)
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "list.jsonl").write_text(
        '{"id": "j1", "channel": "sms", "text": "Saw you walking past our store twice this week!"}\n'
        '{"id": "j2", "channel": "sms", "text": "Our store is open late on Thursdays."}\n'
    )
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.txt").write_text(CREEPY)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    return tmp_path


def test_json_report_shape_and_exit_code(campaign):
    code, report = check_json(".", cwd=campaign)
    assert code == 1
    assert report["version"] == 1 and report["tool"]["name"] == "creeplint"
    assert report["summary"] == {"files": 3, "messages": 4, "failed": report["summary"]["failed"],
                                 "warned": report["summary"]["warned"], "passed": 2, "errors": 0, "skipped": 0}
    by_id = {m["id"]: m for m in report["messages"]}
    assert set(by_id) == {"creepy.txt", "clean.txt", "j1", "j2"}
    assert by_id["clean.txt"]["verdict"] == "pass" and by_id["clean.txt"]["findings"] == []
    creepy = by_id["creepy.txt"]
    assert creepy["verdict"] == "fail" and creepy["score"] >= 60
    f = creepy["findings"][0]
    for key in ("rule", "category", "severity", "message", "suggestion", "line", "column",
                "end_line", "end_column", "text"):
        assert key in f
    line = CREEPY.splitlines()[f["line"] - 1]
    assert line[f["column"] - 1 : f["end_column"] - 1] == f["text"]
    assert by_id["j1"]["channel"] == "sms" and by_id["j1"]["verdict"] != "pass"


def test_exit_codes_follow_fail_on(campaign):
    assert run_cli("check", "clean.txt", cwd=campaign).returncode == 0
    assert run_cli("check", "creepy.txt", cwd=campaign).returncode == 1
    assert run_cli("check", "creepy.txt", "--fail-on", "never", cwd=campaign).returncode == 0


def test_output_is_deterministic(campaign):
    digests = {
        hashlib.sha256(run_cli("check", "--format", "json", ".", cwd=campaign).stdout).hexdigest()
        for _ in range(2)
    }
    assert len(digests) == 1


def test_bad_input_is_one_line_and_run_goes_on(campaign):
    (campaign / "bad.txt").write_bytes(b"caf\xe9 \xff")
    proc = run_cli("check", "--format", "json", ".", "missing.txt", cwd=campaign)
    assert proc.returncode == 2
    report = json.loads(proc.stdout)
    assert report["summary"]["errors"] == 2 and report["summary"]["messages"] == 4
    assert {e["file"] for e in report["errors"]} == {"bad.txt", "missing.txt"}
    err_lines = proc.stderr.decode().strip().splitlines()
    assert len(err_lines) == 2 and all(line.startswith("creeplint: ") for line in err_lines)
    assert "Traceback" not in proc.stderr.decode()


def test_inputs_are_never_modified(campaign):
    before = {p: p.read_bytes() for p in campaign.rglob("*") if p.is_file()}
    run_cli("check", ".", cwd=campaign)
    assert before == {p: p.read_bytes() for p in campaign.rglob("*") if p.is_file()}


def test_stdin_with_filename_picks_reader(campaign):
    piped = b"---\nid: p1\n---\nWe noticed you searched for tents."
    code, report = check_json("-", "--stdin-filename", "piped.md", stdin=piped)
    assert code == 1
    (msg,) = report["messages"]
    assert msg["id"] == "p1" and msg["file"] == "piped.md"


def test_pretty_output_plain_when_not_a_tty(campaign):
    proc = run_cli("check", "creepy.txt", cwd=campaign)
    out = proc.stdout.decode()
    assert "\x1b[" not in out
    assert "creepy.txt:5:" in out and "FAIL" in out and "try:" in out
    assert "Checked 1 file, 1 message: 1 fail, 0 warn, 0 pass." in out


def test_pretty_colour_can_be_forced_off(campaign):
    from click.testing import CliRunner

    from creeplint.cli import main

    result = CliRunner().invoke(main, ["check", "--no-color", str(campaign / "creepy.txt")], color=True)
    assert "\x1b[" not in result.output


def test_warn_at_above_fail_at_is_a_usage_error(campaign):
    proc = run_cli("check", "--warn-at", "80", "--fail-at", "50", "clean.txt", cwd=campaign)
    assert proc.returncode == 2 and b"--warn-at" in proc.stderr


def test_help_and_rules_do_not_import_spacy():
    code = (
        "import sys; sys.argv=['creeplint', 'rules']\n"
        "from creeplint.cli import main\n"
        "try:\n    main()\n"
        "except SystemExit: pass\n"
        "assert 'spacy' not in sys.modules, 'spacy was imported'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    proc = run_cli("--help")
    assert proc.returncode == 0 and b"check" in proc.stdout and b"Exit codes" in proc.stdout



@pytest.mark.parametrize(("args", "code", "tears_down"), [
    (["check", "--isolated", "clean.txt"], 0, False),
    (["check", "--isolated", "-f", "json", "creepy.txt"], 1, False),
    (["check", "--isolated", "-f", "json", "-o", "report.json", "creepy.txt"], 1, False),
    (["check", "--isolated", "missing.txt"], 2, True),
])
def test_the_command_skips_interpreter_teardown_only_after_a_normal_finish(campaign, args, code, tears_down):
    """``creeplint`` (``cli.run``) leaves with ``os._exit`` after exit 0 or 1: atexit handlers
    do not run, yet every byte of the report is out. After an error it exits as usual."""
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('TEARDOWN', file=sys.stderr))\n"
        f"sys.argv = ['creeplint', *{args!r}]\n"
        "from creeplint.cli import run\n"
        "run()\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], cwd=campaign, capture_output=True, timeout=120)
    assert proc.returncode == code, proc.stderr.decode()
    assert (b"TEARDOWN" in proc.stderr) is tears_down
    if "json" in args:
        report = proc.stdout if "-o" not in args else (campaign / "report.json").read_bytes()
        assert json.loads(report)["summary"]["failed"] == 1

def test_rules_and_explain():
    proc = run_cli("rules", "--format", "json")
    rules = json.loads(proc.stdout)
    assert rules and {"id", "category", "severity", "message"} <= set(rules[0])
    rid = rules[0]["id"]
    proc = run_cli("explain", rid)
    assert proc.returncode == 0 and rid.encode() in proc.stdout and b"Flagged:" in proc.stdout
    proc = run_cli("explain", rid[:-1])
    assert proc.returncode == 2 and b"did you mean" in proc.stderr


def test_test_rules_command_passes_on_shipped_rules():
    proc = run_cli("test-rules")
    assert proc.returncode == 0, proc.stdout.decode()[-2000:]
    assert b" 0 failed" in proc.stdout


def test_sample_campaigns_show_every_verdict(tmp_path):
    shutil.copytree(ROOT / "sample_campaigns", tmp_path / "s")
    code, report = check_json("s", cwd=tmp_path)
    assert code == 1 and report["summary"]["errors"] == 0
    verdicts = {m["verdict"] for m in report["messages"]}
    assert verdicts == {"pass", "warn", "fail"}
    assert report["summary"]["messages"] >= 15
