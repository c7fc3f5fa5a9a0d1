"""One real headless Chromium (Debian's ``chromium`` driven by Playwright) for the whole session.

Playwright never downloads a browser here: it drives ``/usr/bin/chromium`` with a new, empty
profile, and every test skips with the reason when that browser (or Playwright) is missing.
"""

from __future__ import annotations

import shutil
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser_context() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("no browser: /usr/bin/chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e .[test])")
    profile = tempfile.mkdtemp(prefix="creeplint-chromium-")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


class Page:
    """A new tab with the console errors and uncaught exceptions it produced."""

    def __init__(self, context) -> None:  # type: ignore[no-untyped-def]
        self.tab = context.new_page()
        self.errors: list[str] = []
        self.tab.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.tab.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture
def page(browser_context) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    p = Page(browser_context)
    yield p
    p.tab.close()


def distinct_rows(png: bytes) -> int:
    """How many different pixel rows a (non-interlaced) PNG has: 1-2 for a blank page.

    Rows are compared as stored (after PNG's per-row filters), which differ wherever the
    pixels do, so no image library is needed."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data, width, channels = 8, b"", 0, 0
    while pos < len(png):
        length = int.from_bytes(png[pos:pos + 4], "big")
        kind, body = png[pos + 4:pos + 8], png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, depth, colour = int.from_bytes(body[:4], "big"), body[8], body[9]
            assert depth == 8 and body[12] == 0, "8-bit, non-interlaced PNG expected"
            channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
        elif kind == b"IDAT":
            data += body
        pos += 12 + length
    raw = zlib.decompress(data)
    stride = 1 + width * channels
    return len({raw[i + 1:i + stride] for i in range(0, len(raw), stride)})
