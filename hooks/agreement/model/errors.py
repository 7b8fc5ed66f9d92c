"""Source errors as data: every problem is reported as `path:line: message`,
on one line of at most MAX_MESSAGE characters, and a run prints at most
MAX_LINES of them (a bad input must not flood a terminal or a CI log)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

MAX_MESSAGE = 400
MAX_LINES = 50
RE_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """`text` on one line (line breaks, tabs, NUL as one space), cut at `limit`."""
    text = RE_CONTROL.sub(" ", str(text))
    return text if len(text) <= limit else text[:limit - 1] + "…"


@dataclass(frozen=True, order=True)
class SourceError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{one_line(self.path, 200)}:{self.line}: {one_line(self.message)}"


def report_lines(errors: Iterable[SourceError], limit: int = MAX_LINES) -> Iterator[str]:
    """The lines a command prints for `errors`: the first `limit`, then a count."""
    errors = list(errors)
    for error in errors[:limit]:
        yield str(error)
    if len(errors) > limit:
        yield f"… and {len(errors) - limit} more"


class SourceErrors(Exception):
    """Raised once with every error found in a run, never one at a time."""

    def __init__(self, errors: list[SourceError]):
        self.errors = sorted(set(errors))
        super().__init__("\n".join(report_lines(self.errors)))
