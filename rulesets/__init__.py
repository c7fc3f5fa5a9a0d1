"""Shipped creeplint rulesets (YAML data, installed as the ``creeplint.rulesets`` package)."""
