"""The HTML report on awkward copy: characters outside the BMP, markup in the copy, no messages."""

from __future__ import annotations

import io

from creeplint.model import InputError, Summary
from creeplint.reporters import ReportOptions, create

AWKWARD = [
    {"id": "emoji", "text": "🏃‍♀️🎉 Hi 𝒜lex! We noticed you were looking at trail runners last night."},
    {"id": "markup", "text": "</script><script>document.title='pwned'</script><!-- We noticed you browsed -->"},
]


def _write(tmp_path, linter, items, errors=()):  # type: ignore[no-untyped-def]
    out = io.StringIO()
    book = linter.book
    reporter = create("html", out, ReportOptions(tool_version="test", rules=book.rules, categories=book.categories))
    summary, results = Summary(), []
    for result in linter.lint(items):
        summary.count(result)
        reporter.result(result)
        results.append(result)
    summary.errors = len(errors)
    reporter.finish(summary, list(errors))
    path = tmp_path / "report.html"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path, results


def test_highlights_hold_past_astral_characters_and_markup_stays_text(page, tmp_path, linter):
    path, results = _write(tmp_path, linter, AWKWARD)
    assert all(r.findings for r in results)
    page.tab.goto(path.as_uri())
    page.tab.wait_for_selector("body[data-ready]")
    for n, result in enumerate(results):
        marks = page.tab.eval_on_selector_all(
            f'article[data-index="{n}"] .copy mark[data-f]', "ms => ms.map(m => [m.dataset.f, m.textContent])")
        for i, f in enumerate(result.findings):
            assert "".join(t for ids, t in marks if str(i) in ids.split()) == f.text
        copy = page.tab.locator(f'article[data-index="{n}"] .copy')
        assert copy.evaluate("e => e.textContent") == result.text
    assert page.tab.title().startswith("creeplint report")  # the copy's script never ran
    assert page.errors == []


def test_a_run_without_messages_still_reports(page, tmp_path, linter):
    path, _ = _write(tmp_path, linter, [], errors=[InputError("broken.eml", "not a MIME message")])
    page.tab.goto(path.as_uri())
    page.tab.wait_for_selector("body[data-ready]")
    assert page.tab.inner_text("#status").startswith("No message matches")
    assert "broken.eml: not a MIME message" in page.tab.inner_text(".errors")
    assert page.tab.locator(".chart .none").count() == 2
    assert page.errors == []
