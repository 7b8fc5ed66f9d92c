"""Files under `docs/` are published as they are, and MkDocs follows symbolic
links: a link to a file outside the repository would publish that file (a
`docs/x.txt -> /etc/passwd` in a pull request). Links inside it are allowed."""
from __future__ import annotations

import os
from pathlib import Path

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
