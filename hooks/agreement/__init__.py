"""The agreement package: revision model, loading and validation, and the pure
transformations the site is built from. Nothing here imports MkDocs, so scripts,
tests and a future successor of MkDocs 1.x use it unchanged."""
