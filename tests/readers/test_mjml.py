"""MJML reader: mj-text (as HTML), mj-button, mj-preview, mj-title, mj-image alt."""

from __future__ import annotations

from .conftest import assert_maps_back

TEMPLATE = """<mjml>
  <mj-head>
    <mj-title>Your car is due</mj-title>
    <mj-preview>We saw your car near Leeds</mj-preview>
    <mj-style>.x { color: red }</mj-style>
  </mj-head>
  <mj-body>
    <mj-section><mj-column>
      <mj-image src="car.png" alt="We noticed your old tyres" />
      <mj-text>
        <p>Hi {{ first_name }},</p>
        <p>we noticed you drove past
          <b>{{ last_known_location }}</b> on Tuesday.</p>
        <span style="display:none">We noticed you in a hidden span</span>
      </mj-text>
      <mj-button href="#">You looked at our tyres</mj-button>
      <mj-raw><p>We noticed you in raw</p></mj-raw>
    </mj-column></mj-section>
  </mj-body>
</mjml>
"""


def test_positions(write, lint):
    linted = lint(write("service.mjml", TEMPLATE))
    assert not linted.errors
    assert linted.spans("we-noticed") == [
        (4, 17, 4, 28, "We saw your"),  # mj-preview
        (9, 36, 9, 51, "We noticed your"),  # mj-image alt
        (12, 12, 12, 26, "we noticed you"),  # mj-text
    ]
    assert linted.spans("you-browsed") == [(16, 27, 16, 40, "You looked at")]  # mj-button
    assert linted.spans("location-variable") == [(13, 17, 13, 36, "last_known_location")]
    assert_maps_back(linted)


def test_only_copy_elements(write, lint):
    (msg,) = lint(write("service.mjml", TEMPLATE)).messages
    assert msg.text.startswith("Your car is due\n\nWe saw your car near Leeds\n\nWe noticed your old tyres")
    assert "color" not in msg.text and "raw" not in msg.text and "hidden span" not in msg.text


def test_stdin(cli):
    run = cli("-", "--stdin-filename", "service.mjml", input=TEMPLATE.encode())
    assert run.exit_code == 1
    assert run.report["messages"][0]["findings"][0]["line"] == 4


def test_malformed(write, cli):
    bad = write("bad.mjml", "<mjml>\n<mj-body>\n  <mj-text>We noticed you\n</mj-body>\n</mjml>\n")
    not_mjml = write("page.mjml", "<html><p>hello</p></html>")
    good = write("good.mjml", "<mjml><mj-body><mj-text>We noticed you.</mj-text></mj-body></mjml>")
    run = cli(str(bad), str(not_mjml), str(good))
    assert run.exit_code == 2
    assert run.report["summary"]["errors"] == 2 and run.report["summary"]["messages"] == 1
    assert [(e["line"], e["message"]) for e in run.report["errors"]] == [
        (3, "<mj-text> is never closed"),
        (1, "not an MJML document: no <mjml> root element"),
    ]
    assert len(run.stderr.strip().splitlines()) == 2
