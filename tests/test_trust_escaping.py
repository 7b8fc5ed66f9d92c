"""Escaping by default: markup in every front-matter field and data value is
shown as text on every page type, and the Markdown the allowlist lets through
reaches no page as anything executable or external. One real build of a copy
of the project with hostile values, checked with lxml and in Chromium."""
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from conftest import build_project, copy_project, serve_dir
from test_bad_input import edit

HOSTILE = 'Ä < & " <img src=x onerror=alert(1)> Ö'
QUOTED = "'" + HOSTILE + "'"  # YAML single quotes: the value as it is
PLAIN_HOSTILE = 'A < B & "C"'  # data that must be text: the characters, no element
OWN_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url when SITE_URL is not set
REV25 = "docs/revisioner/2025/index.md"
SIP = "docs/relaterade/sip.md"
# Markdown the allowlist lets through, put in the 2025 text.
ALLOWED_MARKDOWN = """
Länkar: [webb](https://example.org/), [e-post](mailto:a@example.org), [version 4.0](../4.0/index.md).

<!-- en anteckning för redaktörer -->

| Vänster | Höger |
|:--------|------:|
| a       | b     |

!!! note "Obs"
    Ett stycke i en ruta.
"""


def hostile_line(project: Path, rel: str, start: str) -> None:
    """Turn the line `<start>value` into `<start>'HOSTILE value'`."""
    path = project / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    value = lines[index][len(start):].strip().strip('"')
    lines[index] = start + "'" + (HOSTILE + " " + value).replace("'", "''") + "'"
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    hostile_line(project, REV25, "title: ")
    text = (project / REV25).read_text(encoding="utf-8")
    front_end = text.index("\n---\n", 4)
    head = text[:front_end]
    for key in ("label", "source"):
        start = head.index(f"\n{key}: ") + len(key) + 3
        head = head[:start] + QUOTED + head[head.index("\n", start):]
    head = head.replace("status: proposed", "status: draft")
    head = head.replace("{body: SVOM, date: 2025-06-02, ref:", f"{{body: {QUOTED}, date: 2025-06-02, ref: {QUOTED}, x:")
    head = head.replace(", x: \"§ 25, rekommenderar regionen och länets kommuner att godkänna reviderad upplaga\"}", "}")
    head += ("\ncomments: {open: true, until: 2026-03-01}"
             f"\nerrata:\n  - {{date: 2025-10-01, section: inledning, description: {QUOTED}}}")
    body = text[front_end:]
    body = body.replace("\n## Inledning {#inledning}\n", "\n## Inledning {#inledning}\n" + ALLOWED_MARKDOWN, 1)
    (project / REV25).write_text(head + body, encoding="utf-8")
    edit(project, SIP, "title: SIP – samordnad individuell plan", f"title: {QUOTED}")
    hostile_line(project, SIP, "source: ")
    edit(project, SIP, "published: https://regionjh.se/samverkan", f"published: {QUOTED}")
    edit(project, SIP, "  - samordnade individuella planer", f"  - samordnade individuella planer\n  - {QUOTED}")
    edit(project, "data/abbreviations.yml", "expansion: samordnad individuell plan", f"expansion: '{PLAIN_HOSTILE}'")
    hostile_line(project, "mkdocs.yml", "copyright: ")
    edit(project, "mkdocs.yml", "    - name: Region Jämtland Härjedalen, samverkanssidan", f"    - name: {QUOTED}")
    hostile_line(project, "mkdocs.yml", "      text: ")
    result = build_project(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def parse(page: Path):
    return lxml.html.fromstring(page.read_text(encoding="utf-8"))


def text_of(root) -> str:
    return " ".join(root.text_content().split())


def test_no_page_has_an_injected_element_or_attribute(hostile_site):
    assert len(pages(hostile_site)) > 15
    for page in pages(hostile_site):
        root = parse(page)
        handlers = [(el.tag, a) for el in root.iter() if isinstance(el.tag, str) for a in el.attrib if a.startswith("on")]
        assert handlers == [], f"{page}: {handlers}"
        assert root.xpath("//img[@src='x']") == [], page


@pytest.mark.parametrize("path, where", [
    ("revisioner/2025/index.html", "h1"),  # title
    ("revisioner/2025/index.html", "revision-meta"),  # label, source, decisions, errata
    ("revisioner/2025/index.html", "title"),
    ("revisioner/index.html", "timeline"),  # labels
    ("jamfor/4.0--2025/index.html", "h1"),
    ("relaterade/sip/index.html", "h1"),
    ("relaterade/sip/index.html", "source"),
    ("relaterade/index.html", "list"),
    ("index.html", "footer"),  # copyright, contacts
])
def test_markup_is_shown_as_text(hostile_site, path, where):
    root = parse(hostile_site / path)
    selected = {"h1": "//h1", "title": "//title", "footer": "//footer",
                "revision-meta": "//*[contains(@class, 'revision-meta')]",
                "timeline": "//main", "source": "//main", "list": "//main"}[where]
    shown = " ".join(text_of(el) for el in root.xpath(selected))
    assert HOSTILE in shown, f"{path} {where}: {shown[:400]}"


def test_every_hostile_field_is_shown(hostile_site):
    revision = text_of(parse(hostile_site / "revisioner/2025/index.html"))
    # label, source, decision body and ref, erratum: five fields, the title is in h1
    assert revision.count(HOSTILE) >= 5, revision
    related = text_of(parse(hostile_site / "relaterade/sip/index.html"))
    assert related.count(HOSTILE) >= 3, related  # title, source, published
    glossary = parse(hostile_site / "ordlista/index.html")
    assert PLAIN_HOSTILE in text_of(glossary)
    assert PLAIN_HOSTILE in [a.get("title") for a in glossary.xpath("//abbr")]


def _scheme(url: str) -> str | None:
    parts = urlsplit(url.strip())
    return "network" if parts.netloc and not parts.scheme else (parts.scheme or None)


def test_nothing_external_or_executable_reaches_a_page(hostile_site):
    for page in pages(hostile_site):
        root = parse(page)
        for tag in ("iframe", "object", "embed", "base", "frame"):
            assert root.xpath(f"//{tag}") == [], f"{page}: <{tag}>"
        # The one refresh is the build's own: gallande/ leads on to the revision in force.
        for meta in root.xpath("//meta[@http-equiv]"):
            assert page.parent.name == "gallande" and meta.get("http-equiv") == "refresh", page
            assert _scheme(meta.get("content").split("url=", 1)[1]) is None, f"{page}: refresh leaves the site"
        for el in root.xpath("//*[@src]"):
            assert _scheme(el.get("src")) is None, f"{page}: {el.tag} src={el.get('src')}"
        for el in root.xpath("//form"):  # the site's own search form only
            assert _scheme(el.get("action", "")) is None, f"{page}: form action={el.get('action')}"
        for el in root.xpath("//link[@href]"):  # relative, or the site's own address (canonical)
            href = el.get("href")
            assert _scheme(href) is None or href.startswith(OWN_SITE_URL), f"{page}: link {href}"
        for el in root.xpath("//a[@href]"):
            assert _scheme(el.get("href")) in (None, "http", "https", "mailto"), f"{page}: a {el.get('href')}"
    revision = parse(hostile_site / "revisioner/2025/index.html")
    assert revision.xpath("//a[@href='https://example.org/']"), "the allowed link is there"
    assert revision.xpath("//td[@style='text-align: right;']"), "the table keeps its alignment"
    assert revision.xpath("//div[contains(@class, 'admonition')]")


def test_pages_open_in_chromium_without_a_dialog_or_a_foreign_request(hostile_site, browser):
    server, base = serve_dir(hostile_site)
    try:
        context = browser.new_context()
        page = context.new_page()
        dialogs, foreign = [], []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        local = urlsplit(base).netloc
        page.on("request", lambda r: urlsplit(r.url).netloc not in ("", local)
                and urlsplit(r.url).scheme not in ("data", "blob") and foreign.append(r.url))
        for file in pages(hostile_site):
            url = base + file.relative_to(hostile_site).as_posix()
            page.goto(url, wait_until="load")
            page.wait_for_timeout(50)  # let deferred scripts and handlers run
        context.close()
    finally:
        server.shutdown()
    assert dialogs == []
    assert foreign == []
