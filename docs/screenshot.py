"""Regenerate docs/html-report.png: the HTML report on sample_campaigns/ in headless Chromium.

    python docs/screenshot.py

Uses Debian's /usr/bin/chromium through Playwright (no browser download). The shot shows the
summary and the first failing messages with one highlight opened.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        subprocess.run([sys.executable, "-m", "creeplint", "check", "sample_campaigns", "--format", "html",
                        "--output", str(report)], cwd=ROOT, check=False)
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                str(Path(tmp) / "profile"), executable_path="/usr/bin/chromium", args=ARGS, headless=True,
                viewport={"width": 1200, "height": 1500})
            page = context.new_page()
            page.goto(report.as_uri())
            page.wait_for_selector("body[data-ready]")
            page.uncheck('input[name="verdict"][value="pass"]')
            mark = page.locator(".msg mark[data-f]").nth(1)
            mark.focus()
            page.keyboard.press("Enter")
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(ROOT / "docs" / "html-report.png"))
            context.close()


if __name__ == "__main__":
    main()
