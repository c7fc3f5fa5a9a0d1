"""JSON campaign reader: exact string-literal mapping (escapes), variants, errors."""

from __future__ import annotations

import json

from .conftest import assert_maps_back

CAMPAIGN = """{
  "campaign": "tix",
  "channel": "email",
  "messages": [
    {
      "id": "a",
      "subject": "Still \\"keen\\"? We saw you",
      "text": "Hi {{ first_name }},\\n\\nYou searched for {{ search_term }} twice.\\u2019 We noticed you.",
      "variants": [{"id": "b", "subject": "Our records show you're keen"}]
    },
    {"id": "z", "channel": "carrier-pigeon", "text": "x"}
  ]
}
"""


def test_positions_with_escapes(write, lint):
    linted = lint(write("c.json", CAMPAIGN))
    assert [m.id for m in linted.messages] == ["a", "a/b", "z"]
    spans = [(f.line, f.column, f.end_line, f.end_column, f.text) for f in linted.result("a").findings]
    assert spans == [
        (7, 35, 7, 45, "We saw you"),  # after \\" escapes
        (8, 40, 8, 56, "You searched for"),  # after the \\n\\n escapes
        (8, 60, 8, 71, "search_term"),
        (8, 88, 8, 102, "We noticed you"),  # after a \\u2019 escape
    ]
    assert (9, 44, "Our records show") in [(f.line, f.column, f.text) for f in linted.result("a/b").findings]
    assert_maps_back(linted)
    assert linted.errors == []  # an unknown channel is linted as email; the linter warns once
    pigeon = linted.messages[2]
    assert pigeon.channel == "email" and pigeon.meta["unknown"] == {"channel": "carrier-pigeon"}


def test_stdin(cli):
    data = json.dumps({"messages": [{"text": "We saw you."}]}).encode()
    run = cli("-", "--stdin-filename", "c.json", input=data)
    assert run.exit_code == 1
    assert run.report["messages"][0]["findings"][0]["column"] == 25


def test_malformed(write, cli):
    broken = write("broken.json", '{\n  "messages": [\n    {"text": "x",}\n  ]\n}\n')
    other = write("settings.json", '{"theme": "dark"}')
    good = write("good.json", '{"messages": [{"id": "g", "text": "We noticed you."}]}')
    run = cli(str(broken), str(other), str(good))
    assert run.exit_code == 2 and run.report["summary"]["errors"] == 2
    errors = {e["file"].rsplit("/", 1)[-1]: e for e in run.report["errors"]}
    assert errors["broken.json"]["line"] == 3 and "not valid JSON" in errors["broken.json"]["message"]
    assert "not a campaign" in errors["settings.json"]["message"]
    assert [m["id"] for m in run.report["messages"]] == ["g"]
