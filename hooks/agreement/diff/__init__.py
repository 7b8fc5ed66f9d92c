"""Diff: the engine (sections, blocks, words; Myers), the cache-backed store that
diffs many pairs, and the diff data the site publishes.
May import: model, text, build."""
