"""The engine, the second stage: messages in, findings (with context adjustments and source
positions) out. It never prints and never reads files.

* ``normalise``: text for the NLP pipeline, mapped back exactly,
* ``pipeline``: the one spaCy pipeline (blank English, or an installed trained one),
* ``plan``: the rule book compiled into a phrase index and trigger-gated pattern groups,
* ``match``: the token-pattern matcher those groups run,
* ``context``: how modifiers (consent, negation, hypotheticals…) adjust each hit,
* ``core``: ``Engine``, which runs these per message.

Nothing is imported here, so importing a submodule never pulls in spaCy by accident.
"""
