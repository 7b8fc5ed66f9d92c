"""Where a build spends its time, by part (diffing, linking, search indexing,
PDF rendering, ...), so the build benchmark can report the parts and not only
the whole. The parts are summed over one build; `reset` starts a new one."""
from __future__ import annotations

import json
import time
from contextlib import contextmanager
from pathlib import Path

_seconds: dict[str, float] = {}


def reset() -> None:
    _seconds.clear()


@contextmanager
def part(name: str):
    start = time.perf_counter()
    try:
        yield
    finally:
        _seconds[name] = _seconds.get(name, 0.0) + time.perf_counter() - start


def parts() -> dict[str, float]:
    return dict(_seconds)


def write(path: Path) -> None:
    Path(path).write_text(json.dumps(parts(), indent=1), encoding="utf-8")


def read(path: Path) -> dict[str, float]:
    return json.loads(Path(path).read_text(encoding="utf-8"))
