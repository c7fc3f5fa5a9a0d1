"""Campaign journeys: when, how often and to whom a message is sent, not only what it says.

* ``model``: a message's journey (trigger, delay, send time and window, cap, audiences) with
  where each field was written;
* ``durations``: ``10m``, ``PT10M``, ``3 per 3d``, ``02:00``, ``22:00-06:00``;
* ``parse``: journey fields of campaign YAML/JSON (called by ``inputs.readers._campaign``);
* ``klaviyo``: Klaviyo flow definitions (JSON:API ``flow`` with ``definition``) as journeys;
* ``segments``: sensitive inferences in audience names, read with the shipped lexicons;
* ``checks``: the journey checks and their options; ``evaluate``: rules -> findings;
* ``schema.json``: the JSON Schema of the journey fields (docs/journeys.md explains them).

Nothing here is imported unless a file uses a journey field, so plain copy pays nothing.
"""
