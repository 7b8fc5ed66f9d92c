"""The PDF of each revision with text: at the contract's path, linked from the
page, with every section heading of the page in order, Swedish letters,
embedded fonts; and rendered again only when its inputs change."""
import re

import pypdf
import pytest

from conftest import build_project, read_html

RE_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    return RE_SPACE.sub(" ", text.replace("\u00ad", "")).strip()


def page_headings(site, revision_id):
    page = read_html(site, f"revisioner/{revision_id}/")
    text = page.cssselect(".revision-text")[0]
    headings = []
    for h in text.iter("h2", "h3", "h4", "h5", "h6"):
        for link in h.cssselect("a.headerlink, [data-generated]"):  # permalinks and controls
            link.drop_tree()
        headings.append(normalize(h.text_content()))
    return page, headings


def pdf_text(path) -> str:
    reader = pypdf.PdfReader(path)
    return normalize(" ".join(p.extract_text() for p in reader.pages))


def find_in_order(text: str, needles: list[str]) -> list[str]:
    """The needles not found after the previous one."""
    missing, pos = [], 0
    for needle in needles:
        at = text.find(needle, pos)
        if at < 0:
            missing.append(needle)
        else:
            pos = at + len(needle)
    return missing


@pytest.mark.parametrize("revision_id", ["4.0", "2025"])
def test_pdf_holds_every_section_heading_in_order(site, revision_id):
    page, headings = page_headings(site, revision_id)
    link = page.cssselect("a.pdf-download")
    assert len(link) == 1 and link[0].get("href") == f"overenskommelse-{revision_id}.pdf"
    pdf = site / "revisioner" / revision_id / f"overenskommelse-{revision_id}.pdf"
    assert pdf.is_file()
    text = pdf_text(pdf)
    assert len(headings) >= 5
    # Once in the table of contents, then again in the text.
    assert find_in_order(text, headings + headings) == []
    for heading in headings:
        assert text.count(heading) >= 2, heading


def test_pdf_cover_fonts_and_language(site):
    path = site / "revisioner" / "4.0" / "overenskommelse-4.0.pdf"
    reader = pypdf.PdfReader(path)
    cover = normalize(reader.pages[0].extract_text())
    assert "Överenskommelse om samarbete mellan kommunerna i Jämtlands län" in cover
    assert "Version 4.0 (2021–2023)" in cover and "Gällande" in cover and "SVOM" in cover
    assert "Innehåll" in normalize(reader.pages[1].extract_text())
    assert "#utskrivning-fran-slutenvard" in pdf_text(path), "section ids are printed with their headings"
    embedded = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            embedded.add(str(font["/BaseFont"]).split("+")[-1])
    assert embedded and all(name.startswith("DejaVu") for name in embedded), embedded
    assert reader.trailer["/Root"]["/Lang"] == "sv"


def test_revision_without_text_has_no_pdf(site):
    assert not list((site / "revisioner" / "2014-2016").glob("*.pdf"))
    assert read_html(site, "revisioner/2014-2016/").cssselect("a.pdf-download") == []


def test_pdf_is_rendered_again_only_when_its_revision_changes(project_copy):
    site = project_copy / "site"
    cache = project_copy / ".cache" / "pdf"
    assert build_project(project_copy).returncode == 0
    def cached_pdfs():  # cache entries are named <revision id>--<hash of the inputs>.pdf
        return {p.name.rsplit("--", 1)[0]: (p.name, p.stat().st_mtime_ns) for p in cache.glob("*.pdf")}

    first = cached_pdfs()
    assert set(first) == {"4.0", "2025"}
    assert build_project(project_copy).returncode == 0
    again = cached_pdfs()
    assert again == first, "nothing changed, so nothing was rendered"
    assert (site / "revisioner" / "4.0" / "overenskommelse-4.0.pdf").read_bytes() == \
        (cache / first["4.0"][0]).read_bytes()
    source = project_copy / "docs" / "revisioner" / "2025" / "index.md"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "## Inledning {#inledning}", "## Inledningen {#inledning}"), encoding="utf-8")
    assert build_project(project_copy).returncode == 0
    changed = cached_pdfs()
    assert len(list(cache.glob("*.pdf"))) == 2, "the PDF of the old 2025 text was pruned from the cache"
    assert changed["4.0"] == first["4.0"]
    assert changed["2025"][0] != first["2025"][0], "the changed revision got a new PDF"
    assert "Inledningen" in pdf_text(site / "revisioner" / "2025" / "overenskommelse-2025.pdf")


@pytest.mark.parametrize("path", ["", "revisioner/4.0/", "sok/?q=SIP", "tillganglighet/"])
def test_print_stylesheet_shows_the_text_without_the_site_controls(browser_page, server, path):
    page = browser_page.page
    page.emulate_media(media="print")
    page.goto(server + path)
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".site-search",
                     "details.section-versions", "a.paragraph-link", "a.headerlink"):
        for el in page.query_selector_all(selector):
            assert not el.is_visible(), f"{selector} is printed on {path or 'the start page'}"
    assert page.locator("article h1").first.is_visible()
    colors = page.evaluate("[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
    assert colors == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
