"""Start the next draft of the agreement at the end of the chain.

    python scripts/new_revision.py NEW_ID [--days N] [-f mkdocs.yml]

The draft follows the newest revision, starts from the newest whole text
(`text: full`), and is open for comments from today for `extra.comments.
default_days` days (60 if unset). Nothing is written when the id is unsafe or
taken, or when a draft already exists.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from agreement.model import dates  # noqa: E402
from agreement.build.atomic import write_atomically  # noqa: E402
from agreement.checks import check_sources, sources_in_order  # noqa: E402
from agreement.model.errors import report_lines  # noqa: E402
from agreement.sources.revisions import REVISIONS_DIR  # noqa: E402
from agreement.editors.scaffold import comment_days, refusal, scaffold  # noqa: E402
from site_context import settings_for_script  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="id of the new draft, e.g. 2027")
    parser.add_argument("--days", type=int, default=None, help="days open for comments")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    args = parser.parse_args(argv)
    settings = settings_for_script(args.config_file)
    if settings is None:
        return 1
    revisions = sources_in_order(settings, "Rätta felen i källorna först; inget har skrivits.")
    if revisions is None:
        return 1
    root = settings.docs_dir / REVISIONS_DIR
    taken = {p.name for p in root.iterdir()} if root.is_dir() else set()
    reason = refusal(revisions, args.revision, taken)
    if reason:
        print(f"Nytt utkast vägras: {reason} Inget har skrivits.", file=sys.stderr)
        return 1
    try:
        today = dates.build_date()
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    days = args.days if args.days and args.days > 0 else comment_days(settings.extra)
    draft = scaffold(revisions, args.revision, today, days)
    folder = root / draft.revision_id
    folder.mkdir(parents=True)
    write_atomically(folder / "index.md", draft.text)
    errors = check_sources(settings).errors
    if errors:  # never leave a draft the build would refuse
        shutil.rmtree(folder)
        for line in report_lines(errors):
            print(line, file=sys.stderr)
        print("Utkastet klarade inte kontrollen och har tagits bort; inget har skrivits.", file=sys.stderr)
        return 1
    rel = folder.relative_to(settings.project_dir) / "index.md"
    base = f"texten från {draft.based_on}" if draft.based_on else "ingen text (ingen tidigare version har hela texten)"
    print(f"Skapade {rel}: utkast {draft.revision_id} efter {draft.previous}, med {base}, "
          f"öppet för synpunkter i {days} dagar.")
    print(f"""
Nästa steg:
  1. Skriv in ändringarna i {rel}. Behåll avsnittens id ({{#...}}) för avsnitt som finns kvar.
  2. Kontrollera källorna:      python scripts/check.py
  3. Titta på sidan:            ./dev serve   (http://127.0.0.1:8000/revisioner/{draft.revision_id}/)
  4. Skicka för granskning:     git switch -c utkast-{draft.revision_id}
                                git add {rel}
                                git commit -m "Draft {draft.revision_id}"
                                git push -u origin utkast-{draft.revision_id}   och öppna en pull request.
Se CONTRIBUTING.md för resten av vägen till publicering.""")
    return 0


if __name__ == "__main__":
    sys.exit(main())
