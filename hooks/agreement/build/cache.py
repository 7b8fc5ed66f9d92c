"""A cache on disk for what a build makes from its inputs: each entry is a file
named by a hash of everything that went into it, so an entry is either right
or absent, never stale. Builds and `mkdocs serve` rebuilds reuse the entries
whose inputs did not change (PDFs, diffs, diff pages, the search index).

Entries a build did not use are removed at its end (`prune`), so the cache
holds one build's worth of entries however often a revision is edited."""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import uuid
from importlib import metadata
from pathlib import Path
from typing import Iterable

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the whole agreement package
CACHE_FOLDER = ".cache"  # the build cache's folder, beside the site's config (never committed)
PARTIAL = ".part-"  # prefix of an entry still being written


def digest(*parts: str | bytes) -> str:
    """A short hex hash of the parts, in order (parts are kept apart, so
    ("ab", "c") and ("a", "bc") differ)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def folder_digest(folder: Path) -> str:
    """A hash of the files in a folder: their paths inside it and their
    contents (so the same files hash the same wherever the folder is)."""
    folder = Path(folder)
    parts: list[str | bytes] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


def files_digest(files: Iterable[Path]) -> str:
    """A hash of single files: their names and contents, in the order of their
    full paths (so the same files hash the same wherever the project is)."""
    parts: list[str | bytes] = []
    for path in sorted({Path(f).resolve() for f in files}):
        parts += [path.name, path.read_bytes() if path.is_file() else b"(missing)"]
    return digest(*parts)


def generator_version(*extra_dirs: Path, files: Iterable[Path] = (), extra: Iterable[str] = ()) -> str:
    """A hash of the code, templates and settings that turn sources into
    pages: this package, the given folders (the theme overrides, the data
    files) and files (the hooks, each file of the config's INHERIT chain), and
    the versions of the libraries that render. A change to any of them
    invalidates every entry."""
    versions = [sys.version] + [f"{name} {metadata.version(name)}" for name in
                                ("mkdocs", "mkdocs-material", "Markdown", "Jinja2", "pymdown-extensions",
                                 "weasyprint", "pagefind")]
    return digest(folder_digest(PACKAGE_DIR), *(folder_digest(d) for d in extra_dirs), files_digest(files),
                  *versions, *extra)


class Cache:
    """One kind of entry (`pdf`, `diff`, ...) in its own folder."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.used: set[str] = set()

    def path(self, key: str) -> Path:
        return self.folder / key

    def get(self, key: str) -> bytes | None:
        self.used.add(key)
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def has(self, key: str) -> bool:
        self.used.add(key)
        return self.path(key).exists()

    def keep(self, keys: Iterable[str]) -> None:
        """Keep entries this build did not read but a later one may (the diffs
        of pairs whose pages came from the cache whole)."""
        self.used.update(keys)

    def put(self, key: str, data: bytes) -> None:
        """Write an entry atomically: a build that is stopped halfway leaves
        no half-written entry behind."""
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, partial = tempfile.mkstemp(dir=self.folder, prefix=PARTIAL)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(partial, self.path(key))

    def discard(self, key: str) -> None:
        """Remove an entry that served its purpose (an intermediate output)."""
        self.used.discard(key)
        self.path(key).unlink(missing_ok=True)

    def get_tree(self, key: str, target: Path) -> bool:
        """Copy a cached folder to `target`; False when there is none."""
        self.used.add(key)
        source = self.path(key)
        if not source.is_dir():
            return False
        shutil.copytree(source, target, dirs_exist_ok=True)
        return True

    def put_tree(self, key: str, source: Path) -> None:
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        # Not mkdtemp: its folder is private (0700), and the copy in site/ would be too.
        partial = self.folder / f"{PARTIAL}{os.getpid()}-{uuid.uuid4().hex}"
        shutil.copytree(source, partial)
        shutil.rmtree(self.path(key), ignore_errors=True)
        os.replace(partial, self.path(key))

    def prune(self) -> int:
        """Remove the entries this build did not ask for; returns how many."""
        if not self.folder.is_dir():
            return 0
        removed = 0
        for entry in self.folder.iterdir():
            # An entry being written (a PDF rendered in the background) is not unused.
            if entry.name in self.used or entry.name.startswith(PARTIAL):
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed += 1
        return removed
