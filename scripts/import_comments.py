"""Import comments on a draft and write their compilation beside it.

    gh issue list --label synpunkt --state all --limit 1000 \\
        --json number,title,body,labels,createdAt,author > synpunkter.json
    python scripts/import_comments.py synpunkter.json [--revision ID] [-f mkdocs.yml]

Writes docs/revisioner/<ID>/synpunkter.md (the page revisioner/<ID>/synpunkter/);
ID defaults to the draft. Records that are not comments on that draft, or are
malformed, are reported and skipped. The page is written whole or not at all.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from agreement.model import dates  # noqa: E402
from agreement.build.atomic import write_atomically  # noqa: E402
from agreement.checks import sources_in_order  # noqa: E402
from agreement.editors.comment_forms import parse_records  # noqa: E402
from agreement.editors.compilation import COMPILATION_FILE, compilation_markdown  # noqa: E402
from site_context import settings_for_script  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="JSON from gh issue list --json number,title,body,labels,createdAt,author")
    parser.add_argument("--revision", help="the draft the comments are on (default: the draft)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    args = parser.parse_args(argv)
    settings = settings_for_script(args.config_file)
    if settings is None:
        return 1
    revisions = sources_in_order(settings, "Rätta felen i källorna först; inget har skrivits.")
    if revisions is None:
        return 1
    revision_id = args.revision or next((r.id for r in revisions if r.status == "draft"), None)
    revision = revisions.get(revision_id) if revision_id else None
    if revision is None:
        print(f"Ingen version att importera till: ange --revision (finns: {', '.join(r.id for r in revisions)}).", file=sys.stderr)
        return 1
    try:
        records = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        print(f"{args.file}: kan inte läsas som JSON: {exc}. Inget har skrivits.", file=sys.stderr)
        return 1
    comments, problems = parse_records(records, revisions, revision.id)
    for problem in problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    target = settings.docs_dir / "revisioner" / revision.id / COMPILATION_FILE
    write_atomically(target, compilation_markdown(revision, comments, dates.build_date()))
    shown = sum(c.consent for c in comments)
    print(f"Skrev {target.relative_to(settings.project_dir)}: {len(comments)} synpunkter "
          f"({shown} visas, {len(comments) - shown} utan samtycke), {len(problems)} poster överhoppade.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
