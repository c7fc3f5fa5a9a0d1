"""Merge tags and template syntax: masked out of message text, kept in ``Message.meta``.

Campaign copy is full of template tags: Liquid/Jinja ``{{ x }}`` and ``{% ... %}``,
Handlebars ``{{#if x}}`` and SendGrid's ``{{{ x }}}``, Mailchimp ``*|FNAME|*``. They are
not prose, so every tag is replaced in the message text by a *same-length* placeholder
(offsets, and so positions, stay 1:1):

* an output tag keeps only its variable name, verbatim and at its own position, and the
  rest of the tag becomes spaces: ``{{ customer.last_viewed_product | escape }}`` ->
  ``           last_viewed_product          ``. The name is one spaCy token, so the
  sentence still parses ("Still thinking about last_viewed_product?") and an ordinary
  rule (``rulesets/merge_tags.yaml``) can match risky variable names, reporting the exact
  line and column of the name inside the tag; ``finding.text`` equals the source slice.
* a block tag (``{% if %}``, ``{{#each}}``, ``{{/if}}``, ``*|IF:X|*``, comments) becomes
  spaces (line breaks inside it are kept).

Only the last segment of a dotted path is kept (``customer.first_name`` -> ``first_name``);
hyphens become underscores so the name stays one token. Expressions with no variable
(``{{ 'now' | date: '%Y' }}``) get a neutral ``Xxxx`` word.

``meta["merge_tags"]`` lists every tag: ``{"name", "kind" ("output"|"block"), "tag",
"start", "end"}`` with ``start``/``end`` offsets into ``Message.text``.
"""

from __future__ import annotations

import re
from typing import Any

_TAG = re.compile(
    r"\{\{\{(?P<triple>[^{}]{0,200}?)\}\}\}"  # SendGrid / Handlebars unescaped output
    r"|\{\{(?P<double>[^{}]{0,200}?)\}\}"  # Liquid, Jinja, Handlebars, Mustache
    r"|\{%(?P<block>.{0,400}?)%\}"  # Liquid / Jinja statements
    r"|\{#(?P<comment>.{0,400}?)#\}"  # Jinja comments
    r"|\*\|(?P<mc>[A-Za-z0-9_:\-\s]{1,80}?)\|\*",  # Mailchimp
    re.DOTALL,
)
# pieces of an output expression: a bracketed quoted key, a string literal, an identifier, a dot
_PART = re.compile(
    r"""\[\s*(?P<q>['"])(?P<key>[A-Za-z_][\w\-]*)(?P=q)\s*\]|'[^']*'|"[^"]*"|(?P<id>[A-Za-z_][\w\-]*)|(?P<dot>\.)"""
    r"|[@$]|(?P<other>\S)"
)
_STRING = re.compile(r"""'[^']*'|"[^"]*\"""")
_WORD = re.compile(r"[A-Za-z_][\w.\-]*")
_KEYWORDS = frozenset({
    "if", "elif", "else", "elsif", "endif", "unless", "endunless", "for", "endfor", "in", "each", "with",
    "endwith", "case", "when", "end", "raw", "endraw", "assign", "capture", "endcapture", "include", "render",
    "set", "block", "endblock", "extends", "macro", "endmacro", "not", "and", "or", "true", "false", "nil",
    "null", "none", "this",
})


def _mask(tag: str, start_in_tag: int, name: str) -> str:
    """Spaces the length of ``tag`` (keeping line breaks) with ``name`` written at ``start_in_tag``."""
    chars = [c if c in "\r\n" else " " for c in tag]
    chars[start_in_tag : start_in_tag + len(name)] = name
    return "".join(chars)


def _variable(expr: str, offset: int) -> tuple[str, int, str] | None:
    """(token to show, its offset in the tag, dotted name) of the variable an output expression prints.

    Filters (``| upcase``) are dropped; for a helper call (``{{formatDate order_date}}``)
    the last variable wins.
    """
    head = expr.split("|", 1)[0]
    best: tuple[str, int, str] | None = None
    path: list[str] = []
    for m in _PART.finditer(head):
        word = m.group("key") or m.group("id")
        if word is None:
            if m.group("dot") is None and m.group(0) not in "@$":
                path = []  # a string literal or an operator ends the current path
            continue
        if m.group("id") is not None and word.lower() in _KEYWORDS:
            path = []
            continue
        if m.group("id") is not None and path and head[m.start() - 1 : m.start()] != ".":
            path = []  # a new argument
        path.append(word)
        start = m.start("key") if m.group("key") else m.start("id")
        best = (word.replace("-", "_"), offset + start, ".".join(path))
    return best


def mask_merge_tags(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Same-length text with template tags masked, and the tags found (see module docstring)."""
    if "{" not in text and "*|" not in text:
        return text, []
    out: list[str] = []
    tags: list[dict[str, Any]] = []
    pos = 0
    for m in _TAG.finditer(text):
        tag = m.group(0)
        kind = "block"
        name = ""
        masked = _mask(tag, 0, "")
        if m.group("triple") is not None or m.group("double") is not None:
            group = "triple" if m.group("triple") is not None else "double"
            expr = m.group(group)
            inner = expr.strip().lstrip("-~").lstrip()
            if inner[:1] not in ("#", "/", "^", "!", ">", "&") and inner.split(" ", 1)[0] not in ("else",):
                kind = "output"
                found = _variable(expr, m.start(group) - m.start())
                if found:
                    token, at, name = found
                    masked = _mask(tag, at, token)
                else:
                    masked = _mask(tag, 0, "Xxxx"[: len(tag)])
            else:
                words = _WORD.findall(inner.lstrip("#/^!>&"))
                name = next((w for w in words[1:] if w.lower() not in _KEYWORDS), "")
        elif m.group("mc") is not None:
            expr = m.group("mc")
            if ":" in expr:
                head, _, rest = expr.partition(":")
                name = "" if head.strip().upper() == "END" else rest.strip()
            else:
                kind = "output"
                name = expr.strip()
                at = m.start("mc") - m.start() + (len(expr) - len(expr.lstrip()))
                masked = _mask(tag, at, name.replace("-", "_"))
        else:
            expr = m.group("block") if m.group("block") is not None else ""
            name = next((w for w in _WORD.findall(_STRING.sub(" ", expr)) if w.lower() not in _KEYWORDS), "")
        out.append(text[pos : m.start()])
        out.append(masked)
        pos = m.end()
        tags.append({"name": name, "kind": kind, "tag": tag, "start": m.start(), "end": m.end()})
    out.append(text[pos:])
    return "".join(out), tags
