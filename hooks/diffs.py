"""MkDocs adapter for diff pages: a virtual page and its open data for every
pair of revisions, and a page to pick any two. All comparing happens in
`agreement.diff`; the pages are rendered by the theme templates `diff.html`
and `diff-picker.html`. Nothing is written into docs/."""
from __future__ import annotations

import json

from mkdocs.structure.files import File

from agreement.diff import diff_revisions
from agreement.diffdata import CHANGE_SV, DIFF_ROOT, diff_json_text, pair_path, section_anchor
from revisions import state as revision_state


class State:
    """Per-build state; reset in on_config because MkDocs serve keeps hooks loaded."""

    diffs: dict = {}  # src_uri of a diff page -> RevisionDiff


state = State()


def on_config(config):
    state.diffs = {}
    return config


def _page_source(title: str, template: str, search: bool) -> str:
    # JSON strings are valid YAML scalars: titles may hold any character.
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"template: {template}",
             "hide: [navigation, toc]"]
    if not search:
        lines.append("search: {exclude: true}")  # the texts themselves are indexed on their own pages
    return "\n".join(lines + ["---", ""])


def on_files(files, config):
    revisions = revision_state.revisions
    for old, new in revisions.pairs():
        diff = diff_revisions(old, new)  # the shared Differ tokenises each revision once
        folder = pair_path(old, new)
        state.diffs[folder + "index.md"] = diff
        title = f"Jämförelse: {old.label} och {new.label}"
        files.append(File.generated(config, folder + "index.md",
                                    content=_page_source(title, "diff.html", search=False)))
        files.append(File.generated(config, folder + "index.json", content=diff_json_text(diff)))
    files.append(File.generated(config, DIFF_ROOT + "index.md",
                                content=_page_source("Jämför versioner", "diff-picker.html", search=True)))
    return files


def on_env(env, config, files):
    env.globals["diff_path"] = pair_path
    env.globals["section_anchor"] = section_anchor
    env.globals["change_sv"] = CHANGE_SV
    return env


def on_page_context(context, page, config, nav):
    diff = state.diffs.get(page.file.src_uri)
    if diff is not None:
        context["diff"] = diff
    return context
