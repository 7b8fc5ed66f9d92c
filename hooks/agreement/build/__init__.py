"""Build machinery with no knowledge of the agreement: the cache keyed by input
hashes, time by part, atomic writes. May import: nothing else of the package."""
