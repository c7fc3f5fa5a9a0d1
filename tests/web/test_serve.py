"""``creeplint serve``: the real command in a subprocess, over HTTP and in headless Chromium."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from creeplint.serve import bind_warning

from ..conftest import ROOT, run_cli

CREEPY = "Hi Sam, we noticed you were looking at running shoes last night."


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``creeplint serve --port 0`` (a free port, on loopback); yields its URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "creeplint", "serve", "--port", "0", "--isolated", "--max-request-size", "64KB"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 120
        url = None
        assert proc.stderr is not None
        while url is None and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                pytest.fail(f"creeplint serve exited with {proc.wait()}")
            found = re.search(r"playground at (http://\S+)", line)
            url = found.group(1) if found else None
        assert url and urlsplit(url).hostname == "127.0.0.1"
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _post(url: str, body: bytes, kind: str = "application/json", path: str = "/check") -> tuple[int, dict]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request("POST", path, body=body, headers={"Content-Type": kind})
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def test_check_returns_the_schema_v1_report(server):
    status, report = _post(server, json.dumps({"text": CREEPY, "channel": "sms", "profile": "retail"}).encode())
    assert status == 200
    assert report["version"] == 1 and report["tool"]["name"] == "creeplint"
    assert set(report) == {"version", "tool", "messages", "summary", "errors"}
    (msg,) = report["messages"]
    assert msg["channel"] == "sms" and msg["verdict"] in ("warn", "fail")
    assert "tracked-behaviour/we-noticed" in {f["rule"] for f in msg["findings"]}
    assert report["summary"]["messages"] == 1
    status, clean = _post(server, b'{"text": "Our spring range is here."}')
    assert status == 200 and clean["messages"][0]["findings"] == []


def test_bad_requests_get_a_status_and_a_message(server):
    status, body = _post(server, b'{"text": "unterminated')
    assert status == 400 and body["error"].startswith("request body is not JSON")
    status, body = _post(server, b'["text"]')
    assert status == 400 and "JSON object" in body["error"]
    status, body = _post(server, b'{"text": "hi", "channel": "fax"}')
    assert status == 400 and "unknown channel 'fax'" in body["error"]
    status, body = _post(server, b'{"path": "/etc/passwd"}')
    assert status == 400 and "unknown field 'path'" in body["error"]
    status, body = _post(server, json.dumps({"text": "x" * 70_000}).encode())
    assert status == 413 and "over the limit" in body["error"]
    status, body = _post(server, b"text=hi", kind="application/x-www-form-urlencoded")
    assert status == 415
    status, _ = _post(server, b"{}", path="/../../etc/passwd")
    assert status == 404
    parts = urlsplit(server)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    conn.request("GET", "/", headers={"Host": "attacker.example"})  # a DNS-rebinding page
    assert conn.getresponse().status == 403
    conn.close()


def test_listening_beyond_loopback_is_warned_about():
    assert bind_warning("127.0.0.1") is None and bind_warning("::1") is None and bind_warning("localhost") is None
    assert "no authentication" in (bind_warning("0.0.0.0") or "")
    assert bind_warning("192.0.2.7") is not None


def test_typing_shows_the_highlight(page, server):
    page.tab.goto(server)
    page.tab.locator("#copy").press_sequentially(CREEPY, delay=2)
    page.tab.wait_for_function("() => document.getElementById('output').textContent === "
                               "document.getElementById('copy').value")  # the answer to the last keystroke
    page.tab.wait_for_selector("#output mark[data-f]")
    _, report = _post(server, json.dumps({"text": CREEPY}).encode())
    findings = report["messages"][0]["findings"]
    marks = page.tab.eval_on_selector_all("#output mark[data-f]", "ms => ms.map(m => [m.dataset.f, m.textContent])")
    for i, f in enumerate(findings):
        assert "".join(t for ids, t in marks if str(i) in ids.split()) == f["text"]
    page.tab.locator("#output mark[data-f]").first.hover()
    assert "Instead" in page.tab.inner_text("#detail")
    page.tab.fill("#copy", "Our spring range is here.")
    page.tab.wait_for_function("() => document.getElementById('status').textContent.startsWith('No findings')")
    assert page.tab.locator("#output mark").count() == 0
    assert page.errors == []


def test_bad_options_exit_2_before_listening():
    proc = run_cli("serve", "--isolated", "--profile", "nope", "--port", "0")
    assert proc.returncode == 2 and b"unknown profile 'nope'" in proc.stderr
    proc = run_cli("serve", "--isolated", "--ruleset", "no-such-ruleset", "--port", "0")
    assert proc.returncode == 2 and b"no-such-ruleset" in proc.stderr
