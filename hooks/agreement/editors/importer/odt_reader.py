"""Read an OpenDocument text (.odt) into the document model with the standard
library's zipfile and lxml: the format is one XML file of paragraphs, headings
(`text:h` with an outline level), lists and tables, and styles that say what
is bold, italic, numbered or a title."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from agreement.editors.importer.document import (Aside, Document, Heading, ImportRefused, ListItem, Paragraph,
                                                 Span, Table, tidy)

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
}
TITLE_STYLES = ("Title", "Subtitle")
RE_LIST_STYLE_LEVEL = re.compile(r"^List(?:_20_| )(?:Bullet|Number)(?:_20_| )(\d)$")


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


class _Styles:
    """Bold, italic, parent and list kind of every named style."""

    def __init__(self, *roots):
        self.parent: dict[str, str] = {}
        self.props: dict[str, dict[str, bool]] = {}
        self.list_ordered: dict[tuple[str, int], bool] = {}
        for root in roots:
            for style in root.iter(_q("style:style")):
                name = style.get(_q("style:name"))
                self.parent[name] = style.get(_q("style:parent-style-name"))
                text = style.find("style:text-properties", NS)
                if text is not None:
                    props = {}
                    if text.get(_q("fo:font-weight")):
                        props["bold"] = text.get(_q("fo:font-weight")) in ("bold", "600", "700", "800", "900")
                    if text.get(_q("fo:font-style")):
                        props["italic"] = text.get(_q("fo:font-style")) in ("italic", "oblique")
                    self.props[name] = props
            for lst in root.iter(_q("text:list-style")):
                name = lst.get(_q("style:name"))
                for level in lst:
                    number = int(level.get(_q("text:level"), "1")) - 1
                    self.list_ordered[(name, number)] = etree.QName(level).localname == "list-level-style-number"

    def value(self, name: str | None, key: str, skip_paragraph_style_of_heading=False) -> bool | None:
        seen = 0
        while name and seen < 20:
            if key in self.props.get(name, {}):
                return self.props[name][key]
            name, seen = self.parent.get(name), seen + 1
        return None

    def list_level(self, name: str | None) -> int:
        """Extra depth a paragraph style gives ("List Bullet 2", as Word writes levels)."""
        while name:
            match = RE_LIST_STYLE_LEVEL.match(name)
            if match:
                return int(match.group(1)) - 1
            name = self.parent.get(name)
        return 0

    def is_title(self, name: str | None) -> bool:
        while name:
            if name in TITLE_STYLES:
                return True
            name = self.parent.get(name)
        return False


class _Reader:
    def __init__(self, content, styles_root):
        self.styles = _Styles(styles_root, content)
        self.out = Document(kind="odt")
        self.number = 0
        for master in styles_root.iter(_q("style:master-page")):
            for kind, tags in (("sidhuvud", ("style:header", "style:header-first")),
                               ("sidfot", ("style:footer", "style:footer-first"))):
                for tag in tags:
                    for part in master.iter(_q(tag)):
                        text = " ".join(" ".join(part.itertext()).split())
                        if text:
                            self.out.dropped.append(Aside(kind, text, "sidmall"))

    def spans(self, el, bold: bool, italic: bool, link: str | None, where: str) -> list[Span]:
        out = [Span(el.text or "", bold, italic, link)]
        for child in el:
            tag = etree.QName(child).localname
            if tag == "span":
                style = child.get(_q("text:style-name"))
                b = self.styles.value(style, "bold")
                i = self.styles.value(style, "italic")
                out += self.spans(child, bold if b is None else b, italic if i is None else i, link, where)
            elif tag == "a":
                out += self.spans(child, bold, italic, child.get(_q("xlink:href")), where)
            elif tag == "s":
                out.append(Span(" " * int(child.get(_q("text:c"), "1")), bold, italic, link))
            elif tag in ("tab", "line-break"):
                out.append(Span(" ", bold, italic, link))
            elif tag == "note":
                body = child.find("text:note-body", NS)
                text = " ".join(" ".join(body.itertext()).split()) if body is not None else ""
                self.out.unconverted.append(Aside("fotnot", text, where))
            elif tag == "frame":
                kind = "bild" if child.find("draw:image", NS) is not None else "ram"
                text = " ".join(" ".join(child.itertext()).split())
                if kind == "bild":
                    self.out.unconverted.append(Aside("bild", text, where))
                elif text:
                    self.out.unconvertible("textruta", text, where)
            elif tag in ("bookmark", "bookmark-start", "bookmark-end", "soft-page-break", "reference-mark",
                         "reference-mark-start", "reference-mark-end", "annotation-end"):
                pass
            else:  # fields and the like: their visible text
                out += self.spans(child, bold, italic, link, where)
            out.append(Span(child.tail or "", bold, italic, link))
        return out

    def paragraph_spans(self, el, heading: bool, where: str) -> list[Span]:
        style = el.get(_q("text:style-name"))
        # A heading style's own bold is how headings look, not emphasis.
        bold = False if heading else bool(self.styles.value(style, "bold"))
        italic = False if heading else bool(self.styles.value(style, "italic"))
        return self.spans(el, bold, italic, None, where)

    def blocks(self, parent) -> None:
        for el in parent:
            tag = etree.QName(el).localname
            if tag in ("p", "h"):
                self.number += 1
                where = f"stycke {self.number}"
                spans = self.paragraph_spans(el, tag == "h", where)
                text = "".join(s.text for s in spans).strip()
                if tag == "h":
                    self.out.add(Heading(int(el.get(_q("text:outline-level"), "1")), tuple(spans), where))
                elif self.styles.is_title(el.get(_q("text:style-name"))):
                    if text:
                        self.out.dropped.append(Aside("titel", text, where))
                else:
                    self.out.add(Paragraph(tuple(spans), where))
            elif tag == "list":
                self.list(el, 0, el.get(_q("text:style-name")))
            elif tag == "table":
                self.number += 1
                rows = []
                for row in el.iter(_q("table:table-row")):
                    cells = []
                    for cell in row.findall("table:table-cell", NS):
                        spans: list[Span] = []
                        for p in cell.iter(_q("text:p")):
                            spans += [Span(" ")] + self.paragraph_spans(p, False, f"stycke {self.number}")
                        cells.append(tidy(tuple(spans)))
                    rows.append(tuple(cells))
                self.out.add(Table(tuple(rows), f"stycke {self.number}"))
            elif tag == "table-of-content":
                self.number += 1
                for p in el.iter(_q("text:p")):
                    text = " ".join(" ".join(p.itertext()).split())
                    if text:
                        self.out.dropped.append(Aside("innehållsförteckning", text, f"stycke {self.number}"))
            elif tag in ("section", "index-body"):
                self.blocks(el)

    def list(self, el, depth: int, style: str | None) -> None:
        style = el.get(_q("text:style-name")) or style
        ordered = self.styles.list_ordered.get((style, depth), False)
        for item in el.findall("text:list-item", NS) + el.findall("text:list-header", NS):
            for child in item:
                tag = etree.QName(child).localname
                if tag in ("p", "h"):
                    self.number += 1
                    where = f"stycke {self.number}"
                    level = depth + self.styles.list_level(child.get(_q("text:style-name")))
                    self.out.add(ListItem(level, ordered, tuple(self.paragraph_spans(child, False, where)), where))
                elif tag == "list":
                    self.list(child, depth + 1, style)

    def read(self, body) -> Document:
        self.blocks(body)
        return self.out


def read_odt(path: Path) -> Document:
    try:
        with zipfile.ZipFile(path) as archive:
            content = etree.fromstring(archive.read("content.xml"))
            styles = etree.fromstring(archive.read("styles.xml")) if "styles.xml" in archive.namelist() else etree.Element("x")
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise ImportRefused(f"Filen går inte att läsa som ett OpenDocument-dokument (.odt): {exc}") from None
    if content.find(".//text:tracked-changes/text:changed-region", NS) is not None:
        raise ImportRefused("Dokumentet har spårade ändringar. Godkänn eller avvisa dem först (Redigera → Spåra "
                            "ändringar → Hantera), spara och importera igen.")
    if content.find(".//office:annotation", NS) is not None:
        raise ImportRefused("Dokumentet har kommentarer. Ta bort dem först, spara och importera igen.")
    body = content.find("office:body/office:text", NS)
    if body is None:
        raise ImportRefused("Dokumentet är inget textdokument (OpenDocument Text).")
    return _Reader(content, styles).read(body)
