"""Calendar arithmetic shared by the calculators (no I/O)."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int, on_day: int | None = None) -> dt.date:
    """Day ``on_day`` (default: ``day``'s own day) of the month ``months``
    after ``day``'s month; a day missing in that month becomes its last day
    (31 January + 1 month → 28 or 29 February). ``months`` may be negative."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    wanted = day.day if on_day is None else on_day
    return dt.date(year, month, min(wanted, calendar.monthrange(year, month)[1]))


def months_before(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` months earlier (last day of the month if missing)."""
    return add_months(day, -months)
