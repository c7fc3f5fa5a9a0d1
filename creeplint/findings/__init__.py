"""Findings, the third stage, then scoring: what happens to the engine's findings on one
message, in this order (``Linter.result``):

* ``suppress``: inline directives and record-level ``creeplint-disable`` lists drop findings,
* ``baseline``: findings recorded in a baseline file are dropped (or recorded),
* ``scoring.weigh``: each finding's weight, computed in this one place,
* ``derive``: the stacking finding, from the weighed findings,
* ``overrides``: config levels for rules (applied to the rule book) and for the stacking finding,
* ``scoring.score``: the 0-100 score and the verdict, a pure function of findings and profile,
* ``profiles``: the thresholds and category factors of a message's sector, channel and relationship.
"""
