"""What a journey says about one message: its trigger, delay, send time, cap and audience,
each with where it was written. Plain picklable data; nothing here imports spaCy.

Trigger vocabulary: a *tracked* trigger is behaviour the reader did not ask anyone to act on
(browsing, viewing, searching, opening, clicking, walking past a store); a *requested* one is
something the reader asked for (a price alert, a back-in-stock request, signing up, a receipt
for a purchase). Custom event names are read by their words (``viewed_category`` is tracked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TRACKED_TRIGGERS = (
    "browse",
    "product_view",
    "page_view",
    "category_view",
    "search",
    "cart_abandon",
    "checkout_abandon",
    "email_open",
    "link_click",
    "location_enter",
    "geofence_enter",
    "store_visit",
    "app_open",
    "price_drop",
    "low_inventory",
    "metric",
)
REQUESTED_TRIGGERS = (
    "price_alert_set",
    "back_in_stock_request",
    "signup",
    "subscribe",
    "purchase",
    "order_placed",
    "order_shipped",
    "password_reset",
    "appointment_booked",
    "account_created",
    "schedule",
    "date",
)
TRIGGERS = TRACKED_TRIGGERS + REQUESTED_TRIGGERS
_TRACKED_WORDS = frozenset(
    "browse browsed browsing view viewed views search searched searches open opened opens click clicked clicks "
    "location geofence visit visited visits abandon abandoned abandonment cart page scroll dwell app".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def tracked(trigger: str | None) -> bool:
    """Whether a trigger is tracked behaviour (see the module docstring)."""
    if not trigger:
        return False
    name = trigger.lower()
    if name in REQUESTED_TRIGGERS:
        return False
    return name in TRACKED_TRIGGERS or bool(_TRACKED_WORDS & set(_WORD.findall(name.replace("_", " "))))


@dataclass(frozen=True)
class Spot:
    """Where a journey field was written: its key's line and column (1-based, as findings
    are), where the key ends, and the key with its value as written (``delay: 4m``)."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


@dataclass(frozen=True)
class Audience:
    name: str
    description: str
    at: Spot


@dataclass
class Journey:
    """The journey fields that apply to one message (its own over its campaign's).

    ``offset`` is seconds from the trigger to this send (the delays of every step up to and
    including it); ``earlier`` the offsets of the journey's sends before it, for cadence."""

    trigger: str | None = None
    trigger_detail: str = ""  # what the trigger mapping says about the event (category, description)
    trigger_at: Spot | None = None
    delay: int | None = None  # seconds
    delay_at: Spot | None = None
    offset: int | None = None
    earlier: list[int] = field(default_factory=list)
    send_time: int | None = None  # minutes after midnight, recipient-local
    send_time_mirrors: bool = False  # send_time: trigger_time (the hour of the tracked event)
    send_time_at: Spot | None = None
    window: tuple[int, int] | None = None  # minutes after midnight; end may be below start
    window_at: Spot | None = None
    cap: tuple[int, int] | None = None  # (count, window seconds)
    cap_at: Spot | None = None
    audiences: list[Audience] = field(default_factory=list)
    # where the campaign's own fields were written: findings there are reported once, on the
    # campaign's first message (``leads``), not on every message that inherits them
    campaign_spots: frozenset[Spot] = frozenset()
    leads: bool = True
    sends: bool = True  # False for a step that only waits (``- delay: 2d``)

    @property
    def tracked(self) -> bool:
        return tracked(self.trigger)

    @property
    def anchor(self) -> Spot | None:
        """Where a finding about the whole journey points: the trigger, else the first field."""
        return self.trigger_at or self.delay_at or self.cap_at or self.send_time_at or self.window_at
