"""Context: how the modifiers found in a message (consent, negation, hypotheticals, footers…)
change the weight of each rule hit, and whether a dependent (``when``) hit has the base
finding it depends on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Adjustment
from ..rules.schema import SCOPES, Modifier

if TYPE_CHECKING:
    from .core import Hit




class Context:
    """The modifiers found in one message, indexed so each finding costs O(modifiers near it)."""

    def __init__(self, matches: list[tuple[Modifier, int, int, int]], doc, channel: str = "") -> None:  # type: ignore[no-untyped-def]
        self.doc = doc
        self.present: dict[str, Modifier] = {}
        self.by_sentence: dict[tuple[int, str], list[tuple[int, int]]] = {}
        for mod, start, end, si in matches:
            if channel in mod.not_in:
                continue
            self.present[mod.id] = mod
            self.by_sentence.setdefault((si, mod.id), []).append((start, end))

    def _placement(self, mod: Modifier, hit: Hit) -> str:
        spans = self.by_sentence.get((hit.sent, mod.id))
        if not spans:
            return "message"
        for _start, end in spans:
            if end <= hit.start and hit.start - end <= mod.window and not (
                mod.barrier and any(t.lower_ in mod.barrier for t in self.doc[end : hit.start])
            ):
                return "before"
        return "sentence"

    def apply(self, hit: Hit) -> None:
        """Record, for each applicable modifier, its factor for the tightest scope
        it defines that covers where the modifier was found (before / sentence / message)."""
        category = hit.category or hit.rule.category
        for mod_id in sorted(self.present):
            mod = self.present[mod_id]
            if not mod.applies_to(category) or mod_id in hit.rule.ignore_modifiers:
                continue
            placement = self._placement(mod, hit)
            if placement == "message" and category in mod.sentence_only:
                continue
            for name in SCOPES[SCOPES.index(placement) :]:
                if name in mod.scope:
                    factor = mod.scope[name]
                    hit.adjustments.append(Adjustment(mod_id, factor))
                    break


def supported(hit: Hit, found_in: set[tuple[str, int | None]]) -> bool:
    """Does a dependent (``when``) hit have a base finding of the right category in its scope?"""
    when = hit.rule.when or {}
    where = hit.sent if hit.rule.sentence_scoped else None
    return any((cat, where) in found_in for cat in when.get("categories", ()))
