"""The safety net under every comment text the site publishes: e-mail
addresses, phone numbers and personal identity numbers (personnummer,
samordningsnummer) are replaced by a note, whatever the editor approved.

Numbers the agreement itself cites (SFS 2017:612, 5 kap. 8 a §, dates such as
2026-02-01) are not phone numbers: a phone number here starts with 0 or +46
and has 7 to 13 digits."""
from __future__ import annotations

import re

EMAIL_NOTE = "[e-postadress borttagen]"
PHONE_NOTE = "[telefonnummer borttaget]"
ID_NUMBER_NOTE = "[personnummer borttaget]"

RE_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# YYYYMMDD-NNNN, YYMMDD-NNNN, with -, + or nothing between (samordningsnummer add 60 to the day).
RE_ID_NUMBER = re.compile(r"(?<![\d-])(?:19|20)?\d{2}[01]\d[0-9]\d[-+ ]?\d{4}(?![\d-])")
RE_PHONE = re.compile(r"(?<![\w+])(?:\+46|0046|0)[\s-]?\(?0?\)?\d{1,4}(?:[\s-]?\d{1,4}){1,4}(?![\d])")


def _phone(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return PHONE_NOTE if 7 <= len(digits) <= 13 else match.group(0)


def strip_personal(text: str) -> str:
    """`text` with every e-mail address, personnummer and phone number replaced."""
    text = RE_EMAIL.sub(EMAIL_NOTE, text)
    text = RE_ID_NUMBER.sub(ID_NUMBER_NOTE, text)
    return RE_PHONE.sub(_phone, text)
