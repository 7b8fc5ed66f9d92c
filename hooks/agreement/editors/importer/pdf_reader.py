"""Read a PDF with pdfminer.six. So far it only tells the documents it cannot
import (encrypted, no text layer); recognising headings, lists, the table of
contents, running headers and page numbers is still to come."""
from __future__ import annotations

from pathlib import Path

from pdfminer.high_level import extract_text
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from agreement.editors.importer.document import Document, ImportRefused


def read_pdf(path: Path) -> Document:
    try:
        text = extract_text(str(path))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ImportRefused(f"{path.name} är krypterad (lösenordsskyddad). Be om en PDF utan lösenord.") from None
    except (PDFSyntaxError, ValueError, TypeError) as exc:
        raise ImportRefused(f"{path.name} går inte att läsa som PDF: {exc}") from None
    if not text.split():
        raise ImportRefused(f"{path.name} har inget textlager (en inskannad PDF?). Be om dokumentet som Word-fil "
                            "eller som PDF med text.")
    raise ImportRefused(f"{path.name}: import av PDF är inte färdig än. Importera Word- eller ODT-filen.")
