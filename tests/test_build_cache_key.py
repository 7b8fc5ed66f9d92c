"""The build cache's key covers every file that shapes the output besides the
sources: a change to a hook module, or to a parent config of an INHERIT chain,
makes the next build render the diff pages again instead of serving them
from the cache."""
import shutil
from pathlib import Path

from conftest import ROOT, build_project, copy_project, read_html

DIFF_PAGE = "jamfor/4.0--2025/"  # a pair of the real revisions with changed sections
FIXTURE = ROOT / "tests" / "fixtures" / "dalarna"


def section_links(site: Path) -> set[str]:
    return {a.get("href") for a in read_html(site, DIFF_PAGE).cssselect(".diff-section__links a")}


def cache_entries(project: Path, kind: str) -> set[str]:
    return {p.name for p in (project / ".cache" / kind).iterdir()}


def test_a_changed_hook_module_is_not_served_stale_from_the_cache(tmp_path):
    project = copy_project(tmp_path / "project")
    first = build_project(project)
    assert first.returncode == 0, first.stderr
    assert section_links(project / "site") and not any("?ny#" in h for h in section_links(project / "site"))

    # A hook module's change that shows on every diff page (and on nothing the
    # revisions are made of): the links from the sections to the revisions.
    hook = project / "hooks" / "diffs.py"
    source = hook.read_text(encoding="utf-8")
    line = "hrefs = (get_relative_url(old.url(), folder), get_relative_url(new.url(), folder))"
    assert line in source
    hook.write_text(source.replace(line, line.replace("folder)", 'folder) + "?ny"')), encoding="utf-8")
    second = build_project(project)
    assert second.returncode == 0, second.stderr
    shown = section_links(project / "site")
    assert all("?ny#" in h for h in shown), f"the diff page came from the cache: {shown}"


def test_a_changed_parent_config_of_an_inherit_chain_renders_the_diff_pages_again(tmp_path):
    project = copy_project(tmp_path / "project")
    fixture = project / "tests" / "fixtures" / "dalarna"
    shutil.copytree(FIXTURE, fixture)
    assert (fixture / "mkdocs.yml").read_text(encoding="utf-8").count("INHERIT: ../../../mkdocs.yml") == 1
    first = build_project(fixture)
    assert first.returncode == 0, first.stderr
    before = cache_entries(fixture, "diff-page")
    assert before

    # A setting in the parent (the project's mkdocs.yml), not in the file the
    # build was given, and one that leaves the revisions as they are (so only
    # the key of the build's settings can tell the entries apart).
    parent = project / "mkdocs.yml"
    settings = parent.read_text(encoding="utf-8")
    assert "    - toc.follow\n" in settings
    parent.write_text(settings.replace("    - toc.follow\n", ""), encoding="utf-8")
    again = build_project(fixture)
    assert again.returncode == 0, again.stderr
    after = cache_entries(fixture, "diff-page")
    assert after and not (after & before), "every diff page was rendered again, none came from the cache"
    assert "från cache" not in again.stderr  # nor any PDF or the search index
