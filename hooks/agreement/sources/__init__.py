"""Sources: reading and validating what editors write (front matter, the revision
bodies, related pages, YAML data files, the law table, region settings, the lock
of adopted revisions) into the model; every problem as `path:line: message`.
May import: model, text, build (atomic writes of the lock)."""
