"""What a new user hits first (issue 15, input): standard input, folder walks over ordinary
repositories, creeplint's own reports, channel / sector / relationship values."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, run_cli

COPY = "We noticed you searched for boots.\n"


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_stdin_without_a_name_is_plain_text():
    proc = run_cli("check", "--isolated", "-f", "json", "-", stdin=COPY.encode())
    report = json.loads(proc.stdout)
    assert proc.returncode == 1, proc.stderr
    assert report["messages"][0]["file"] == "<stdin>"
    assert "tracked-behaviour/we-noticed" in {f["rule"] for f in report["messages"][0]["findings"]}


def test_stdin_filename_alone_reads_stdin_and_picks_the_reader(tmp_path: Path):
    # a campaign in the folder would be checked if "--stdin-filename" fell back to "."
    _tree(tmp_path, {"other.txt": "We saw you at the store.\n"})
    text = "---\nid: promo\n---\nWe noticed you searched for boots.\n"
    proc = run_cli("check", "--isolated", "-f", "json", "--stdin-filename", "promo.md", cwd=tmp_path,
                   stdin=text.encode())
    report = json.loads(proc.stdout)
    assert [(m["file"], m["id"]) for m in report["messages"]] == [("promo.md", "promo")]


def test_stdin_on_a_terminal_prints_a_hint():
    """A real pseudo-terminal as stdin: the hint comes before creeplint blocks reading."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "creeplint", "check", "--isolated", "-f", "json", "-"],
                            stdin=follower, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    os.close(follower)
    os.write(leader, COPY.encode() + b"\x04")  # the text, then Ctrl-D (end of input)
    out, err = proc.communicate(timeout=120)
    os.close(leader)
    assert "reading standard input" in err.decode()
    assert json.loads(out)["summary"]["messages"] == 1
    piped = run_cli("check", "--isolated", "-f", "json", "-", stdin=COPY.encode())
    assert "reading standard input" not in piped.stderr.decode()


def _saved_reports(root: Path) -> None:
    campaign = root / "copy.txt"
    for fmt, name in (("json", "report.json"), ("sarif", "out.sarif.json"), ("pretty", "pretty.txt"),
                      ("github", "annotations.txt")):
        proc = run_cli("check", "--isolated", "-f", fmt, str(campaign), cwd=root)
        (root / name).write_bytes(proc.stdout)


def test_a_walk_over_an_ordinary_repo_checks_only_copy(tmp_path: Path):
    _tree(tmp_path, {
        "package.json": '{"name": "site", "version": "1.0.0", "scripts": {"build": "vite"}}',
        "tsconfig.json": '{\n  // comments are allowed here\n  "compilerOptions": {"strict": true}\n}',
        "renovate.json": '{"extends": ["config:base"]}', "data.json": '{"rows": [1, 2, 3]}',
        "settings.yaml": "debug: true\nport: 8080\n", "empty.yml": "",
        "copy.txt": COPY,
    })
    _saved_reports(tmp_path)
    proc = run_cli("check", "--isolated", "-f", "json", ".", cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert proc.returncode == 1, proc.stderr.decode()  # findings only, not 2
    assert [m["file"] for m in report["messages"]] == ["copy.txt"]
    assert report["errors"] == []
    assert report["summary"]["files"] == 1
    assert report["summary"]["skipped"] == 8  # package.json, tsconfig.json: known config, never read
    err = proc.stderr.decode()
    assert "8 files skipped (4 not campaigns, 4 reports; --verbose lists them)" in err
    assert "data.json" not in err

    verbose = run_cli("check", "--isolated", "-f", "json", "-v", ".", cwd=tmp_path).stderr.decode()
    assert "data.json: skipped: not a campaign" in verbose
    assert "empty.yml: skipped: empty file" in verbose
    assert "report.json: skipped: a creeplint JSON report, not copy" in verbose
    assert "out.sarif.json: skipped: a SARIF report, not copy" in verbose
    assert "pretty.txt: skipped: a creeplint text report, not copy" in verbose
    assert "annotations.txt: skipped: creeplint GitHub annotations, not copy" in verbose


def test_named_files_that_are_not_copy_are_still_errors(tmp_path: Path):
    _tree(tmp_path, {"data.json": '{"rows": [1]}', "copy.txt": COPY})
    _saved_reports(tmp_path)
    proc = run_cli("check", "--isolated", "-f", "json", "data.json", "report.json", "copy.txt", cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert proc.returncode == 2
    assert [e["file"] for e in report["errors"]] == ["data.json", "report.json"]
    assert report["errors"][0]["message"].startswith("not a campaign file")
    assert report["errors"][1]["message"] == "a creeplint JSON report, not copy; not read"


def test_a_campaign_with_a_stray_document_is_still_an_error_in_a_walk(tmp_path: Path):
    _tree(tmp_path, {"c/x.yaml": "messages:\n  - text: We noticed you searched for boots.\n---\nport: 1\n"})
    code, report = _check(tmp_path, "c")
    assert code == 2
    assert report["summary"]["messages"] == 1
    assert report["errors"][0]["message"].startswith("not a campaign file")


def _check(cwd: Path, *args: str) -> tuple[int, dict]:
    proc = run_cli("check", "--isolated", "-f", "json", *args, cwd=cwd)
    return proc.returncode, json.loads(proc.stdout)


def test_a_folder_without_copy_says_no_files_to_check(tmp_path: Path):
    _tree(tmp_path, {"src/app.py": "print('hi')\n", "package.json": '{"name": "x"}'})
    proc = run_cli("check", "--isolated", ".", cwd=tmp_path)
    assert proc.returncode == 0
    assert "creeplint: no files to check" in proc.stderr.decode()


def test_channels_are_case_insensitive_and_aliases_map(tmp_path: Path):
    rows = [{"id": c, "channel": c, "text": "We noticed you searched for boots."}
            for c in ("SMS", "e-mail", "social", "display", "text", "web", "landing_page", "postal", "Push")]
    _tree(tmp_path, {"m.jsonl": "\n".join(json.dumps(r) for r in rows) + "\n"})
    proc = run_cli("check", "--isolated", "-f", "json", "m.jsonl", cwd=tmp_path)
    report = json.loads(proc.stdout)
    got = {m["id"]: m["channel"] for m in report["messages"]}
    assert got == {"SMS": "sms", "e-mail": "email", "social": "ad", "display": "ad", "text": "sms",
                   "web": "in_app", "landing_page": "in_app", "postal": "email", "Push": "push"}
    err = proc.stderr.decode()
    assert "channel 'postal' (printed mail) is scored as 'email'" in err
    assert "warning" not in err


def test_unknown_channel_sector_relationship_warn_once_and_use_the_default(tmp_path: Path):
    rows = [{"id": f"m{i}", "channel": "fax", "sector": "Groceries", "relationship": "friend",
             "text": "We noticed you searched for boots."} for i in range(3)]
    rows.append({"id": "ok", "channel": "Email", "sector": "Retail", "relationship": "Customer",
                 "text": "We noticed you searched for boots."})
    _tree(tmp_path, {"m.jsonl": "\n".join(json.dumps(r) for r in rows) + "\n"})
    proc = run_cli("check", "--isolated", "-f", "json", "m.jsonl", cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert proc.returncode == 1 and report["errors"] == []
    assert [m["channel"] for m in report["messages"]] == ["email"] * 4  # linted, not dropped
    err = proc.stderr.decode()
    assert err.count("warning: unknown channel 'fax'") == 1
    assert err.count("warning: unknown sector 'Groceries'") == 1
    assert err.count("warning: unknown relationship 'friend'") == 1
    assert "m.jsonl:1: warning: unknown channel 'fax' (known: email, ad, sms, push, in_app); linted with 'email'" \
        in err
    # the known values, in another case, pick their profile: same score as written in lower case
    lower = dict(rows[-1], sector="retail", relationship="customer", channel="email")
    _tree(tmp_path, {"n.jsonl": json.dumps(lower) + "\n"})
    _, again = _check(tmp_path, "n.jsonl")
    assert again["messages"][0]["score"] == report["messages"][-1]["score"]


def test_unknown_channel_in_a_campaign_file_is_linted(tmp_path: Path):
    _tree(tmp_path, {"c.yaml": "channel: Newspaper\nmessages:\n  - id: a\n    text: We noticed you searched.\n"})
    proc = run_cli("check", "--isolated", "-f", "json", "c.yaml", cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert proc.returncode == 1
    assert report["messages"][0]["channel"] == "email"
    assert "c.yaml:4: warning: unknown channel 'Newspaper'" in proc.stderr.decode()


def test_broken_pipe_exits_quietly(tmp_path: Path):
    """``| head`` closes the pipe after 100 bytes of a 7 MB report: no traceback, no
    "Broken pipe" error, and not the exit code of an input error."""
    rows = [{"id": f"m{i}", "text": "We noticed you searched for boots on Sunday at 1:20 am."} for i in range(3000)]
    _tree(tmp_path, {"m.jsonl": "\n".join(json.dumps(r) for r in rows) + "\n"})
    script = f"{sys.executable} -m creeplint check --isolated -j 1 -f json m.jsonl | head -c 100 >/dev/null; " \
             "echo ${PIPESTATUS[0]}"
    proc = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, timeout=300)
    assert proc.stderr.decode() == ""
    assert proc.stdout.decode().strip() in ("1", "141")  # click's EPIPE exit, or SIGPIPE's
