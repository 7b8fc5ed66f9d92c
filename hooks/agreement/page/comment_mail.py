"""The e-mail route: a `mailto:` link per paragraph whose subject names the
paragraph and whose body carries its permanent address, its text and a short
form, so the registrar receives a comment that says what it is about.

Mail clients and browsers cut or refuse long `mailto:` URLs (Outlook on
Windows somewhere past 2,000 characters), so the quoted text is shortened,
word by word, until the whole link fits `MAILTO_LIMIT`."""
from __future__ import annotations

import re
from urllib.parse import quote

MAILTO_LIMIT = 1800  # characters of the whole link, percent-encoded
RE_SPACE = re.compile(r"\s+")
RE_ADDRESS = re.compile(r"^[^@\s?&#/:]+@[^@\s?&#/:]+\.[a-z]{2,}$", re.I)

# The lines of the form, in order; the importer reads the answers by these words
# (agreement.editors.mail_import), so change both together.
FORM_SENDER = "Jag skriver som (organisation eller privatperson)"
FORM_ORGANISATION = "Organisationens namn"
FORM_CONTACT = "Kontakt (e-post eller telefon, publiceras aldrig)"
FORM_COMMENT = "Synpunkt"
FORM_PROPOSAL = "Förslag till formulering (frivilligt)"
FORM_CONSENT = "Får organisationens namn publiceras med synpunkten? (ja/nej)"
FORM_FIELDS = (FORM_SENDER, FORM_ORGANISATION, FORM_CONTACT, FORM_COMMENT, FORM_PROPOSAL, FORM_CONSENT)
PERMALINK_LINE = "Styckets permanenta adress"
QUOTE_LINE = "Stycket löd, när länken skapades"


def subject(label: str, section: str, number: int) -> str:
    return f"Synpunkt på {label}, {section}, stycke {number}"


def body(permalink: str, quoted: str) -> str:
    form = "\n".join(f"{field}: " + ("\n" if field in (FORM_COMMENT, FORM_PROPOSAL) else "")
                     for field in FORM_FIELDS)
    return (f"{PERMALINK_LINE}: {permalink}\n\n"
            f"{QUOTE_LINE}:\n\"{quoted}\"\n\n"
            f"Fyll i:\n{form}\n")


def _href(address: str, subject_text: str, body_text: str) -> str:
    return f"mailto:{address}?subject={quote(subject_text, safe='')}&body={quote(body_text, safe='')}"


def shortened(text: str, words: int) -> str:
    parts = text.split(" ")
    return text if words >= len(parts) else " ".join(parts[:words]).rstrip(" ,.;:") + " …"


def mailto(address: str, label: str, section: str, number: int, permalink: str, text: str,
           limit: int = MAILTO_LIMIT) -> str:
    """The whole link; the paragraph's text is cut at a word so the link fits `limit`."""
    text = RE_SPACE.sub(" ", text).strip()
    subject_text = subject(label, section, number)
    n_words = len(text.split(" "))
    href = _href(address, subject_text, body(permalink, text))
    if len(href) <= limit:
        return href
    low, high = 0, n_words  # the most words that fit: binary search
    while low < high:
        mid = (low + high + 1) // 2
        if len(_href(address, subject_text, body(permalink, shortened(text, mid)))) <= limit:
            low = mid
        else:
            high = mid - 1
    return _href(address, subject_text, body(permalink, shortened(text, low)))


def address_problem(address: object) -> str | None:
    if not isinstance(address, str) or not RE_ADDRESS.match(address):
        return f"extra.comments.email: '{address}' is not an e-mail address"
    return None
