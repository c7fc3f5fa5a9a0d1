"""YAML campaign reader: schema, variants, scalar styles, copy keys, non-campaign files."""

from __future__ import annotations

from creeplint.inputs.readers.yaml_campaign import read
from creeplint.inputs.source import Source

from .conftest import assert_maps_back

CAMPAIGN = """campaign: spring
sector: retail
messages:
  - id: m1
    subject: "We noticed you\\u2019re back, \\"friend\\""
    text: |
      Hi {{ first_name }},
      we noticed you were
        looking at boots.
    variants:
      - id: b
        subject: 'It''s here: we saw you'
  - id: m2
    channel: sms
    body: >
      Folded text where
      we noticed you
      searched for flights.
  - plain: no text here
"""


def test_positions_in_every_scalar_style(write, lint):
    linted = lint(write("c.yaml", CAMPAIGN))
    assert [m.id for m in linted.messages] == ["m1", "m1/b", "m2"]
    assert [(m.channel, m.sector) for m in linted.messages] == [("email", "retail")] * 2 + [("sms", "retail")]
    spans = [(f.line, f.column, f.end_line, f.end_column, f.text) for f in linted.result("m1").findings]
    assert spans == [
        (5, 15, 5, 29, "We noticed you"),  # double-quoted, before the \u2019 escape
        (8, 7, 8, 21, "we noticed you"),  # literal block, line 2
        (8, 18, 9, 19, "you were\n  looking at"),  # across block lines (indentation kept)
    ]
    variant = [(f.line, f.column, f.text) for f in linted.result("m1/b").findings]
    assert (12, 31, "we saw you") in variant  # single-quoted with '' before it
    m2 = [(f.line, f.column, f.end_line, f.end_column, f.text) for f in linted.result("m2").findings]
    assert m2 == [(17, 7, 17, 21, "we noticed you"), (17, 18, 18, 19, "you searched for")]
    assert_maps_back(linted)
    (error,) = linted.errors
    assert error.line == 19 and "no 'text'" in error.message


def test_variants_inherit_and_override(write, lint):
    linted = lint(write("c.yaml", CAMPAIGN))
    m1, m1b = linted.messages[0], linted.messages[1]
    assert m1.text.startswith("We noticed you’re back")
    assert m1b.text.startswith("It's here: we saw you\n\nHi ")  # own subject, the message's text


def test_copy_keys_for_other_shapes():
    i18n = b"en:\n  welcome:\n    subject: Hi\n    body: We noticed you signed up.\n  footer:\n    legal: x\n"
    messages = list(read(Source("strings.yaml", i18n)))
    assert [m.id for m in messages] == ["en.welcome"]
    custom = b"emails:\n  - name: promo\n    html_body: We saw you.\n    notes: internal\n"
    messages = list(read(Source("emails.yaml", custom), copy_keys=["emails.*.html_body"]))
    assert [(m.id, m.text) for m in messages] == [("promo", "We saw you.")]


def test_not_a_campaign_and_invalid_yaml(write, cli):
    other = write("k8s.yaml", "apiVersion: v1\nkind: Service\n")
    broken = write("broken.yml", "messages:\n  - id: a\n    text: [unclosed\n")
    good = write("good.yaml", "messages:\n  - text: We noticed you.\n")
    run = cli(str(other), str(broken), str(good))
    assert run.exit_code == 2 and run.report["summary"]["errors"] == 2
    errors = {e["file"].rsplit("/", 1)[-1]: e for e in run.report["errors"]}
    assert errors["k8s.yaml"]["line"] == 1 and "messages" in errors["k8s.yaml"]["message"]
    assert errors["broken.yml"]["line"] == 4 and "not valid YAML" in errors["broken.yml"]["message"]
    assert [m["id"] for m in run.report["messages"]] == ["good.yaml#1"]
    assert len(run.stderr.strip().splitlines()) == 2


def test_stdin(cli):
    run = cli("-", "--stdin-filename", "c.yml", input=CAMPAIGN.encode())
    assert run.exit_code == 2  # the last message has no text
    assert run.report["messages"][0]["findings"][0]["line"] == 5


def test_known_config_files_are_skipped_in_folder_walks(tmp_path, cli):
    (tmp_path / "rulesets").mkdir()
    (tmp_path / "rulesets" / "mine.yaml").write_text("rules: []\n")
    (tmp_path / "action.yml").write_text("name: x\n")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    (tmp_path / "package.json").write_text('{"name": "x"}\n')
    (tmp_path / "node_modules" / "mjml").mkdir(parents=True)
    (tmp_path / "node_modules" / "mjml" / "x.json").write_text("{}\n")
    (tmp_path / "campaign.yaml").write_text("messages:\n  - text: Hello.\n")
    run = cli(str(tmp_path))
    assert run.exit_code == 0, run.report["errors"]
    assert run.report["summary"]["files"] == 1 and run.report["summary"]["errors"] == 0
