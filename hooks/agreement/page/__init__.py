"""The steps that decorate a rendered revision page: paragraph anchors and
permalinks, citations, section notes, links to changes, comment links.
May import: model, text, sources, diff, links, outputs (for permanent URLs)."""
