"""``--format html`` on sample_campaigns/, read back in a real headless Chromium."""

from __future__ import annotations

import json
import re

import pytest

from ..conftest import ROOT, check_json, run_cli
from .conftest import distinct_rows

SAMPLES = "sample_campaigns"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    """The HTML report on the samples (written by the real CLI) and the JSON report of the same run."""
    out = tmp_path_factory.mktemp("html") / "report.html"
    proc = run_cli("check", SAMPLES, "--format", "html", "--output", str(out), cwd=ROOT)
    assert proc.returncode == 1, proc.stderr  # the samples include failing copy
    _, data = check_json(SAMPLES, cwd=ROOT)
    return {"path": out, "bytes": out.read_bytes(), "json": data}


def _embedded(html: str) -> dict:
    raw = re.search(r'<script id="creeplint-data" type="application/json">(.*?)</script>', html, re.S)
    assert raw
    return json.loads(raw.group(1))


def test_same_input_same_bytes_and_nothing_loaded_from_outside(report):
    again = run_cli("check", SAMPLES, "--format", "html", cwd=ROOT)
    assert again.stdout == report["bytes"]
    html = report["bytes"].decode("utf-8")
    data = _embedded(html)
    page = re.sub(r'<script id="creeplint-data".*?</script>', "", html, flags=re.S)  # the copy itself is data
    assert not re.search(r"<(link|img|iframe|object|embed)\b|<script[^>]*\bsrc=|@import|url\(", page, re.I)
    assert not re.search(r"""\b(src|href|action)\s*=\s*(?!["']?#)""", page, re.I)  # only in-page links
    assert "default-src 'none'" in page  # and the page's CSP forbids fetching anything anyway
    assert len(data["messages"]) == report["json"]["summary"]["messages"] == 69  # 18 in journeys/
    assert "health" in data["categories"] and data["categories"]["health"]["p"]  # the category's policy


def _open(page, report) -> None:
    page.tab.goto(report["path"].as_uri())
    page.tab.wait_for_selector("body[data-ready]")


def _shown(page) -> list[int]:
    return page.tab.eval_on_selector_all("article.msg", "as => as.map(a => +a.dataset.index)")


def test_every_highlight_sits_on_its_finding_text(page, report):
    _open(page, report)
    messages = report["json"]["messages"]
    summary = report["json"]["summary"]
    assert page.tab.inner_text(".card.v-fail .n") == str(summary["failed"])
    embedded = _embedded(report["bytes"].decode("utf-8"))["messages"]
    checked = fields = 0
    for _ in range(10):
        rendered = page.tab.eval_on_selector_all("article.msg", """as => as.map(a => ({
            index: +a.dataset.index,
            marks: Array.from(a.querySelectorAll(".copy mark[data-f]")).map(m => [m.dataset.f, m.textContent]),
            listed: Array.from(a.querySelectorAll(".findings li button")).map(b => b.textContent)}))""")
        for art in rendered:
            findings = messages[art["index"]]["findings"]
            assert len(art["listed"]) == len(findings)
            for i, f in enumerate(findings):
                text = "".join(t for ids, t in art["marks"] if str(i) in ids.split())
                if "q" in embedded[art["index"]]["x"][i]:  # a journey field, not a span of the copy
                    assert text == "" and art["listed"][i] == f"“{f['text']} (line {f['line']})”"
                    fields += 1
                else:
                    assert text == f["text"], (messages[art["index"]]["id"], f["rule"])
                checked += 1
        nxt = page.tab.locator(".pager").first.get_by_role("button", name="Next →")
        if nxt.is_disabled():
            break
        nxt.click()
    assert checked == sum(len(m["findings"]) for m in messages) > 100
    assert fields == 9  # the journey samples' findings about their fields
    assert page.errors == []
    page.tab.goto(report["path"].as_uri())
    page.tab.wait_for_selector("body[data-ready]")
    assert distinct_rows(page.tab.screenshot(full_page=False)) > 100  # text and charts, not a blank page


def test_filters_change_what_is_shown(page, report):
    _open(page, report)
    messages = report["json"]["messages"]
    assert page.tab.inner_text("#status").startswith("Showing messages 1–50 of 69 matching")

    page.tab.uncheck('input[name="verdict"][value="pass"]')
    shown = _shown(page)
    assert shown and all(messages[i]["verdict"] != "pass" for i in shown)
    assert len(shown) == sum(m["verdict"] != "pass" for m in messages)
    page.tab.check('input[name="verdict"][value="pass"]')

    page.tab.select_option("#f-category", "health")
    assert _shown(page) == [i for i, m in enumerate(messages) if any(f["category"] == "health" for f in m["findings"])]
    page.tab.select_option("#f-category", "")

    rule = "tracked-behaviour/you-browsed"
    page.tab.select_option("#f-rule", rule)
    assert _shown(page) == [i for i, m in enumerate(messages) if any(f["rule"] == rule for f in m["findings"])]
    page.tab.select_option("#f-rule", "")

    value = page.tab.eval_on_selector_all(
        "#f-file option", "os => os.find(o => o.textContent.startsWith('sample_campaigns/campaigns.jsonl ')).value")
    page.tab.select_option("#f-file", value)
    assert _shown(page) == [i for i, m in enumerate(messages) if m["file"] == "sample_campaigns/campaigns.jsonl"]
    page.tab.select_option("#f-file", "")

    page.tab.fill("#f-search", "CART")
    page.tab.wait_for_function("() => !document.getElementById('status').textContent.includes('of 69 matching')")
    shown = _shown(page)
    assert shown and len(shown) < len(messages)
    assert all("cart" in page.tab.locator(f'article[data-index="{i}"]').inner_text().lower() for i in shown)
    page.tab.fill("#f-search", "no such words anywhere")
    page.tab.wait_for_selector("article.msg", state="detached")
    assert page.tab.inner_text("#status").startswith("No message matches")
    assert page.errors == []


def test_keyboard_reaches_a_highlight_and_the_page_fits_at_200_percent_zoom(page, report):
    page.tab.set_viewport_size({"width": 640, "height": 450})  # 1280 x 900 at 200% zoom
    _open(page, report)
    assert page.tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    for _ in range(300):
        page.tab.keyboard.press("Tab")
        if page.tab.evaluate("document.activeElement.matches('.copy mark[data-f]')"):
            break
    else:
        pytest.fail("Tab never reached a highlight")
    page.tab.keyboard.press("Enter")
    article = page.tab.locator("article.msg", has=page.tab.locator("mark:focus"))
    detail = article.locator(".detail")
    assert detail.is_visible()
    index = int(article.get_attribute("data-index"))
    first = int(page.tab.evaluate("document.activeElement.dataset.f.split(' ')[0]"))
    finding = report["json"]["messages"][index]["findings"][first]
    text = detail.inner_text()
    assert finding["rule"] in text and finding["suggestion"] in text and "Policy" in text
    page.tab.keyboard.press("Escape")
    assert detail.is_hidden()
    assert page.errors == []


def test_a_journey_finding_explains_itself_from_the_findings_list(page, report):
    _open(page, report)
    page.tab.fill("#f-search", "nursery-email")
    page.tab.wait_for_function("() => document.querySelectorAll('article.msg').length === 1")
    article = page.tab.locator("article.msg")
    button = article.locator(".findings li button")
    assert button.inner_text() == "“audience: expecting_mothers (line 7)”"
    assert article.locator(".copy mark").count() == 0  # the copy itself is clean
    button.click()
    detail = article.locator(".detail")
    assert detail.is_visible()
    text = detail.inner_text()
    assert "journey/sensitive-segment" in text and "expecting mothers" in text
    assert "Target on what the reader chose" in text
    assert page.errors == []
