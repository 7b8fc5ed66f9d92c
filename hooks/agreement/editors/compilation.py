"""The compilation of comments on a draft (`revisioner/<id>/synpunkter/`):
grouped by section and paragraph in the draft's order, each paragraph linking
to itself in the draft. Comments without consent to publish are counted, never
shown.

Everything people wrote is HTML-escaped inside raw HTML blocks, so Markdown
and HTML in a comment show as the characters they are and cannot run."""
from __future__ import annotations

import datetime as _dt
import html
import re

from agreement.editors.comment_forms import Comment
from agreement import labels
from agreement.page.comment_links import excerpt
from agreement.model.dates import format_sv
from agreement.model.revision import PREAMBLE_SECTION
from agreement.model.revision import Revision

COMPILATION_FILE = "synpunkter.md"
RE_BLANK_LINES = re.compile(r"\n\s*\n")


def _paragraphs(text: str) -> str:
    parts = [p.strip() for p in RE_BLANK_LINES.split(text.strip()) if p.strip()]
    return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in parts)


def _count_sv(n: int) -> str:
    return f"{n} synpunkt" if n == 1 else f"{n} synpunkter"


def _comment_html(comment: Comment) -> str:
    proposal = ""
    if comment.proposal:
        proposal = (f'<div class="comment-compilation__proposal"><p><strong>Förslag till formulering:</strong></p>'
                    f"{_paragraphs(comment.proposal)}</div>")
    return (f'<div class="comment-compilation__comment" data-anchor="{comment.anchor}">'
            f"<p><strong>{html.escape(comment.organisation)}</strong>, "
            f'<time datetime="{comment.created.isoformat()}">{format_sv(comment.created)}</time></p>'
            f"{_paragraphs(comment.text)}{proposal}</div>")


def compilation_markdown(revision: Revision, comments: list[Comment], compiled: _dt.date) -> str:
    """The whole `synpunkter.md` for a draft."""
    shown = [c for c in comments if c.consent]
    hidden = len(comments) - len(shown)
    title = f"Synpunkter på {revision.label}"
    lines = [
        "---", f"title: {_yaml_string(title)}", "---", "",
        f"# {_escape_md(title)}", "",
        f"Sammanställning {format_sv(compiled)} av synpunkter på [{_escape_md(revision.label)}](index.md), "
        f"ordnade efter avsnitt och stycke. Totalt {_count_sv(len(comments))}: "
        f"{len(shown)} visas här, {hidden} lämnades utan samtycke till publicering och visas inte.",
        "",
    ]
    by_anchor: dict[str, list[Comment]] = {}
    for comment in sorted(comments, key=lambda c: (c.created, c.number)):
        by_anchor.setdefault(comment.anchor, []).append(comment)
    for section in revision.sections:
        blocks = [b for b in section.blocks if b.anchor in by_anchor]
        if not blocks:
            continue
        heading = labels.PREAMBLE_TITLE if section.id == PREAMBLE_SECTION else section.heading
        lines += [f"## {_escape_md(heading)} {{#{section.id}}}", ""]
        for block in blocks:
            lines += [_paragraph_html(block, by_anchor[block.anchor]), ""]
    if not comments:
        lines += ["Inga synpunkter har kommit in.", ""]
    return "\n".join(lines)


def _paragraph_html(block, comments: list[Comment]) -> str:
    shown = [c for c in comments if c.consent]
    hidden = len(comments) - len(shown)
    parts = [
        f'<div class="comment-compilation__paragraph" data-anchor="{block.anchor}">',
        f'<h3 id="synpunkter-{block.anchor}"><a href="../#{block.anchor}">Stycke {block.anchor}</a></h3>',
        f'<p class="comment-compilation__excerpt">{html.escape(excerpt(block.text))}</p>',
    ]
    parts += [_comment_html(c) for c in shown]
    if hidden:
        parts.append(f'<p class="comment-compilation__hidden">{_count_sv(hidden)} utan samtycke till '
                     f"publicering visas inte.</p>")
    parts.append("</div>")
    return "\n".join(parts)


def _escape_md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#])", r"\\\1", text)


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
