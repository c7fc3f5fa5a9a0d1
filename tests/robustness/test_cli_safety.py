"""The check command with hostile inputs and untrusted rulesets/config: clear errors, exit 2,
never a traceback, never a write to an input, Ctrl-C leaves no partial report."""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import cli, write_tree

RULE = """\
rules:
  - id: tracked_behaviour/test-rule
    category: tracked_behaviour
    severity: error
    message: Test rule.
    suggestion: Do not.
    patterns:
{patterns}
    examples:
      flag: ["we spotted you"]
      pass: ["hello"]
"""


def _digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() + str(p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "campaign", {
        "creepy.txt": "Subject: Hi\nWe noticed you searched for tents.",
        "clean.md": "---\nid: c\n---\nOur spring sale starts today.",
        "list.jsonl": '{"id": "j1", "text": "You viewed this 4 times."}\n',
        "page.html": "<p>Still thinking about those sneakers?</p>",
        "ads.csv": "Campaign,Ad group,Headline 1,Description 1\nc,g,We noticed you,Hi there\n",
        "c.yaml": "messages:\n  - text: We noticed you browsed tents\n",
        "sub dir/ünï code.txt": "We noticed you",
        "-odd.txt": "we noticed you",
    })


def test_inputs_are_never_written(campaign: Path):
    before = _digests(campaign)
    for args in (["check", "."], ["check", "-f", "json", "."], ["check", "-f", "sarif", "."],
                 ["baseline", "."], ["check", "--", "-odd.txt", "creepy.txt"]):
        cli(*args, cwd=campaign)
    assert _digests(campaign) == before


@pytest.mark.parametrize("option", ["--output", "--sarif-file"])
def test_output_refuses_to_overwrite_an_input_file(campaign: Path, option: str):
    before = _digests(campaign)
    proc = cli("check", option, "creepy.txt", "creepy.txt", "clean.md", cwd=campaign)
    assert proc.returncode == 2
    assert f"{option} creepy.txt is one of the input files; refusing to overwrite it" in proc.stderr.decode()
    assert _digests(campaign) == before


def test_output_to_a_new_file_inside_the_tree_is_not_read_back(campaign: Path):
    proc = cli("check", "-f", "json", "-o", "report.json", ".", cwd=campaign)
    assert proc.returncode == 1
    report = json.loads((campaign / "report.json").read_text())
    assert "report.json" not in {m["file"] for m in report["messages"]}


def test_odd_file_names(campaign: Path):
    proc = cli("check", "-f", "json", "--", "-odd.txt", "sub dir/ünï code.txt", cwd=campaign)
    report = json.loads(proc.stdout)
    assert proc.returncode == 1 and report["summary"]["messages"] == 2
    assert {m["file"] for m in report["messages"]} == {"-odd.txt", "sub dir/ünï code.txt"}


def test_windows_1252_file_is_read_with_a_note(tmp_path: Path):
    (tmp_path / "legacy.txt").write_bytes("Café “smart quotes” — €5 off… We noticed you".encode("cp1252"))
    proc = cli("check", "--isolated", "-f", "json", "legacy.txt", cwd=tmp_path)
    assert proc.returncode == 1  # the finding, no error
    assert json.loads(proc.stdout)["messages"][0]["findings"][0]["text"] == "We noticed you"
    assert "legacy.txt: note: not UTF-8; read as Windows-1252 (cp1252)" in proc.stderr.decode()


# ---- rulesets and config from others ----

def _bad(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    (tmp_path / "bad.yaml").write_text(text)
    (tmp_path / "a.txt").write_text("hello")
    return cli("check", "--isolated", "-r", "bad.yaml", "a.txt", cwd=tmp_path)


@pytest.mark.parametrize("text,line,needle", [
    (RULE.format(patterns='      - "@no_such_lexicon you"'), 8, "bad pattern: unknown lexicon"),
    (RULE.format(patterns="      - [{LOWER: {REGEX: '(a+)+$'}}]"), 8, "unsafe REGEX '(a+)+$'"),
    (RULE.format(patterns="      - [{LOWER: {REGEX: '^(a|aa)*$'}}]"), 8, "repeated alternation"),
    (RULE.format(patterns="      - [{TEXT: {REGEX: '(.*)*x'}}]"), 8, "repeat inside a repeat"),
    (RULE.format(patterns="      - [{LOWER: {REGEX: '" + "a" * 300 + "'}}]"), 8, "longer than 200"),
    (RULE.format(patterns="      - [{LOWER: {FUZZY: '" + "a" * 300 + "'}}]"), 8, "FUZZY value longer"),
    (RULE.format(patterns='      - "we spotted you"').replace("category: tracked_behaviour", "category: vibes"),
     3, "unknown category 'vibes'"),
    (RULE.format(patterns='      - "we spotted you"') + RULE.format(patterns='      - "we saw you"')
     .replace("rules:\n", ""), 12, "duplicate id"),
    (RULE.format(patterns='      - "we spotted you"').split("    examples:")[0], 2, "missing 'examples'"),
    ("rules: [\n  {id: x\n", 3, "invalid YAML"),
    ("!!python/object/apply:os.system ['echo pwned > pwned.txt']\n", 1, "invalid YAML"),
    ("rules:\n  - !!python/object:os.system {}\n", 2, "invalid YAML"),
])
def test_bad_ruleset_fails_with_file_line_and_exit_2(tmp_path: Path, text: str, line: int, needle: str):
    proc = _bad(tmp_path, text)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert f"bad.yaml:{line}: " in err and needle in err, err
    assert "Traceback" not in err and not (tmp_path / "pwned.txt").exists()


@pytest.mark.parametrize("name,text", [
    (".creeplint.yaml", "fail_on: !!python/object/apply:os.system ['echo pwned > pwned.txt']\n"),
    (".creeplint.yaml", "!!python/name:os.system\n"),
    ("base.yaml", "!!python/object/new:os.system [echo pwned > pwned.txt]\n"),
])
def test_python_tags_in_config_files_are_rejected(tmp_path: Path, name: str, text: str):
    (tmp_path / name).write_text(text)
    (tmp_path / "a.txt").write_text("hello")
    args = ["--config", name] if name != ".creeplint.yaml" else []
    proc = cli("check", *args, "a.txt", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and f"{name}:1: " in err and "Traceback" not in err, err
    assert not (tmp_path / "pwned.txt").exists()


def test_python_tags_in_campaign_and_front_matter_are_not_executed(linter, tmp_path: Path):
    from .conftest import run

    for name, doc in (("a.yaml", "messages:\n  - text: !!python/object/apply:os.system ['echo pwned > pwned.txt']\n"),
                      ("a.md", "---\nid: !!python/object/apply:os.system ['echo pwned > pwned.txt']\n---\nhi\n")):
        out = run(linter, name, doc.encode())
        assert out["errors"] and not out["results"], out
    assert not Path("pwned.txt").exists()


# ---- Ctrl-C ----

@pytest.mark.slow
def test_sigint_exits_130_and_leaves_no_partial_report(tmp_path: Path):
    lines = [json.dumps({"id": f"m{i}", "text": f"We noticed you searched for tents {i} times."})
             for i in range(200_000)]
    (tmp_path / "big.jsonl").write_text("\n".join(lines))
    proc = subprocess.Popen([sys.executable, "-m", "creeplint", "check", "-j", "1", "-f", "json",
                             "-o", "report.json", "big.jsonl"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (tmp_path / "report.json").exists() or (tmp_path / "report.json").stat().st_size == 0:
        assert proc.poll() is None and time.monotonic() < deadline, "creeplint finished before SIGINT"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()[-2000:]
    assert "creeplint: interrupted" in err.decode() and "Traceback" not in err.decode()
    assert not (tmp_path / "report.json").exists()
