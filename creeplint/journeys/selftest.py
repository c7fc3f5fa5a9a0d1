"""Journey rules' own examples: each is a message (or a whole campaign) in YAML flow style,
``{trigger: browse, delay: 10m, text: …}``, read as a campaign file is; ``flag`` examples must
raise the rule, ``pass`` ones must not. Used by ``creeplint test-rules`` through ``selftest``."""

from __future__ import annotations

from typing import Any

DEFAULT_TEXT = "Our spring collection is in."


def messages(example: str) -> tuple[list[Any], list[str]]:
    """The messages of an example and the problems reading it. A message example without
    copy gets a clean line of copy (``DEFAULT_TEXT``), so only its journey is judged."""
    import yaml

    from ..inputs.readers._campaign import document_messages
    from ..inputs.readers.yaml_campaign import _documents
    from ..model import InputError, LineIndex

    body = example.strip()
    if not body.startswith(("steps:", "messages:")):
        data = yaml.safe_load(body)
        if isinstance(data, dict) and not {"text", "body", "subject", "variants"} & set(data) and body.endswith("}"):
            body = f"{body[:-1]}, text: {DEFAULT_TEXT}}}"
        body = "messages:\n  - " + body
    docs = _documents(body)
    out, problems = [], []
    for item in document_messages(docs[0], LineIndex(body), "<example>", None):
        (problems.append(str(item)) if isinstance(item, InputError) else out.append(item))
    return out, problems


def check(engine: Any, book: Any, rule: Any) -> list[tuple[str, str, str]]:
    """(kind, example, detail) of each example that does not do what it says."""
    from .evaluate import Evaluator

    evaluator = Evaluator(book)
    out = []
    for kind, examples in (("flag", rule.examples_flag), ("pass", rule.examples_pass)):
        for ex in examples:
            try:
                msgs, problems = messages(ex)
            except Exception as exc:  # a YAML error in the example itself
                out.append((kind, ex, f"example does not read: {exc}"))
                continue
            if problems:
                out.append((kind, ex, "example does not read: " + "; ".join(problems)))
                continue
            found = []
            for msg in msgs:
                copy = engine.analyse(msg.text)
                found += [f for f in evaluator.findings(msg, copy) if f.rule == rule.id]
            if kind == "flag" and not found:
                out.append((kind, ex, "no journey finding"))
            elif kind == "pass" and found:
                out.append((kind, ex, f"matched {found[0].text!r}"))
    return out
