"""The search index: which pages Pagefind indexes, and running Pagefind over a
built site.

Pagefind indexes only elements marked `data-pagefind-body` once any page has
one, so marking revision texts and related pages keeps diff pages, the search
page itself and the timeline out of the index. The bundled binary from the
`pagefind_bin` package does the work; nothing is downloaded."""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

from agreement import urls
from agreement.text.structure import walk_blocks

BUNDLE_DIR = urls.SEARCH_BUNDLE.rstrip("/")  # site path of the index and pagefind.js
# Only these folders hold indexed pages (revision texts, related pages); Pagefind
# need not read the diff pages, which grow with the square of the revisions.
INDEXED_FOLDERS = (urls.REVISIONS.rstrip("/"), urls.RELATED.rstrip("/"))
PAGEFIND_GLOB = "{" + ",".join(INDEXED_FOLDERS) + "}/**/*.html"
# Permalink marks (¶) are not words of the text.
EXCLUDE_SELECTORS = ".headerlink, .paragraph-link"
LOW_WEIGHT = "0.2"


def weight_sections(root, page) -> None:
    """Decorate step: paragraphs of the sections that `extra.search.low_weight_sections`
    names (a reference list names documents, it does not say what the agreement
    says) rank below the sections that state it."""
    low = set((page.settings.get("search") or {}).get("low_weight_sections") or ())
    for kind, el, section, _level in walk_blocks(root):
        if kind == "block" and section in low:
            el.set("data-pagefind-weight", LOW_WEIGHT)


class SearchIndexError(RuntimeError):
    pass


def pagefind_executable() -> Path:
    from pagefind_bin import get_executable

    return get_executable()


def is_related_page(src_uri: str) -> bool:
    """Related agreements and routines are indexed beside the revisions (not
    the list of them)."""
    return (src_uri.startswith(urls.RELATED) and src_uri.endswith(".md")
            and src_uri != f"{urls.RELATED}{urls.PAGE_SOURCE}")


def mark_related_page(html: str) -> str:
    """Wrap a related page's content so Pagefind indexes it (filter `typ`)."""
    return f'<div data-pagefind-body data-pagefind-filter="typ:relaterad">{html}</div>'


def build_search_index(site_dir: Path) -> str:
    """Index `site_dir` in place; returns Pagefind's summary line."""
    command = [str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR,
               "--glob", PAGEFIND_GLOB, "--exclude-selectors", EXCLUDE_SELECTORS]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    if not (site_dir / BUNDLE_DIR / "pagefind.js").is_file():
        raise SearchIndexError(f"pagefind wrote no {BUNDLE_DIR}/pagefind.js in {site_dir}")
    summary = [line.strip() for line in result.stdout.splitlines() if line.strip().startswith("Indexed")]
    return "; ".join(summary)


def indexed_pages(site_dir: Path) -> list[Path]:
    """The pages Pagefind reads (PAGEFIND_GLOB), in a stable order."""
    return [page for folder in INDEXED_FOLDERS for page in sorted((site_dir / folder).rglob("*.html"))]


def index_inputs(site_dir: Path) -> list[str | bytes]:
    """What the index is made from: the path and bytes of every page Pagefind
    reads, the options it runs with and its version (a cache key's parts)."""
    from importlib import metadata

    parts: list[str | bytes] = [metadata.version("pagefind_bin"), PAGEFIND_GLOB, EXCLUDE_SELECTORS]
    for page in indexed_pages(site_dir):
        parts += [page.relative_to(site_dir).as_posix(), page.read_bytes()]
    return parts


def copy_indexed_pages(site_dir: Path, target: Path) -> None:
    """The pages Pagefind reads, copied to `target` at the same paths: a
    snapshot to index while `site_dir` changes (the next rebuild cleans it)."""
    for page in indexed_pages(site_dir):
        copy = target / page.relative_to(site_dir)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, copy)


FRAGMENT_SIGNATURE = b"pagefind_dcd"


def indexed_urls(site_dir: Path) -> list[str]:
    """The URLs of the pages in a built index (one fragment file per page)."""
    urls = []
    for fragment in sorted((site_dir / BUNDLE_DIR / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        if data.startswith(FRAGMENT_SIGNATURE):
            data = data[len(FRAGMENT_SIGNATURE):]
        urls.append(json.loads(data)["url"])
    return sorted(urls)
