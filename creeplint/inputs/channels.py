"""Channel names as people write them: case-insensitive, with common aliases.

``channel`` values come from campaign files, front matter and JSONL records, written by
marketers and exported by tools: ``SMS``, ``e-mail``, ``social``, ``landing_page``. They map
to the five channels profiles know (``model.CHANNELS``):

* ``social``, ``display``, ``search``, ``paid_social``, ``banner`` ... -> ``ad``
* ``text``, ``text_message``, ``mms`` -> ``sms``
* ``e-mail``, ``newsletter`` -> ``email``
* ``postal``, ``direct_mail``, ``letter``, ``print`` -> ``email``, with a note: printed mail
  is scored like email (the closest channel: read at leisure, addressed to one person)
* ``web``, ``website``, ``landing_page``, ``onsite`` -> ``in_app``: copy on your own site is
  read in session with you, as in an app (no separate ``web`` channel: its scoring would be
  the same as ``in_app``'s)
* ``notification``, ``push_notification`` -> ``push``

Anything else is unknown: the message is linted as ``email`` (the default) and the run
warns once per value.
"""

from __future__ import annotations

from ..model import CHANNELS

DEFAULT = "email"

_ALIASES = {
    "ad": ("ads", "advert", "advertising", "social", "social_media", "paid_social", "display", "banner",
           "search", "sem", "ppc", "paid_search", "video"),
    "sms": ("text", "text_message", "texts", "mms", "rcs", "whatsapp"),
    "email": ("e_mail", "mail", "newsletter", "edm"),
    "in_app": ("inapp", "app", "web", "website", "site", "webpage", "web_page", "landing_page", "landing", "onsite",
               "on_site"),
    "push": ("push_notification", "notification", "notifications", "web_push", "mobile_push"),
}
_PRINTED = ("postal", "post", "direct_mail", "directmail", "letter", "print", "printed", "mailer", "catalog",
            "catalogue", "postcard")

ALIASES: dict[str, str] = {alias: channel for channel, names in _ALIASES.items() for alias in names}


def _key(value: str) -> str:
    return "_".join(value.strip().lower().replace("-", " ").replace("_", " ").split())


def normalise(value: object) -> tuple[str, str | None, bool]:
    """``(channel, note, known)`` for a written channel value.

    ``note`` explains a mapping that changes meaning (printed mail scored as email);
    ``known`` is False for a value that is neither a channel nor an alias (then the channel
    is ``DEFAULT``)."""
    key = _key(str(value))
    if key in CHANNELS:
        return key, None, True
    if key in ALIASES:
        return ALIASES[key], None, True
    if key in _PRINTED:
        return "email", f"channel {value!r} (printed mail) is scored as 'email'", True
    return DEFAULT, None, False


def describe_aliases() -> str:
    """``channel: alias, alias`` lines for docs and errors."""
    return "; ".join(f"{c}: {', '.join(_ALIASES.get(c, ()))}" for c in CHANNELS if c in _ALIASES)
