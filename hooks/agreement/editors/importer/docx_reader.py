"""Read a Word document (.docx) into the document model with python-docx,
going to the XML where python-docx has no API (numbering levels, tracked
changes, fields, footnote references)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from agreement.editors.importer.document import Document, Heading, ImportRefused, ListItem, Paragraph, Span, Table

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
RE_HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)$", re.I)
RE_TOC_STYLE = re.compile(r"^(?:toc|innehåll|innehållsförteckn\w*)\s*(?:heading|rubrik)?\s*\d*$", re.I)
RE_LIST_STYLE_LEVEL = re.compile(r"(\d)$")
TRACKED = ("ins", "del", "moveFrom", "moveTo")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _on(props, tag: str) -> bool | None:
    """A toggle property (w:b, w:i) of run or style properties: True, False or unset."""
    if props is None:
        return None
    el = props.find(_w(tag))
    if el is None:
        return None
    return el.get(_w("val"), "true") not in ("0", "false", "off")


class _Numbering:
    """Which numbering definitions are bullets: numId -> abstractNum -> level formats."""

    def __init__(self, document):
        self.formats: dict[tuple[str, int], str] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {}
        for a in root.findall(_w("abstractNum")):
            levels = {int(lvl.get(_w("ilvl"))): (lvl.find(_w("numFmt")).get(_w("val"))
                                                 if lvl.find(_w("numFmt")) is not None else "bullet")
                      for lvl in a.findall(_w("lvl"))}
            abstract[a.get(_w("abstractNumId"))] = levels
        for num in root.findall(_w("num")):
            ref = num.find(_w("abstractNumId"))
            for level, fmt in abstract.get(ref.get(_w("val")) if ref is not None else "", {}).items():
                self.formats[(num.get(_w("numId")), level)] = fmt

    def ordered(self, num_id: str, level: int) -> bool:
        return self.formats.get((num_id, level), "bullet") not in ("bullet", "none")


def _style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _num_pr(paragraph):
    """(numId, ilvl, depth) from the paragraph or its style; None when not in a list."""
    ppr = paragraph._p.pPr
    candidates = [ppr] + [s.element.pPr for s in _style_chain(paragraph.style)]
    num_id = level = None
    for props in candidates:
        if props is None or props.find(_w("numPr")) is None:
            continue
        numpr = props.find(_w("numPr"))
        if num_id is None and numpr.find(_w("numId")) is not None:
            num_id = numpr.find(_w("numId")).get(_w("val"))
        if level is None and numpr.find(_w("ilvl")) is not None:
            level = int(numpr.find(_w("ilvl")).get(_w("val")))
    if num_id is None or num_id == "0":
        return None
    # "List Bullet 2": the level is in the style's name too (LibreOffice writes ilvl 0 there).
    match = RE_LIST_STYLE_LEVEL.search(paragraph.style.name or "") if paragraph.style.name.startswith("List") else None
    return num_id, level or 0, max(level or 0, int(match.group(1)) - 1 if match else 0)


def _heading_level(paragraph) -> int | None:
    for style in _style_chain(paragraph.style):
        match = RE_HEADING_STYLE.match(style.name or "")
        if match:
            return int(match.group(1))
    ppr = paragraph._p.pPr
    outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
    if outline is not None and int(outline.get(_w("val"))) < 9:
        return int(outline.get(_w("val"))) + 1
    return None


def _style_toggle(paragraph, run_style_id: str | None, tag: str, styles, heading: bool) -> bool:
    if run_style_id:
        try:
            for style in _style_chain(styles.get_by_id(run_style_id, 2)):  # 2: character style
                value = _on(style.element.rPr, tag)
                if value is not None:
                    return value
        except (KeyError, ValueError):
            pass
    if heading:  # a heading style's own bold is how headings look, not emphasis
        return False
    for style in _style_chain(paragraph.style):
        value = _on(style.element.rPr, tag)
        if value is not None:
            return value
    return False


class _Reader:
    def __init__(self, document):
        self.doc = document
        self.numbering = _Numbering(document)
        self.out = Document(kind="docx")
        self.paragraph_no = 0

    def spans(self, paragraph, where: str) -> list[Span]:
        spans: list[Span] = []
        heading = _heading_level(paragraph) is not None
        in_field_code = False

        def walk(el, link: str | None):
            nonlocal in_field_code
            for child in el:
                tag = etree.QName(child).localname
                if tag == "hyperlink":
                    rid = child.get(f"{{{R}}}id")
                    target = (paragraph.part.rels[rid].target_ref if rid and rid in paragraph.part.rels
                              else f"#{child.get(_w('anchor'))}" if child.get(_w("anchor")) else None)
                    walk(child, target)
                elif tag in ("smartTag", "fldSimple", "sdt", "sdtContent", "customXml"):
                    walk(child, link)
                elif tag == "r":
                    run(child, link)

        def run(r, link):
            nonlocal in_field_code
            rpr = r.find(_w("rPr"))
            style = rpr.find(_w("rStyle")).get(_w("val")) if rpr is not None and rpr.find(_w("rStyle")) is not None else None
            bold = _on(rpr, "b")
            italic = _on(rpr, "i")
            bold = _style_toggle(paragraph, style, "b", self.doc.styles, heading) if bold is None else bold
            italic = _style_toggle(paragraph, style, "i", self.doc.styles, heading) if italic is None else italic
            for child in r:
                tag = etree.QName(child).localname
                if tag == "fldChar":
                    kind = child.get(_w("fldCharType"))
                    in_field_code = kind == "begin"
                elif tag == "instrText":
                    continue
                elif in_field_code:
                    continue
                elif tag == "t":
                    spans.append(Span(child.text or "", bold, italic, link))
                elif tag in ("tab", "br", "cr"):
                    # A page break inside a paragraph joins, like every other break.
                    spans.append(Span(" ", bold, italic, link))
                elif tag in ("drawing", "pict", "object"):
                    self.out.unconverted.append(_aside("bild", _alt_text(child), where))
                elif tag == "footnoteReference":
                    self.out.unconverted.append(_aside("fotnot", self.note_text("footnotes", child), where))
                elif tag == "endnoteReference":
                    self.out.unconverted.append(_aside("slutnot", self.note_text("endnotes", child), where))
                elif tag == "txbxContent":
                    self.out.unconvertible("textruta", "".join(child.itertext()), where)
            for box in r.iter(_w("txbxContent")):
                self.out.unconvertible("textruta", " ".join(box.itertext()), where)

        walk(paragraph._p, None)
        return spans

    def note_text(self, part_name: str, ref) -> str:
        note_id = ref.get(_w("id"))
        for rel in self.doc.part.rels.values():
            if rel.reltype.endswith("/" + part_name):
                root = etree.fromstring(rel.target_part.blob)
                for note in root:
                    if note.get(_w("id")) == note_id:
                        return " ".join("".join(note.itertext()).split())
        return ""

    def paragraph(self, paragraph) -> None:
        self.paragraph_no += 1
        where = f"stycke {self.paragraph_no}"
        style_name = paragraph.style.name or ""
        spans = self.spans(paragraph, where)
        text = "".join(s.text for s in spans).strip()
        if RE_TOC_STYLE.match(style_name):
            if text:
                self.out.dropped.append(_aside("innehållsförteckning", text, where))
            return
        if style_name.lower() in ("title", "rubrik", "subtitle", "underrubrik"):
            if text:
                self.out.dropped.append(_aside("titel", text, where))
            return
        level = _heading_level(paragraph)
        numbering = _num_pr(paragraph)
        if level is not None:
            self.out.add(Heading(level, tuple(spans), where))
        elif numbering is not None:
            num_id, level, depth = numbering
            self.out.add(ListItem(depth, self.numbering.ordered(num_id, level), tuple(spans), where))
        else:
            self.out.add(Paragraph(tuple(spans), where))

    def table(self, table) -> None:
        self.paragraph_no += 1
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                spans: list[Span] = []
                for p in cell.paragraphs:
                    if spans:
                        spans.append(Span(" "))
                    spans.extend(self.spans(p, f"tabell vid stycke {self.paragraph_no}"))
                cells.append(tuple(spans))
            rows.append(tuple(cells))
        from agreement.editors.importer.document import tidy
        self.out.add(Table(tuple(tuple(tidy(c) for c in row) for row in rows), f"stycke {self.paragraph_no}"))

    def read(self) -> Document:
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph as DocxParagraph
        body = self.doc.element.body
        for child in body:
            tag = etree.QName(child).localname
            if tag == "p":
                self.paragraph(DocxParagraph(child, self.doc._body))
            elif tag == "tbl":
                self.table(DocxTable(child, self.doc._body))
            elif tag == "sdt":  # a content control: Word's table of contents is one
                gallery = child.find(".//w:docPartGallery", NS)
                content = " ".join(" ".join(child.itertext()).split())
                if gallery is not None and "Contents" in (gallery.get(_w("val")) or ""):
                    self.out.dropped.append(_aside("innehållsförteckning", content, f"stycke {self.paragraph_no + 1}"))
                else:
                    for p in child.iter(_w("p")):
                        self.paragraph(DocxParagraph(p, self.doc._body))
        for number, section in enumerate(self.doc.sections, 1):
            for kind, parts in (("sidhuvud", (section.header, section.first_page_header)),
                                ("sidfot", (section.footer, section.first_page_footer))):
                for part in parts:
                    if part.is_linked_to_previous and number > 1:
                        continue
                    text = " ".join(p.text for p in part.paragraphs if p.text.strip())
                    if text.strip():
                        self.out.dropped.append(_aside(kind, text, f"avsnitt {number}"))
        return self.out


def _aside(kind, text, where):
    from agreement.editors.importer.document import Aside
    return Aside(kind, " ".join(text.split()), where)


def _alt_text(el) -> str:
    for props in el.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
        return props.get("descr") or props.get("name") or ""
    return ""


def refuse_tracked_changes_and_comments(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        xml = archive.read("word/document.xml")
        comments = archive.read("word/comments.xml") if "word/comments.xml" in names else b""
    root = etree.fromstring(xml)
    tracked = [el for tag in TRACKED for el in root.iter(_w(tag))]
    tracked += list(root.iter(_w("rPrChange"), _w("pPrChange")))
    if tracked:
        raise ImportRefused(
            f"Dokumentet har {len(tracked)} spårade ändringar. Godkänn eller avvisa dem i Word först "
            "(Granska → Godkänn/Avvisa alla ändringar), spara och importera igen.")
    if comments and etree.fromstring(comments).find(_w("comment")) is not None:
        raise ImportRefused("Dokumentet har kommentarer. Ta bort dem i Word först (Granska → Ta bort alla "
                            "kommentarer), spara och importera igen.")


def read_docx(path: Path) -> Document:
    try:
        refuse_tracked_changes_and_comments(path)
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, PackageNotFoundError, etree.XMLSyntaxError, ValueError) as exc:
        raise ImportRefused(f"Filen går inte att läsa som ett Word-dokument (.docx): {exc}") from None
    return _Reader(document).read()
