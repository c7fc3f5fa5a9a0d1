"""Readable output (issue 15): the compact pretty report, concise, --quiet, --statistics,
errors printed once, snippets of the source as written, wrapping on a real terminal."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from .conftest import run_cli

CAMPAIGN = """\
messages:
  - id: promo
    subject: Hi {{ first_name }}
    text: |
      We noticed you looked at the Alder coat six times this week, at 1:20 am on Sunday.
      We saw you in the store. # creeplint: disable=over-specific/clock-time
"""
FINDING = re.compile(r"^(\S+:\d+:\d+) +(error|warning|info) +([a-z0-9_-]+/[a-z0-9_-]+) +\S")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _setup(tmp_path: Path) -> Path:
    (tmp_path / "c.yaml").write_text(CAMPAIGN)
    (tmp_path / "broken.json").write_text('{"messages": [')
    return tmp_path


def test_pretty_is_one_line_per_finding_with_the_source_as_written(tmp_path: Path):
    proc = run_cli("check", "--isolated", "c.yaml", cwd=_setup(tmp_path))
    out = proc.stdout.decode()
    lines = out.splitlines()
    assert lines[0] == "FAIL 100/100  c.yaml › promo" or lines[0].startswith("FAIL ")
    findings = [m for m in map(FINDING.match, lines) if m]
    assert len(findings) >= 4
    assert {m.group(1).rsplit(":", 2)[0] for m in findings} == {"c.yaml"}
    # aligned: every finding's severity starts in the same column within the message
    assert len({line.index(m.group(2)) for line, m in zip(lines, map(FINDING.match, lines), strict=True) if m}) == 1
    # the source lines as written: the subject's own line with its merge tag, no suppression comment
    assert "  6 │       We saw you in the store." in lines
    assert "creeplint: disable" not in out
    assert any(line.startswith("  5 │       We noticed you looked at the Alder coat") for line in lines)
    assert "Hi We noticed" not in out
    carets = [line for line in lines if "^" in line and "try:" in line]
    assert carets and all(line.startswith("    │ ") for line in carets)
    # the rationale only on request
    rationale = "Being told you were observed feels like surveillance"
    assert rationale not in out
    explained = run_cli("check", "--isolated", "--explain", "c.yaml", cwd=tmp_path).stdout.decode()
    assert f"why: {rationale}" in explained
    # the suggestion's first sentence by default; all of it (with its examples) on request
    assert 'try: Drop "We noticed you".\n' in out
    assert 'try: Drop "We noticed you". Lead with the value' in explained
    assert lines[-1] == "Checked 1 file, 1 message: 1 fail, 0 warn, 0 pass."


def test_the_subject_line_is_shown_as_written(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Subject: We saw you, {{ first_name }}\n\nHi there.\n")
    out = run_cli("check", "--isolated", "a.txt", cwd=tmp_path).stdout.decode()
    assert "  1 │ Subject: We saw you, {{ first_name }}" in out.splitlines()


def test_errors_are_printed_once(tmp_path: Path):
    _setup(tmp_path)
    proc = run_cli("check", "--isolated", "c.yaml", "broken.json", cwd=tmp_path)
    both = proc.stdout.decode() + proc.stderr.decode()
    assert proc.returncode == 2
    assert both.count("broken.json") == 1
    assert "broken.json:1: error: not valid JSON" in proc.stdout.decode()
    machine = run_cli("check", "--isolated", "-f", "json", "c.yaml", "broken.json", cwd=tmp_path)
    assert machine.stderr.decode().count("broken.json") == 1  # json on stdout: the error goes to stderr


def test_concise_quiet_and_statistics(tmp_path: Path):
    _setup(tmp_path)
    (tmp_path / "ok.txt").write_text("Our spring range is in.\n")
    (tmp_path / "mild.txt").write_text("Happy birthday! Enjoy a free coffee on us.\n")
    proc = run_cli("check", "--isolated", "-f", "concise", "c.yaml", "ok.txt", "mild.txt", cwd=tmp_path)
    lines = proc.stdout.decode().splitlines()
    pattern = re.compile(r"^[\w.]+:\d+:\d+: (error|warning|info) [a-z0-9_-]+/[a-z0-9_-]+ .+ \[(fail|warn|pass) \d+\]$")
    assert all(pattern.match(line) for line in lines[:-1]), lines
    assert any(line.startswith("mild.txt:") for line in lines)
    assert lines[-1].startswith("Checked 3 files, 3 messages: 1 fail")
    quiet = run_cli("check", "--isolated", "-f", "concise", "-q", "c.yaml", "ok.txt", "mild.txt",
                    cwd=tmp_path).stdout.decode().splitlines()
    assert quiet and all(line.startswith("c.yaml:") for line in quiet[:-1])
    pretty_quiet = run_cli("check", "--isolated", "-q", "c.yaml", "mild.txt", cwd=tmp_path).stdout.decode()
    assert "mild.txt" not in pretty_quiet and "c.yaml" in pretty_quiet
    stats = run_cli("check", "--isolated", "-f", "concise", "--statistics", "c.yaml",
                    cwd=tmp_path).stdout.decode().splitlines()
    rows = [line for line in stats if re.match(r"^\s*\d+  (error|warning|info) +\S+/\S+$", line)]
    findings = [line for line in stats if pattern.match(line)]
    assert rows and sum(int(r.split()[0]) for r in rows) == len(findings)


def _on_terminal(args: list[str], cwd: Path, columns: int) -> str:
    """Run creeplint with a pseudo-terminal as stdout, ``columns`` wide, and return what it wrote."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "50"}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.Popen([sys.executable, "-m", "creeplint", *args], stdout=follower, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, cwd=cwd, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(leader)
    return ANSI.sub("", b"".join(chunks).decode()).replace("\r\n", "\n")


def test_on_a_terminal_lines_fit_and_rule_ids_never_wrap(tmp_path: Path):
    _setup(tmp_path)
    deep = tmp_path / "campaigns" / "spring-2026" / "retail"
    deep.mkdir(parents=True)
    (deep / "browse_abandon_followup.txt").write_text(
        "We noticed you looked at the Alder coat six times this week, most recently at 1:20 am on Sunday.\n")
    for columns in (80, 160):
        out = _on_terminal(["check", "--isolated", "c.yaml", "campaigns"], tmp_path, columns)
        lines = out.splitlines()
        assert max(len(line) for line in lines) <= columns, [line for line in lines if len(line) > columns]
        rules = set(re.findall(r"[a-z-]+/[a-z-]+(?=\s)", out))
        assert "tracked-behaviour/we-noticed" in rules
        for line in lines:  # a continuation line never starts at column 0
            assert line == "" or line.startswith((" ", "FAIL", "WARN", "PASS", "Checked", "c.yaml:", "campaigns/"))
    wide = _on_terminal(["check", "--isolated", "c.yaml"], tmp_path, 160)
    assert any(FINDING.match(line) and "Tells the reader" in line for line in wide.splitlines())
