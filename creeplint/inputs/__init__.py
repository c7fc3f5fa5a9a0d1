"""Inputs, the first stage: files -> sources -> readers -> messages.

* ``files``: command-line paths to sources (folder walks, .gitignore, binary sniffing, limits),
* ``source``: one input's bytes, decoded on demand,
* ``readers/``: one module per format, each turning a source into messages with exact positions.
"""
