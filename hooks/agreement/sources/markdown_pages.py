"""The site's other Markdown pages (the start page, search, accessibility, open
data, any `.md` beside a revision): none has a model of its own, but each
becomes HTML, so each passes the same allowlist as revisions and related pages."""
from __future__ import annotations

from pathlib import Path

from agreement.model.errors import SourceError
from agreement.sources.frontmatter import read_front_matter
from agreement.sources.html_allowlist import check_markdown
from agreement.sources.related import related_paths
from agreement.sources.revisions import revision_paths
from agreement.text.render import Renderer


def other_page_paths(docs_dir: Path) -> list[Path]:
    """Every Markdown file under docs/ that is not a revision or a related page."""
    modelled = set(revision_paths(docs_dir)) | set(related_paths(docs_dir))
    return sorted(p for p in docs_dir.rglob("*.md") if p not in modelled and p.is_file())


def check_markdown_pages(docs_dir: Path, render: Renderer) -> list[SourceError]:
    docs_dir = Path(docs_dir)
    errors: list[SourceError] = []
    for path in other_page_paths(docs_dir):
        rel_path = str(path.relative_to(docs_dir.parent))
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---"):
            fm, fm_errors = read_front_matter(path, rel_path)
            if fm is None:
                errors.extend(fm_errors)
                continue
            body, first_line = fm.body, fm.body_line
        else:
            body, first_line = text, 1
        errors.extend(check_markdown(rel_path, body, first_line, render))
    return errors
