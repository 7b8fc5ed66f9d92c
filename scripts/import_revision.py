"""Import the working group's document (.docx, .odt or .pdf) as a revision.

    python scripts/import_revision.py DOCUMENT --id ID [--replace] [--days N] [-f mkdocs.yml]

Writes docs/revisioner/<ID>/index.md at the end of the chain (as new_revision.py
does), with every section's id taken from the previous revision with full text
where the section is the same, and keeps the document in sources/ (a Word or
ODT file without its document properties), recorded by `source_file` and
`source_sha256`. Prints a report: ids kept and new, the share of the document's
words that came through, what was counted apart and what was not converted.
`--replace` puts a new version of the same draft in place, keeping its ids and
comment period. Nothing is written when the id is taken, the document cannot
be read or too few of its words came through.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from agreement.build.atomic import write_atomically  # noqa: E402
from agreement.checks import check_sources, sources_in_order  # noqa: E402
from agreement.editors.importer import import_document, read_document  # noqa: E402
from agreement.editors.importer.document import ImportRefused  # noqa: E402
from agreement.editors.importer.ids import PREAMBLE_SECTION, OldSection  # noqa: E402
from agreement.editors.importer.properties import without_properties  # noqa: E402
from agreement.editors.importer.report import KIND_SV  # noqa: E402
from agreement.editors.scaffold import (comment_days, front_matter, newest_full_text,  # noqa: E402
                                        page_text, refusal)
from agreement.model import dates  # noqa: E402
from agreement.sources.frontmatter import read_front_matter  # noqa: E402
from agreement.sources.revisions import REVISIONS_DIR  # noqa: E402
from agreement.text.render import make_renderer  # noqa: E402
from site_context import settings_for_script  # noqa: E402

SOURCES_DIR = "sources"
NOTHING_WRITTEN = "Inget har skrivits."


def refuse(message: str) -> int:
    print(f"Importen vägras: {message}\n{NOTHING_WRITTEN}", file=sys.stderr)
    return 1


def old_sections(*revisions) -> list[OldSection]:
    """Sections whose ids the import may keep, first revision first, each id once."""
    out: dict[str, OldSection] = {}
    for revision in revisions:
        for section in revision.sections if revision is not None else ():
            if section.id == PREAMBLE_SECTION:  # paragraphs before the first heading
                continue
            out.setdefault(section.id, OldSection(section.id, section.heading, section.text))
    return list(out.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", type=Path, help="the working group's .docx, .odt or .pdf")
    parser.add_argument("--id", required=True, dest="revision", help="id of the revision, e.g. 2027")
    parser.add_argument("--replace", action="store_true", help="replace the draft with this id")
    parser.add_argument("--days", type=int, default=None, help="days open for comments")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    args = parser.parse_args(argv)
    settings = settings_for_script(args.config_file)
    if settings is None:
        return 1
    revisions = sources_in_order(settings, f"Rätta felen i källorna först; {NOTHING_WRITTEN.lower()}")
    if revisions is None:
        return 1
    root = settings.docs_dir / REVISIONS_DIR
    draft = revisions.get(args.revision)
    if args.replace:
        if draft is None:
            return refuse(f"det finns ingen version '{args.revision}' att ersätta.")
        if draft.status != "draft":
            return refuse(f"{args.revision} har status {draft.status} och ersätts aldrig; bara ett utkast kan ersättas.")
    else:
        taken = {p.name for p in root.iterdir()} if root.is_dir() else set()
        reason = refusal(revisions, args.revision, taken)
        if reason:
            return refuse(reason)
    try:
        today = dates.build_date()
        document = read_document(args.document)
        base = newest_full_text(revisions) if draft is None else (
            revisions.get(draft.previous) if draft.previous else None)
        if draft is None:
            previous = base
        else:  # the draft's own ids first, then those of the revision it follows
            chain = [r for r in revisions if r.text == "full" and r is not draft]
            previous = next((r for r in reversed(chain) if revisions.revisions.index(r) < revisions.revisions.index(draft)), None)
        old = old_sections(draft if draft is not None and draft.text == "full" else None, previous)
        reserved = {s.id for r in revisions for s in r.sections}
        render = make_renderer(settings.extensions, settings.extension_configs)
        result = import_document(document, old, reserved, render, previous.id if previous else None)
    except ImportRefused as exc:
        return refuse(str(exc))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1

    kept = without_properties(args.document.read_bytes(), document.kind)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", args.document.stem).strip("-.") or "dokument"
    source_rel = f"{SOURCES_DIR}/{args.revision}-{stem}{args.document.suffix.lower()}"
    source_path = settings.project_dir / source_rel
    checksum = hashlib.sha256(kept).hexdigest()
    folder = root / args.revision
    index = folder / "index.md"
    words_note = f"{result.coverage.found} av {result.coverage.total} ord"
    source_text = (f"{KIND_SV[document.kind]}-dokumentet {args.document.name} från arbetsgruppen, importerat "
                   f"({words_note}). Kontrollera mot originalet.")
    if draft is not None:
        fm, _ = read_front_matter(index, str(index))
        front = dict(fm.data)
        old_source = front.get("source_file")
        front.update(text="full", source=source_text)
    else:
        days = args.days if args.days and args.days > 0 else comment_days(settings.extra)
        front = front_matter(revisions, args.revision, today, days, source_text, "full")
        old_source = None
    front.update(source_file=source_rel, source_sha256=checksum)

    backup = index.read_bytes() if index.exists() else None
    old_source_path = settings.project_dir / old_source if old_source else None
    old_source_bytes = old_source_path.read_bytes() if old_source_path and old_source_path.is_file() else None
    source_existed = source_path.read_bytes() if source_path.is_file() else None
    folder.mkdir(parents=True, exist_ok=True)
    source_path.parent.mkdir(parents=True, exist_ok=True)
    source_path.write_bytes(kept)
    write_atomically(index, page_text(front, result.markdown))
    errors = check_sources(settings).errors
    if errors:  # never leave a revision the build would refuse
        if backup is None:
            shutil.rmtree(folder)
        else:
            index.write_bytes(backup)
        if source_existed is None:
            source_path.unlink()
        else:
            source_path.write_bytes(source_existed)
        for error in errors:
            print(error, file=sys.stderr)
        print(f"Importen klarade inte kontrollen och har tagits bort. {NOTHING_WRITTEN}", file=sys.stderr)
        return 1
    if old_source_bytes is not None and old_source_path != source_path:
        old_source_path.unlink()
    rel = index.relative_to(settings.project_dir)
    print(f"{'Ersatte' if draft else 'Skapade'} {rel} från {args.document.name} "
          f"({KIND_SV[document.kind]}); dokumentet sparat som {source_rel}.\n")
    print(result.report)
    print(f"""
Nästa steg:
  1. Läs rapporten ovan: kontrollera nya id och rubriker som ändrats, för in det som inte konverterades.
  2. Kontrollera label och source i {rel}.
  3. Kontrollera källorna:      ./dev check
  4. Titta på sidan:            ./dev serve   (http://127.0.0.1:8000/revisioner/{args.revision}/)
Se CONTRIBUTING.md för resten av vägen till publicering.""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
