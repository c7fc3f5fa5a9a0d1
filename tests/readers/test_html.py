"""HTML email reader: visible text only, exact positions back into the HTML."""

from __future__ import annotations

from .conftest import assert_maps_back

EMAIL = """<html><head><title>Hi &amp; welcome</title>
<style>p { color: red }</style></head>
<body>
<div style="display:none">We noticed you browsed boots</div>
<div style="display:none">Hidden: we noticed you again</div>
<!-- we noticed you in a comment -->
<!--[if mso]><p>We noticed you in Outlook</p><![endif]-->
<p>Hello there,
  we noticed you were
  looking at tents.</p>
<p>Tom &amp; Jerry: we&rsquo;ve noticed you like cats.</p>
<img src="x.png" alt="We saw you on our site">
<a class="btn" href="#">Still thinking about {{ last_viewed_product }}?</a>
<script>document.write("we noticed you")</script>
</body></html>
"""


def test_positions(write, lint):
    linted = lint(write("promo.html", EMAIL))
    assert not linted.errors
    assert linted.spans("we-noticed") == [
        (4, 27, 4, 41, "We noticed you"),  # the preheader (first hidden div)
        (9, 3, 9, 17, "we noticed you"),
        (11, 21, 11, 44, "we’ve noticed you"),  # &rsquo; decoded, mapped to its '&'
        (12, 23, 12, 33, "We saw you"),  # alt text
    ]
    assert (9, 14, 10, 13, "you were\n  looking at") in linted.spans("you-browsed")
    assert linted.spans("browsing-variable") == [(13, 49, 13, 68, "last_viewed_product")]
    assert_maps_back(linted)


def test_visible_text_and_blocks(write, lint):
    (msg,) = lint(write("promo.html", EMAIL)).messages
    assert msg.text.startswith("Hi & welcome\n\nWe noticed you browsed boots")
    assert "Hidden" not in msg.text and "Outlook" not in msg.text and "comment" not in msg.text
    assert "document.write" not in msg.text and "color: red" not in msg.text
    blocks = "\n\nTom & Jerry: we’ve noticed you like cats.\n\nWe saw you on our site\n\nStill thinking"
    assert blocks in msg.text
    assert msg.meta["merge_tags"][0]["name"] == "last_viewed_product"


def test_inline_elements_do_not_split_sentences(write, lint):
    linted = lint(write("a.htm", "<p>We <b>noticed</b> <a href='#'>you</a> there.</p>"))
    (msg,) = linted.messages
    assert msg.text == "We noticed you there."
    # the finding spans inline tags: it starts and ends at the right columns
    assert linted.spans("we-noticed") == [(1, 4, 1, 37, "We noticed you")]


def test_crlf_and_numeric_entities(write, lint):
    html = "<div>\r\n<p>Hi,</p>\r\n<p>&#87;e noticed you&#x27;re back.</p>\r\n</div>\r\n"
    linted = lint(write("crlf.html", html))
    assert linted.spans("we-noticed") == [(3, 4, 3, 22, "We noticed you")]
    assert_maps_back(linted, require_contiguous=False)  # &#87; starts the finding


def test_stdin(cli):
    run = cli("-", "--stdin-filename", "campaigns/x.html", input=EMAIL.encode())
    assert run.exit_code == 1
    (msg,) = run.report["messages"]
    assert msg["file"] == "campaigns/x.html"
    assert (msg["findings"][0]["line"], msg["findings"][0]["column"]) == (4, 27)


def test_malformed_file_is_an_error_and_the_run_goes_on(write, cli):
    bad = write("bad.html", "<p>Hello</p>\n<!-- unfinished comment\n<p>We noticed you</p>\n")
    good = write("good.html", "<p>We noticed you browsing.</p>")
    run = cli(str(bad), str(good))
    assert run.exit_code == 2
    assert run.report["summary"]["errors"] == 1
    assert [m["file"].rsplit("/", 1)[-1] for m in run.report["messages"]] == ["good.html"]
    (error,) = run.report["errors"]
    assert error["line"] == 2 and "never closed" in error["message"]
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith("bad.html:2: comment '<!--' is never closed with '-->' "
                                                 "(it hides the rest of the file)")


def test_not_utf8_is_an_error(write, cli):
    run = cli(str(write("latin.html", "<p>caf\xe9</p>", encoding="latin-1")))
    assert run.exit_code == 2 and run.report["summary"]["errors"] == 1
    assert "UTF-8" in run.report["errors"][0]["message"]
