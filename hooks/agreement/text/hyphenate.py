"""Soft hyphens in headings, placed by the build from a Swedish hyphenation
dictionary (pyphen's `sv_SE`, the one WeasyPrint uses too).

Chromium on Linux has no offline Swedish dictionary for `hyphens: auto`, so a
long compound in a phone-sized heading ("funktionsnedsättningar") would be cut
anywhere, without a hyphen, or push the page wider than the screen. With soft
hyphens (U+00AD) the browser breaks such a word only where a hyphen may stand,
and shows the hyphen. Only headings get them: the running text keeps its words
intact for search, copying and the diff."""
from __future__ import annotations

import re
from functools import lru_cache

import pyphen

from agreement.text.structure import HEADINGS

SOFT_HYPHEN = "\u00ad"
LANGUAGE = "sv_SE"
# Shorter words fit any line of a heading at 320 px; fragments of at least three
# letters keep "-ar" and "ö-" from standing alone on a line.
MIN_WORD = 9
MIN_PART = 3
RE_WORD = re.compile(r"\w{%d,}" % MIN_WORD)


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=LANGUAGE, left=MIN_PART, right=MIN_PART)


def soft_hyphenated(text: str) -> str:
    """`text` with soft hyphens at the break points of each long word."""
    if not text:
        return text
    return RE_WORD.sub(lambda m: _dictionary().inserted(m.group(0), hyphen=SOFT_HYPHEN), text)


def plain(text: str) -> str:
    """The text without the soft hyphens this module put in."""
    return text.replace(SOFT_HYPHEN, "")


def _hyphenate_tree(el) -> None:
    """Soft hyphens in the text of `el` and its descendants, except in marks the
    build added (permalinks, citations, notes) which are not heading words."""
    el.text = soft_hyphenated(el.text)
    for child in el:
        if isinstance(child.tag, str) and not child.get("data-generated") and child.get("class") != "headerlink":
            _hyphenate_tree(child)
        child.tail = soft_hyphenated(child.tail)


def hyphenate_headings(root, page=None) -> None:
    """Decorate step (the last one: the others read the headings' plain words)."""
    for heading in root.iter(*HEADINGS):
        _hyphenate_tree(heading)
