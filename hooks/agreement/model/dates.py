"""Partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) as the sources write them, and
their Swedish spelling."""
from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass

RE_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MONTHS_SV = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> "PartialDate":
        """Accept what YAML gives for a date: an int year, a `date`, or a string."""
        if isinstance(value, bool):
            raise ValueError(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")
        if isinstance(value, int):
            value = f"{value:04d}"
        if isinstance(value, _dt.datetime):
            value = value.date()
        if isinstance(value, _dt.date):
            return cls(value.year, value.month, value.day)
        if not isinstance(value, str):
            raise ValueError(f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")
        match = RE_PARTIAL_DATE.match(value.strip())
        if not match:
            raise ValueError(f"bad date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            _dt.date(year, month or 1, day or 1)
        except ValueError as exc:
            raise ValueError(f"bad date {value!r}: {exc}") from None
        return cls(year, month, day)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def sv(self) -> str:
        """Swedish spelling: `2 juni 2025`, `juni 2021`, `2014`."""
        if self.month is None:
            return str(self.year)
        month = MONTHS_SV[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def last_day(self) -> _dt.date:
        """The last day the partial date covers (a period `to: 2023` lasts all of 2023)."""
        if self.day:
            return _dt.date(self.year, self.month, self.day)
        if self.month:
            nxt = _dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - _dt.timedelta(days=1)
        return _dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        return self.iso()


def build_date(environ: dict | None = None) -> _dt.date:
    """The build's idea of today: `SITE_BUILD_DATE=YYYY-MM-DD` or the real date."""
    env = os.environ if environ is None else environ
    value = env.get("SITE_BUILD_DATE")
    if not value:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"SITE_BUILD_DATE={value!r} is not a date YYYY-MM-DD") from None


def format_sv(day: _dt.date) -> str:
    return PartialDate(day.year, day.month, day.day).sv()
