"""Times shown to a counsellor: local French clock (« 14 h 32 »)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Paris")


def as_utc(moment: dt.datetime) -> dt.datetime:
    """A stored timestamp as an aware UTC datetime (SQLite gives it back naive)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)


def clock_fr(moment: dt.datetime, today: dt.date | None = None) -> str:
    """« aujourd'hui à 14 h 32 » or « le 28/11/2026 à 09 h 05 » (heure de Paris)."""
    local = as_utc(moment).astimezone(LOCAL)
    today = today or dt.datetime.now(LOCAL).date()
    day = "aujourd'hui" if local.date() == today else f"le {local:%d/%m/%Y}"
    return f"{day} à {local:%H} h {local:%M}"


def saved_at_text(moment: dt.datetime) -> str:
    """The autosave line of a page: « Enregistré à 14 h 32 » (heure de Paris)."""
    local = as_utc(moment).astimezone(LOCAL)
    return f"Enregistré à {local:%H} h {local:%M}"
