"""Print the HTML report's size and load time in headless Chromium for a large run.

    python benchmarks/html_report.py [--messages 10000] [--repeat 3]

Generates ``--messages`` personalised messages (``bench.make_corpus``: half the openers draw
findings, ~90 words each), writes ``creeplint check --format html`` and ``--format json`` of
them, then opens the HTML from ``file://`` in Debian's ``/usr/bin/chromium`` (Playwright, no
browser download) and prints:

* the file's size (and gzipped), next to the JSON report's;
* load time: navigation start to the first page of messages rendered and every filter ready
  (the report's ``creeplint-ready`` performance mark), and the wall time of ``page.goto`` to
  that point, median of ``--repeat`` fresh tabs;
* how long a filter change (untick "pass", pick a category) and turning the page take.

Nothing is asserted; it only measures.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import make_corpus

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

TIMED = """([selector, kind]) => {
    const el = document.querySelector(selector), t = performance.now();
    if (kind === "click") el.click(); else { el.value = kind; el.dispatchEvent(new Event("change")); }
    return performance.now() - t;
}"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        corpus = d / "corpus.jsonl"
        make_corpus(corpus, args.messages, personal=True)
        sizes = {}
        for fmt in ("html", "json"):
            out = d / f"report.{fmt}"
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "creeplint", "check", str(corpus), "--format", fmt,
                            "--output", str(out), "--jobs", "1"], capture_output=True, check=False)
            sizes[fmt] = (out.stat().st_size, len(gzip.compress(out.read_bytes())), time.perf_counter() - t0)
        print(f"messages: {args.messages}")
        for fmt, (raw, gz, secs) in sizes.items():
            print(f"{fmt} report: {raw / 1e6:.2f} MB ({gz / 1e6:.2f} MB gzipped); check --format {fmt}: {secs:.1f} s")

        loads, walls, filters = [], [], {"untick pass": [], "category": [], "next page": []}
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                str(d / "profile"), executable_path="/usr/bin/chromium", args=ARGS, headless=True,
                viewport={"width": 1280, "height": 900})
            for _ in range(args.repeat):
                page = context.new_page()
                t0 = time.perf_counter()
                page.goto((d / "report.html").as_uri())
                page.wait_for_selector("body[data-ready]", timeout=120_000)
                walls.append(time.perf_counter() - t0)
                loads.append(page.evaluate("performance.getEntriesByName('creeplint-ready')[0].startTime"))
                category = page.eval_on_selector("#f-category option:nth-child(2)", "o => o.value")
                filters["untick pass"].append(page.evaluate(TIMED, ['input[value="pass"]', "click"]))
                filters["category"].append(page.evaluate(TIMED, ["#f-category", category]))
                filters["next page"].append(page.evaluate(TIMED, [".pager button:last-child", "click"]))
                page.close()
            context.close()
        print(f"load in Chromium (navigation start to first page rendered, filters ready): "
              f"{statistics.median(loads):.0f} ms median of {args.repeat} "
              f"(page.goto wall time {statistics.median(walls) * 1000:.0f} ms)")
        for name, times in filters.items():
            print(f"{name}: {statistics.median(times):.0f} ms")


if __name__ == "__main__":
    main()
