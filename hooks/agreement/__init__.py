"""The agreement package: revision model, loading and validation, and the pure
transformations the site is built from. Nothing here imports MkDocs, so scripts,
tests and a future successor of MkDocs 1.x use it unchanged.

Each subpackage's docstring says what else of the package it may import, in a
line `May import: ...`, so the arrows point one way; tests/test_architecture.py
holds the code to these lines. Every part may import urls and labels.
The modules at the top:
- urls: every path pattern of the site, once. May import: nothing.
- labels: every Swedish word for statuses, roles, text and change kinds, once.
  May import: nothing.
- checks: every check on the sources, for the build and scripts/check.py.
  May import: model, text, sources, links, page.
"""
