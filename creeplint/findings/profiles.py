"""Profiles: per-sector thresholds and category weights, adjusted by channel and relationship.

The data lives in ``rulesets/profiles.yaml`` (shipped) and is validated here with file:line errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..model import CHANNELS, Message
from ..rules.loader import shipped_categories
from ..yamlfile import YamlError, line_of
from ..yamlfile import load as load_yaml
from .scoring import Thresholds

FILE = "<shipped>/profiles.yaml"
RELATIONSHIPS = ("customer", "subscriber", "prospect", "cold")


def _categories() -> tuple[str, ...]:
    """Categories a profile may weigh: the shipped taxonomy and the derived stacking category."""
    from .derive import STACKING_CATEGORY

    return (*shipped_categories(), STACKING_CATEGORY)


@dataclass(frozen=True)
class Layer:
    name: str
    description: str = ""
    factors: dict[str, float] = field(default_factory=dict)
    tags: dict[str, float] = field(default_factory=dict)  # rule tag -> weight factor
    warn_at: int | None = None
    fail_at: int | None = None


@dataclass(frozen=True)
class Profiles:
    profiles: dict[str, Layer]
    channels: dict[str, Layer]
    relationships: dict[str, Layer]

    def thresholds(self, message: Message, profile: str | None = None) -> Thresholds:
        """Thresholds for one message: the profile, then its channel and relationship."""
        base = self.profiles["default"]
        chosen = self.profiles.get(profile or message.sector or "default", base)
        found = [chosen, self.channels.get(message.channel), self.relationships.get(message.relationship or "")]
        layers = [layer for layer in found if layer is not None]
        factors: dict[str, float] = {}
        for cat in (*_categories(), "*"):
            value = 1.0
            for layer in layers:
                value *= layer.factors.get(cat, layer.factors.get("*", 1.0))
            if value != 1.0:
                factors[cat] = round(value, 4)
        tags: dict[str, float] = {}
        for layer in layers:
            for tag, value in layer.tags.items():
                tags[tag] = round(tags.get(tag, 1.0) * value, 4)
        return Thresholds(
            warn_at=chosen.warn_at if chosen.warn_at is not None else base.warn_at or 30,
            fail_at=chosen.fail_at if chosen.fail_at is not None else base.fail_at or 60,
            category_factors=factors,
            tag_factors=tags,
        )


def _layer(name: str, spec: object, file: str, where: object, thresholds: bool) -> Layer:
    if spec is None:
        spec = {}
    if not isinstance(spec, dict):
        raise YamlError(file, line_of(where, name), f"{name!r} must be a mapping")
    allowed = {"description", "factors", "tags", *(("warn_at", "fail_at") if thresholds else ())}
    for key in spec:
        if key not in allowed:
            raise YamlError(
                file, line_of(spec, key), f"unknown key {key!r} in {name!r} (allowed: {', '.join(sorted(allowed))})"
            )
    factors = spec.get("factors") or {}
    if not isinstance(factors, dict):
        raise YamlError(file, line_of(spec, "factors"), "'factors' maps categories to numbers")
    for cat, value in factors.items():
        if cat != "*" and cat not in _categories():
            raise YamlError(file, line_of(factors, cat), f"unknown category {cat!r}")
        if not isinstance(value, (int, float)) or not 0 <= value <= 5:
            raise YamlError(file, line_of(factors, cat), f"factor for {cat!r} must be a number from 0 to 5")
    tags = spec.get("tags") or {}
    if not isinstance(tags, dict):
        raise YamlError(file, line_of(spec, "tags"), "'tags' maps rule tags to numbers")
    for tag, value in tags.items():
        if not isinstance(tag, str) or not isinstance(value, (int, float)) or not 0 <= value <= 10:
            raise YamlError(file, line_of(tags, tag), f"factor for tag {tag!r} must be a number from 0 to 10")
    levels = {}
    for key in ("warn_at", "fail_at"):
        value = spec.get(key)
        if value is not None and (not isinstance(value, int) or not 0 <= value <= 100):
            raise YamlError(file, line_of(spec, key), f"{key!r} must be a whole number from 0 to 100")
        levels[key] = value
    return Layer(
        name, str(spec.get("description", "")), {k: float(v) for k, v in factors.items()},
        {k: float(v) for k, v in tags.items()}, **levels,
    )


def parse(text: str, file: str = FILE) -> Profiles:
    data = load_yaml(text, file)
    if not isinstance(data, dict):
        raise YamlError(file, 1, "profiles file must be a mapping")
    for key in data:
        if key not in ("profiles", "channels", "relationships"):
            raise YamlError(file, line_of(data, key), f"unknown key {key!r}")
    sections = {}
    for key, known in (("profiles", None), ("channels", CHANNELS), ("relationships", RELATIONSHIPS)):
        section = data.get(key) or {}
        if not isinstance(section, dict):
            raise YamlError(file, line_of(data, key), f"{key!r} must be a mapping")
        for name in section:
            if known is not None and name not in known:
                raise YamlError(
                    file, line_of(section, name), f"unknown {key[:-1]} {name!r} (known: {', '.join(known)})"
                )
        sections[key] = {n: _layer(n, s, file, section, key == "profiles") for n, s in section.items()}
    if "default" not in sections["profiles"]:
        raise YamlError(file, line_of(data, "profiles"), "a 'default' profile is required")
    return Profiles(sections["profiles"], sections["channels"], sections["relationships"])


@cache
def shipped() -> Profiles:
    text = resources.files("creeplint.rulesets").joinpath("profiles.yaml").read_text(encoding="utf-8")
    return parse(text)
