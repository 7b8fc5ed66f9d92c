"""Files of the repository the build would publish without reading them as
sources.

Files under `docs/` are published as they are, and MkDocs follows symbolic
links: a link to a file outside the repository would publish that file (a
`docs/x.txt -> /etc/passwd` in a pull request). Links inside it are allowed.

The build cache (`.cache/`) holds what builds made, served again as built:
a diff page's content, a PDF, a search index. Its entries are named by a hash
anyone can compute, so an entry committed in a pull request would reach the
site past every check on the sources. No file under it may be in the
repository."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from agreement.build.cache import CACHE_FOLDER
from agreement.model.errors import SourceError


def repository_root(project_dir: Path) -> Path:
    """The git repository the project is in (a site's config may sit in a
    subfolder of it, as the test fixtures do), else the project folder."""
    project_dir = project_dir.resolve()
    return next((d for d in (project_dir, *project_dir.parents) if (d / ".git").exists()), project_dir)


def links_leaving(docs_dir: Path, project_dir: Path) -> list[SourceError]:
    """Every symbolic link under `docs_dir` whose target is outside the repository."""
    root = repository_root(project_dir)
    errors = []
    for folder, dirs, files in os.walk(docs_dir):  # never follows links into folders
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            target = path.resolve()
            if not target.is_relative_to(root):
                rel = Path(os.path.relpath(path, project_dir)).as_posix()
                errors.append(SourceError(rel, 1, f"symbolic link to {os.readlink(path)}, outside the repository: "
                                                  "its target would be published; copy the file into the repository"))
    return errors


def committed_cache(project_dir: Path) -> list[SourceError]:
    """An error when git holds a file of the build cache (nothing when the
    project is not in a git repository or git is missing: CI removes a
    checkout's cache before it builds, .ci/run)."""
    root = repository_root(project_dir)
    cache = (Path(project_dir).resolve() / CACHE_FOLDER).relative_to(root).as_posix()
    try:
        listed = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--", cache],
                                capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    tracked = [name for name in listed.decode("utf-8", "replace").split("\0") if name]
    if not tracked:
        return []
    first = os.path.relpath(root / tracked[0], project_dir)
    more = f" ({len(tracked) - 1} more under it)" if len(tracked) > 1 else ""
    return [SourceError(Path(first).as_posix(), 1, f"the build cache is in the repository{more}: builds make it, "
                                                   "and a committed entry would be published as built; "
                                                   f"remove {CACHE_FOLDER}/ from the repository")]
