"""Merge tags in every format: masked same-length, kept in meta, flagged at the tag."""

from __future__ import annotations

import json

from creeplint.inputs.readers._templates import mask_merge_tags

from .conftest import assert_maps_back


def test_masking_keeps_length_and_names():
    text = (
        "Hi {{ first_name }}, {% if vip %}VIP {% endif %}*|FNAME|* {{{ cart_items }}} "
        "{{ user.last_search | x }}"
    )
    masked, tags = mask_merge_tags(text)
    assert len(masked) == len(text)
    assert masked.split() == ["Hi", "first_name", ",", "VIP", "FNAME", "cart_items", "last_search"]
    for word in ("first_name", "FNAME", "cart_items", "last_search"):  # each name stays where it was
        assert masked.index(word) == text.index(word)
    assert [(t["name"], t["kind"]) for t in tags] == [
        ("first_name", "output"), ("vip", "block"), ("", "block"), ("FNAME", "output"),
        ("cart_items", "output"), ("user.last_search", "output"),
    ]
    first = tags[0]
    assert text[first["start"] : first["end"]] == "{{ first_name }}" == first["tag"]


def test_handlebars_blocks_comments_and_literals():
    text = "{{#if cart_items}}{{!-- note --}}{{formatDate order_date 'MM'}}{{/if}} {{ 'now' | date }}"
    masked, tags = mask_merge_tags(text)
    assert len(masked) == len(text)
    assert masked.split() == ["order_date", "Xxxx"]
    assert [t["kind"] for t in tags] == ["block", "block", "output", "block", "output"]


def test_text_file(write, lint):
    linted = lint(write("m.txt", "Subject: Hi {{ first_name }}\n\nYou left {{ cart_items }} in your cart.\n"))
    (msg,) = linted.messages
    assert msg.text.startswith("Hi    first_name   \n\n")
    assert msg.text.endswith("You left    cart_items    in your cart.\n")
    assert [t["name"] for t in msg.meta["merge_tags"]] == ["first_name", "cart_items"]
    assert linted.spans("browsing-variable") == [(3, 13, 3, 23, "cart_items")]
    # the placeholder keeps the sentence whole: the prose rule still spans the tag
    assert linted.spans("you-browsed") == [(3, 1, 3, 39, "You left    cart_items    in your cart")]
    assert_maps_back(linted)


def test_markdown_mailchimp(write, lint):
    md = "---\nid: m1\n---\nHello *|FNAME|*,\n\nWeek *|WEEKS_PREGNANT|* is a big one!\n"
    linted = lint(write("m.md", md))
    assert linted.spans("sensitive-variable") == [(6, 8, 6, 22, "WEEKS_PREGNANT")]
    assert_maps_back(linted)


def test_jsonl(write, lint):
    line = json.dumps({"id": "a", "text": "Your score: {{ credit_score }}. We noticed you\u2019re close."})
    linted = lint(write("m.jsonl", "\n" + line + "\n"))
    assert linted.spans("sensitive-variable") == [(2, 37, 2, 49, "credit_score")]
    assert_maps_back(linted)


def test_safe_variables_pass(write, lint):
    copy = "Hi {{ first_name }}, {{ product_name }} is back in stock in {{ city }}.\n"
    linted = lint(write("ok.txt", copy))
    assert linted.findings() == []
