"""A revision's text as a Word document (.docx), so that a working group can
start its next draft from the current text. Headings get Word's heading styles,
lists Word's list styles by level, tables a grid: exactly what the importer
(`agreement.editors.importer`) reads back, so export and import give back the
same Markdown and section ids. The bytes depend only on the text."""
from __future__ import annotations

import datetime as _dt
import io
import zipfile

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

HEADING_STYLE = {"h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3", "h5": "Heading 4", "h6": "Heading 5"}
LIST_STYLE = {"ul": "List Bullet", "ol": "List Number"}
MAX_LIST_LEVEL = 3  # the default template has List Bullet, List Bullet 2, List Bullet 3
FIXED_TIME = _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)  # no clock in the bytes


def _add_link(paragraph, href: str, text: str, bold: bool, italic: bool) -> None:
    link = OxmlElement("w:hyperlink")
    if href.startswith("#"):
        link.set(qn("w:anchor"), href[1:])
    else:
        rid = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    for flag, tag in ((bold, "w:b"), (italic, "w:i")):
        if flag:
            props.append(OxmlElement(tag))
    run.append(props)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _inline(paragraph, el, bold=False, italic=False, link=None, skip_first_text=False) -> None:
    """Runs for the text of `el` and its inline children (not nested lists)."""
    def text(value):
        if not value:
            return
        value = " ".join(value.split("\n"))
        if link:
            _add_link(paragraph, link, value, bold, italic)
        else:
            run = paragraph.add_run(value)
            run.bold = bold or None
            run.italic = italic or None

    if not skip_first_text:
        text(el.text)
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("ul", "ol"):
            continue
        if tag == "a" and "headerlink" in (child.get("class") or ""):
            text(child.tail)
            continue
        if tag == "br":
            text(" ")
        else:
            _inline(paragraph, child, bold or tag in ("strong", "b"), italic or tag in ("em", "i"),
                    child.get("href") if tag == "a" else link)
        text(child.tail)


class _Writer:
    def __init__(self, title: str):
        self.doc = docx.Document()
        self.doc.add_paragraph(title, style="Title")

    def blocks(self, parent) -> None:
        for el in parent:
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag in HEADING_STYLE:
                self.paragraph(el, HEADING_STYLE[tag])
            elif tag == "p":
                self.paragraph(el, None)
            elif tag in LIST_STYLE:
                self.list(el, tag, 1)
            elif tag == "table":
                self.table(el)
            elif tag in ("div", "blockquote", "section", "details"):
                self.blocks(el)

    def paragraph(self, el, style) -> None:
        paragraph = self.doc.add_paragraph(style=style)
        _inline(paragraph, el)

    def list(self, el, tag: str, level: int) -> None:
        base = LIST_STYLE[tag]
        style = base if level == 1 else f"{base} {min(level, MAX_LIST_LEVEL)}"
        for item in el.iterchildren("li"):
            paragraph = self.doc.add_paragraph(style=style)
            inner = [c for c in item if c.tag == "p"]
            if inner:  # a loose list: the item's paragraphs become one
                for i, p in enumerate(inner):
                    if i:
                        paragraph.add_run(" ")
                    _inline(paragraph, p)
            else:
                _inline(paragraph, item)
            for sub in item.iterchildren("ul", "ol"):
                self.list(sub, sub.tag, level + 1)

    def table(self, el) -> None:
        rows = el.findall(".//tr")
        width = max(len(r.findall("th") + r.findall("td")) for r in rows)
        table = self.doc.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, cell_el in enumerate(row.xpath("th|td")):
                cell = table.cell(r, c)
                paragraph = cell.paragraphs[0]
                _inline(paragraph, cell_el, bold=cell_el.tag == "th")

    def bytes(self, title: str) -> bytes:
        props = self.doc.core_properties
        props.title = title
        props.author = props.last_modified_by = props.comments = props.keywords = ""
        props.revision = 1
        props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry's time fixed, so equal text gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def revision_docx(title: str, body_html: str) -> bytes:
    """The .docx of a revision: its title, then its rendered body."""
    root = etree.HTML(f"<div>{body_html}</div>")
    container = root.find(".//div")
    writer = _Writer(title)
    writer.blocks(container)
    return writer.bytes(title)
