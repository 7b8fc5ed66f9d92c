"""The copy of a Word or ODT document that the repository keeps: the same
text, without the document properties that name people and companies (author,
last editor, company, manager, revision count, editing time, custom
properties) nor Word's revision-save ids. A PDF is kept as it came."""
from __future__ import annotations

import io
import re
import zipfile

RE_RSID_ATTRIBUTE = re.compile(rb'\s+w:rsid\w*="[0-9A-Fa-f]+"')
RE_RSIDS = re.compile(rb"<w:rsids>.*?</w:rsids>|<w:rsids/>", re.S)
EMPTY_CORE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
              b'xmlns:dc="http://purl.org/dc/elements/1.1/"/>')
RE_APP_PERSONAL = re.compile(rb"<(Company|Manager|TotalTime|Template|HyperlinkBase)>.*?</\1>|<(Company|Manager)/>", re.S)
RE_ODT_META = re.compile(
    rb"<(meta:initial-creator|dc:creator|meta:creation-date|dc:date|meta:editing-cycles|meta:editing-duration|"
    rb"meta:printed-by|meta:print-date|meta:generator|meta:template)\b[^>]*?(?:/>|>.*?</\1>)"
    rb"|<meta:user-defined\b[^>]*?(?:/>|>.*?</meta:user-defined>)", re.S)
RE_CUSTOM_REFERENCE = re.compile(rb'<(Relationship|Override)\b[^>]*custom(?:-p|P)roperties[^>]*/>')


def _rewrite(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = change(info.filename, src.read(info.filename))
            if content is None:
                continue
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            # ODF wants `mimetype` first and stored; everything else compressed.
            fixed.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            dst.writestr(fixed, content)
    return out.getvalue()


def _docx_part(name: str, content: bytes) -> bytes | None:
    if name == "docProps/core.xml":
        return EMPTY_CORE
    if name == "docProps/custom.xml":
        return None
    if name == "docProps/app.xml":
        return RE_APP_PERSONAL.sub(b"", content)
    if name in ("[Content_Types].xml", "_rels/.rels"):
        return RE_CUSTOM_REFERENCE.sub(b"", content)
    if name.startswith("word/") and name.endswith(".xml"):
        return RE_RSID_ATTRIBUTE.sub(b"", RE_RSIDS.sub(b"", content))
    return content


def _odt_part(name: str, content: bytes) -> bytes | None:
    if name == "meta.xml":
        return RE_ODT_META.sub(b"", content)
    return content


def without_properties(data: bytes, kind: str) -> bytes:
    if kind == "docx":
        return _rewrite(data, _docx_part)
    if kind == "odt":
        return _rewrite(data, _odt_part)
    return data
