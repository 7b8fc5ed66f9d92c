"""Freeze adopted revisions: record their status, text checksums per section,
paragraph anchors and errata in locks/revisions.json. From then on the build
fails if a status goes back, a section's text changes without a new erratum
naming that section, or any anchor disappears.

    python scripts/lock.py ID [ID ...] [-f mkdocs.yml]

Run it when a revision is adopted, and again after recording an erratum. It is
the only thing that writes the lock file.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from agreement.checks import sources_in_order  # noqa: E402
from agreement.model.errors import report_lines  # noqa: E402
from agreement.sources.lock import LOCK_FILE, LOCKED_STATUSES, read_lock, record, write_lock  # noqa: E402
from site_context import settings_for_script  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="+", metavar="ID", help="id of an adopted revision, e.g. 4.0")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    args = parser.parse_args(argv)
    settings = settings_for_script(args.config_file)
    if settings is None:
        return 1
    # The current lock must hold first: a changed text is recorded again only with
    # a new erratum naming its section, and a lost anchor never is. Only the
    # revisions named here may lack an entry (that is what this run adds).
    revisions = sources_in_order(settings, "Rätta felen ovan först; låsfilen är orörd.",
                                 locking=tuple(args.revisions))
    if revisions is None:
        return 1
    chosen = []
    for revision_id in args.revisions:
        revision = revisions.get(revision_id)
        if revision is None:
            print(f"Det finns ingen version '{revision_id}' (finns: {', '.join(r.id for r in revisions)}).", file=sys.stderr)
            return 1
        if revision.status not in LOCKED_STATUSES:
            print(f"Version '{revision.id}' har status {revision.status}: bara antagna versioner låses. "
                  f"Sätt status: adopted i {revision.path} när beslutet är fattat.", file=sys.stderr)
            return 1
        chosen.append(revision)
    lock, lock_errors = read_lock(settings.project_dir)
    if lock_errors:
        for line in report_lines(lock_errors):
            print(line, file=sys.stderr)
        return 1
    for revision in chosen:
        lock.revisions = record(lock, revision)
    file = write_lock(settings.project_dir, lock.revisions)
    for revision in chosen:
        anchors = sum(len(s.blocks) for s in revision.sections)
        print(f"Låst {revision.id} ({revision.label}) i {LOCK_FILE}: {anchors} ankare, {len(revision.errata)} rättelser.")
    print(f"Nästa steg: git add {file.relative_to(settings.project_dir)} och committa tillsammans med ändringen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
