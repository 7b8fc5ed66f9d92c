"""Reuse by another region: nothing about Jämtland lives in code or templates.
The proof: a small site for Region Dalarna, built from tests/fixtures/dalarna
(its own mkdocs.yml inheriting the project's), names Dalarna and never Jämtland;
and a region config that lacks a required setting stops the build."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
import yaml

from agreement.outputs import bundles
from agreement.outputs.jsonvalidate import validate_site
from agreement.sources.region import REQUIRED, check_region_config
from conftest import ROOT, build_project, copy_project, read_html

FIXTURE = ROOT / "tests" / "fixtures" / "dalarna"
FIXTURE_IN_PROJECT = Path("tests/fixtures/dalarna")  # where it sits, so INHERIT's ../../../ works
# The words that would betray the other region (case-insensitive).
JAMTLAND = re.compile(r"jämtland|jamtland|härjedalen|harjedalen|regionjh", re.I)
CODE_DIRS = ("hooks", "overrides", "scripts", "docs/javascripts", "docs/stylesheets", "schemas")


class _Tags(yaml.SafeLoader):
    """Reads mkdocs.yml with MkDocs' tags (!ENV) left as their raw values."""


_Tags.add_multi_constructor("!", lambda loader, suffix, node: None)
_Tags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Tags)


GENERIC_WORDS = {"region", "län", "kommun"}


def region_words() -> list[str]:
    """Every region-specific name in the project's own config, and each word of it."""
    region = load_config(ROOT / "mkdocs.yml")["extra"]["region"]
    names = [region["name"], region["county"], *region["municipalities"]]
    words = {w for n in names for w in [n, *n.split()] if w.lower() not in GENERIC_WORDS}
    return sorted(words) + ["regionjh", "jamtland", "harjedalen"]


def copy_fixture(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    target = project / FIXTURE_IN_PROJECT
    shutil.copytree(FIXTURE, target, symlinks=False)  # the fixture's links to shared assets become files
    return target


@pytest.fixture(scope="module")
def dalarna_site(tmp_path_factory) -> Path:
    fixture = copy_fixture(tmp_path_factory.mktemp("dalarna"))
    site = fixture / "site"
    result = build_project(fixture, site)  # --strict
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_code_and_templates_name_no_region():
    words = region_words()
    pattern = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in words), re.I)
    found = []
    for folder in CODE_DIRS:
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".html", ".js", ".css", ".json", ".txt", ".xml", ".sh"):
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if pattern.search(line):
                        found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == [], "region-specific text belongs in mkdocs.yml extra: or docs/:\n" + "\n".join(found)


def test_fixture_states_every_hook_and_asset_of_the_project():
    """INHERIT replaces lists: the fixture must repeat the project's hooks and assets."""
    project, fixture = load_config(ROOT / "mkdocs.yml"), load_config(FIXTURE / "mkdocs.yml")
    assert fixture["INHERIT"] == "../../../mkdocs.yml"
    resolve = lambda base, paths: [(base / p).resolve() for p in paths]  # noqa: E731
    assert resolve(FIXTURE, fixture["hooks"]) == resolve(ROOT, project["hooks"])
    assert (FIXTURE / fixture["theme"]["custom_dir"]).resolve() == (ROOT / project["theme"]["custom_dir"]).resolve()
    for asset in sorted(bundles.sources()):  # what hooks/assets.py bundles
        assert (FIXTURE / "docs" / asset).is_file(), f"{asset} is missing from the fixture's docs/"
    for key in REQUIRED:
        node = fixture
        for part in key.split("."):
            node = node[part]
        assert node, key


def site_text(path: Path) -> str:
    if path.suffix == ".pdf":
        from pypdf import PdfReader
        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return path.read_text(encoding="utf-8")


def test_dalarna_site_names_dalarna_and_never_jamtland(dalarna_site):
    suffixes = (".html", ".json", ".xml", ".txt", ".js", ".pdf")
    pages = [p for p in dalarna_site.rglob("*") if p.is_file() and p.suffix in suffixes]
    assert len(pages) > 5
    leaks = []
    for path in pages:
        text = site_text(path)
        for match in JAMTLAND.finditer(text):
            leaks.append(f"{path.relative_to(dalarna_site)}: ...{text[max(0, match.start() - 60):match.end() + 20]}...")
    assert leaks == [], "\n".join(leaks)
    for path in ("", "revisioner/", "revisioner/test-1/", "revisioner/test-2/", "oppna-data/"):
        page = read_html(dalarna_site, path)
        assert "Dalarna" in page.text_content(), path
        assert page.cssselect(".site-contacts")[0].text_content().count("Region Dalarna (testinnehåll)") == 1
        assert set(page.xpath('//a[contains(@class, "md-source")]/@href')) == {"https://git.example/region-dalarna/samverkan"}


def test_dalarna_revisions_have_text_banners_json_and_citations(dalarna_site):
    one = read_html(dalarna_site, "revisioner/test-1/")
    assert "Gällande överenskommelse" in one.cssselect(".status-banner")[0].text_content()
    assert one.cssselect("article h1")[0].text_content().replace("\u00ad", "").startswith("Testöverenskommelse mellan Region Dalarna")
    cite = one.get_element_by_id("malgrupper-2").cssselect("a.cite-link")[0]
    assert cite.get("href") == "https://samverkan.example/dalarna/revisioner/test-1/#malgrupper-2"
    assert cite.get("data-citation") == (
        "Testöverenskommelse mellan Region Dalarna och kommunerna i Dalarna (testinnehåll), "
        "Testversion 1 (testinnehåll), avsnitt Målgrupper, stycke 2, "
        "https://samverkan.example/dalarna/revisioner/test-1/#malgrupper-2")
    two = json.loads((dalarna_site / "revisioner/test-2/index.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in two["sections"]] == ["inledning-text", "inledning", "malgrupper", "brukarmedverkan", "uppfoljning"]
    assert two["url"] == "https://samverkan.example/dalarna/revisioner/test-2/"
    report = validate_site(dalarna_site)
    assert report.errors == [] and "revisioner/test-1/index.json" in report.checked


def test_dalarna_text_links_its_own_related_agreements(dalarna_site):
    page = read_html(dalarna_site, "revisioner/test-1/")
    xrefs = {a.get("href") for a in page.cssselect(".revision-text a.xref")}
    assert xrefs == {"../../relaterade/samordnad-individuell-plan/"}
    related = read_html(dalarna_site, "relaterade/")
    assert [a.get("href") for a in related.cssselect("article a[href*='samordnad-individuell-plan']")]
    glossary = read_html(dalarna_site, "ordlista/").text_content()
    assert "SIP" in glossary and "samordnad individuell plan" in glossary


def test_dalarna_has_the_diff_page_of_its_two_revisions(dalarna_site):
    page = read_html(dalarna_site, "jamfor/test-1--test-2/")
    assert "Dalarna" in page.text_content()
    changes = {el.get("data-section"): el.get("data-change") for el in page.xpath("//*[@data-section]")}
    assert changes["brukarmedverkan"] == "added"
    assert changes["uppfoljning"] == "unchanged"
    data = json.loads((dalarna_site / "jamfor/test-1--test-2/index.json").read_text(encoding="utf-8"))
    assert {s["id"]: s["change"] for s in data["sections"]}["brukarmedverkan"] == "added"


def test_dalarna_links_stay_in_dalarna(dalarna_site):
    broken, foreign = [], []
    for path in dalarna_site.rglob("*.html"):
        page = lxml.html.fromstring(path.read_text(encoding="utf-8"))
        relative = path.name != "404.html"  # MkDocs' 404 page links from the root of site_url
        for href in page.xpath("//a/@href | //link/@href"):
            if JAMTLAND.search(href):
                foreign.append(f"{path.relative_to(dalarna_site)}: {href}")
            if re.match(r"^[a-z]+:|^#|^//", href) or not relative:
                continue
            target = (path.parent / href.split("#")[0].split("?")[0]).resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append(f"{path.relative_to(dalarna_site)}: {href}")
    assert foreign == [] and broken == [], foreign + broken


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip() == text)


def test_missing_region_key_stops_the_build_with_path_and_line(tmp_path):
    fixture = copy_fixture(tmp_path)
    config = fixture / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("    name: Region Dalarna\n", ""), encoding="utf-8")
    (fixture / "site").mkdir()
    (fixture / "site" / "marker.txt").write_text("previous build")
    result = build_project(fixture)
    assert result.returncode == 1
    line = _line_of(config, "region:")
    assert f"mkdocs.yml:{line}: missing key extra.region.name" in result.stderr, result.stderr
    assert (fixture / "site" / "marker.txt").exists()
    # `./dev check` says the same without building.
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "-f", "mkdocs.yml"],
                           cwd=fixture, capture_output=True, text=True)
    assert check.returncode == 1
    expected = f"mkdocs.yml:{line}: missing key extra.region.name (region settings are not inherited: state them in this file)"
    assert expected in check.stderr.splitlines() and expected in result.stderr.splitlines()


def test_region_key_set_only_in_the_inherited_config_is_refused(tmp_path):
    fixture = copy_fixture(tmp_path)
    config = fixture / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"    cooperation_page: .*\n", "", text), encoding="utf-8")
    result = build_project(fixture)
    assert result.returncode == 1
    line = _line_of(config, "region:")
    assert (f"mkdocs.yml:{line}: extra.region.cooperation_page is set only in the inherited "
            "../../../mkdocs.yml") in result.stderr, result.stderr


def test_region_check_reads_mkdocs_tags_and_reports_every_problem(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: X\n"
        "site_description: X\n"
        "site_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']\n"
        "repo_url: ''\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n"
        "  region:\n"
        "    name: Region X\n"
        "    municipalities: []\n"
        "  contacts:\n"
        "    - {text: utan namn, fax: 1}\n",
        encoding="utf-8")
    errors = [str(e) for e in check_region_config(config, "mkdocs.yml")]
    assert errors == [
        "mkdocs.yml:4: repo_url must be non-empty text",
        "mkdocs.yml:9: missing key extra.region.county",
        "mkdocs.yml:11: extra.region.municipalities must be a non-empty list (list of text)",
        "mkdocs.yml:13: extra.contacts: a contact lacks 'name'",
        "mkdocs.yml:13: extra.contacts: unknown contact key 'fax' (allowed: name, text, url, email, phone)",
    ]
    assert check_region_config(ROOT / "mkdocs.yml") == []
    assert check_region_config(FIXTURE / "mkdocs.yml") == []


def test_check_script_reads_the_fixture_as_the_build_does(tmp_path, dalarna_site):
    """scripts/check.py gets the site's settings from MkDocs' own loader, so an
    INHERIT chain gives it the parent's Markdown extensions and the merged `extra`,
    exactly as the build of the fixture has them."""
    from site_context import load_settings

    fixture = copy_fixture(tmp_path)
    settings = load_settings(fixture / "mkdocs.yml")
    parent = load_config(ROOT / "mkdocs.yml")
    own = load_config(FIXTURE / "mkdocs.yml")
    names = [next(iter(e)) if isinstance(e, dict) else e for e in parent["markdown_extensions"]]
    # MkDocs always adds toc, tables and fenced_code first; the build renders with them too.
    assert settings.extensions == ["toc", "tables", "fenced_code"] + [n for n in names if n not in ("toc", "tables")]
    assert settings.extension_configs["toc"]["permalink_title"] == parent["markdown_extensions"][0]["toc"]["permalink_title"]
    assert settings.extra["region"] == own["extra"]["region"], "the fixture's own region"
    assert settings.extra["law_links"] == parent["extra"]["law_links"], "merged from the parent"
    assert settings.site_url == own["site_url"]
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "-f", "mkdocs.yml"],
                           cwd=fixture, capture_output=True, text=True)
    built = len(list((dalarna_site / "revisioner").glob("*/index.html")))
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == f"Källorna är i ordning: {built} versioner."
