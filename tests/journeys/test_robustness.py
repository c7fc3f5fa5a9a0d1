"""Odd journey values never crash a reader: each is a positioned error or is read."""

from __future__ import annotations

import json
from itertools import product

import pytest

from creeplint.inputs.readers import read_source
from creeplint.inputs.source import Source
from creeplint.model import InputError, Message

ODD = [
    None,
    0,
    -5,
    3.5,
    True,
    "",
    " ",
    "x",
    "10",
    "PT",
    "P1M",
    "1m2h",
    "10x",
    "25:00",
    "2am",
    "3 per",
    "per 3d",
    "0 per 3d",
    "3 per 0m",
    "22:00-",
    [],
    [1, "a", None],
    {},
    {"event": None},
    {"count": "3", "per": "3d"},
    {"name": {"a": 1}},
    {"start": "09:00"},
    {"start": "x", "end": "y"},
    "trigger_time",
    "9999999999d",
]
FIELDS = ["trigger", "delay", "send_time", "send_window", "frequency", "audience", "segment"]


@pytest.mark.parametrize(("field", "fmt"), list(product(FIELDS, ["yaml", "json"])))
def test_odd_values_are_errors_or_read(field, fmt):
    for value in ODD:
        doc = {"campaign": "c", "trigger": "browse", "steps": [{"id": "a", field: value, "text": "Hi."}]}
        text = json.dumps(doc, indent=2)  # JSON is YAML too
        items = list(read_source(Source(f"odd.{fmt}", text.encode())))
        errors = [i for i in items if isinstance(i, InputError)]
        assert not [e for e in errors if "internal error" in e.message], (field, value, errors)
        assert all(e.line and e.column for e in errors), (field, value, errors)
        assert [m.id for m in items if isinstance(m, Message)] == ["a"], (field, value, items)


def test_every_odd_journey_evaluates(linter):
    for field, value in product(FIELDS, ODD):
        doc = {"trigger": "browse", "messages": [{"id": "a", field: value, "text": "Hi."}]}
        for item in read_source(Source("odd.json", json.dumps(doc).encode())):
            if isinstance(item, Message):
                linter.journeys.findings(item, [])
