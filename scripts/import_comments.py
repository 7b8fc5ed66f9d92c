"""Import comments on a draft into its answers file, for the editors to review.

    python scripts/import_comments.py INPUT... [--revision ID] [-f mkdocs.yml]

INPUT is any of: the registrar's exported mailbox (`.mbox`), a folder of
`.eml` files or one `.eml`, the registrar's list (`.csv`: diarienummer, inkom,
rubrik, text, optionally message-id and organisation), or GitHub issues
(`.json` from `gh issue list --label synpunkt --state all --json
number,title,body,labels,createdAt,author`). Outlook `.msg` is not read (see
README): save such mail as `.eml`.

Appends one entry per new comment to docs/revisioner/<ID>/synpunkter.yml with
`publish: false` (ID defaults to the draft). Entries already there are kept as
they are. What could not be placed is listed with its file and message. The
file is written whole or not at all; raw mail is never written.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from agreement import urls  # noqa: E402
from agreement.build.atomic import write_atomically  # noqa: E402
from agreement.checks import sources_in_order  # noqa: E402
from agreement.sources.answers import load_answers  # noqa: E402
from agreement.editors.comment_forms import parse_records  # noqa: E402
from agreement.editors.comment_import import appended, entry, from_github, place_all  # noqa: E402
from agreement.editors.mail_import import read_mailbox, read_registrar_csv  # noqa: E402
from agreement.page.comment_links import comment_settings  # noqa: E402
from site_context import settings_for_script  # noqa: E402

RE_TOP_KEY = re.compile(r"^([A-Za-z_]+):", re.M)


def read_inputs(paths, revisions, revision, site_address):
    """(mail messages, registrar rows, GitHub comments, problems) from every input."""
    messages, registrar, github, problems = [], [], [], []
    for path in paths:
        suffix = path.suffix.lower()
        try:
            if path.is_dir() or suffix in (".mbox", ".eml"):
                messages += read_mailbox(path, site_address)
            elif suffix == ".csv":
                rows, row_problems = read_registrar_csv(path)
                registrar += rows
                problems += row_problems
            elif suffix == ".json":
                comments, skipped = parse_records(json.loads(path.read_text(encoding="utf-8")), revisions, revision.id)
                github += comments
                problems += [f"{path}: {line}" for line in skipped]
            elif suffix == ".msg":
                raise ValueError("Outlook .msg läses inte (ingen underhållen läsare med passande licens); "
                                 "spara meddelandena som .eml och importera mappen")
            else:
                raise ValueError("okänd sorts fil (.mbox, .eml, mapp med .eml, .csv eller .json)")
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
            raise SystemExit(f"{path}: kan inte läsas: {exc}. Inget har skrivits.")
    return messages, registrar, github, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", type=Path, nargs="+", help=".mbox, .eml, a folder of .eml, .csv or .json")
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
        messages, registrar, github, problems = read_inputs(
            args.inputs, revisions, revision, comment_settings(settings.extra).get("email"))
    except SystemExit as stop:
        print(stop, file=sys.stderr)
        return 1
    placed, report = place_all(messages, registrar, revisions, revision)
    placed += [from_github(c) for c in github]
    target = settings.docs_dir / urls.answers_source(revision.id)
    existing = target.read_text(encoding="utf-8") if target.exists() else None
    known: set[str] = set()
    if existing is not None:
        answers, errors = load_answers(target, os.path.relpath(target), revision)
        keys = RE_TOP_KEY.findall(existing)
        if not errors and keys and keys[-1] != "comments":
            errors = [f"{os.path.relpath(target)}: 'comments:' ska stå sist i filen, så att nya poster kan läggas till"]
        if errors:
            for error in errors:
                print(error, file=sys.stderr)
            print("Rätta filen först; inget har skrivits.", file=sys.stderr)
            return 1
        known = {e.ref for e in answers.entries}
    new = []
    for item in placed:
        if item.incoming.ref in known:
            report.append(f"{item.incoming.where}: finns redan i filen ({item.incoming.ref}), hoppas över")
            continue
        known.add(item.incoming.ref)
        new.append(entry(item, revision))
    for line in problems + report:
        print(line, file=sys.stderr)
    write_atomically(target, appended(existing, new))
    print(f"Skrev {os.path.relpath(target)}: {len(new)} nya synpunkter (publish: false), "
          f"{len(problems) + len(report)} rader i rapporten ovan.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
