"""The documents revisions were imported from (`source_file` in front matter):
each must be in the repository with the SHA-256 its revision records, so the
text on the site can always be traced to the very file it came from."""
from __future__ import annotations

import hashlib
from pathlib import Path

from agreement.model.errors import SourceError
from agreement.model.revision import RevisionSet


def sha256_of(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def check_source_files(revisions: RevisionSet, project_dir: Path) -> list[SourceError]:
    errors = []
    for revision in revisions:
        if revision.source_file is None:
            continue
        line = revision.meta.get("key_lines", {}).get("source_file", 1)
        path = Path(project_dir) / revision.source_file
        if not path.is_file():
            errors.append(SourceError(revision.path, line, f"source_file '{revision.source_file}' does not exist"))
        elif sha256_of(path) != revision.source_sha256:
            line = revision.meta.get("key_lines", {}).get("source_sha256", line)
            errors.append(SourceError(revision.path, line,
                                      f"{revision.source_file} does not match source_sha256: the kept document "
                                      "changed; import it again or restore it"))
    return errors
