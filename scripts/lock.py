"""Freeze an adopted revision: record its text checksums and paragraph anchors
in locks/revisions.json. From then on the build fails if its text changes
without a new `errata` entry, or if any of its anchors disappears.

    python scripts/lock.py ID [-f mkdocs.yml]

Run it when a revision is adopted, and again after recording an erratum.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from agreement.checks import sources_in_order  # noqa: E402
from agreement.sources.lock import LOCK_FILE, read_lock, record, write_lock  # noqa: E402
from site_context import settings_for_script  # noqa: E402

LOCKABLE = ("adopted", "superseded")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="id of the adopted revision, e.g. 4.0")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    args = parser.parse_args(argv)
    settings = settings_for_script(args.config_file)
    if settings is None:
        return 1
    # The current lock must hold first: a changed text is recorded again only with
    # a new erratum, and a lost anchor never is.
    revisions = sources_in_order(settings, "Rätta felen ovan först; låsfilen är orörd.")
    if revisions is None:
        return 1
    revision = revisions.get(args.revision)
    if revision is None:
        print(f"Det finns ingen version '{args.revision}' (finns: {', '.join(r.id for r in revisions)}).", file=sys.stderr)
        return 1
    if revision.status not in LOCKABLE:
        print(f"Version '{revision.id}' har status {revision.status}: bara antagna versioner låses. "
              f"Sätt status: adopted i {revision.path} när beslutet är fattat.", file=sys.stderr)
        return 1
    lock, lock_errors = read_lock(settings.project_dir)
    if lock_errors:
        for error in lock_errors:
            print(error, file=sys.stderr)
        return 1
    file = write_lock(settings.project_dir, record(lock, revision))
    anchors = sum(len(s.blocks) for s in revision.sections)
    print(f"Låst {revision.id} ({revision.label}) i {LOCK_FILE}: {anchors} ankare, {len(revision.errata)} rättelser.")
    print(f"Nästa steg: git add {file.relative_to(settings.project_dir)} och committa tillsammans med ändringen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
