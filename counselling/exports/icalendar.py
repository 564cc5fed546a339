"""iCalendar (.ics) file of the instalment dates of a plan.

One all-day event per payment, titled « Échéance <créancier> : 123,45 € »,
with the balance left after it in the description, so the person can put the
plan in the calendar of a phone. Works from the result of
:func:`counselling.calculators.echeancier.echeancier` or of
:func:`counselling.calculators.plan.plan_creanciers`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import icalendar

from ..formatting import eur, how_many
from ..results import Result

PRODID = "-//Kit de conseil budgétaire//Échéancier//FR"


def _payments(plan: Result | dict) -> list[tuple[str, dict]]:
    values = plan.values if isinstance(plan, Result) else plan
    if "creanciers" in values:
        return [(c["creancier"], e) for c in values["creanciers"] for e in c["echeances"]]
    creditor = values.get("creancier") or "dette"
    return [(creditor, e) for e in values["echeances"]]


def plan_to_ics(plan: Result | dict, *, titre: str = "Échéancier", rappel_jours: int | None = 2,
                stamp: dt.datetime | None = None) -> bytes:
    """The plan as iCalendar bytes.

    Parameters
    ----------
    plan : Result or dict
        An échéancier or a multi-creditor plan.
    titre : str
        Calendar name.
    rappel_jours : int or None
        Reminder this many days before each payment (None: no reminder). [jours]
    stamp : datetime or None
        Creation time written in the file (default: now, UTC).
    """
    stamp = stamp or dt.datetime.now(dt.timezone.utc)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", titre)
    for creditor, row in _payments(plan):
        day: dt.date = row["date"]
        event = icalendar.Event()
        key = f"{creditor}|{day.isoformat()}|{row['montant']}|{row.get('numero', '')}"
        event.add("uid", hashlib.sha1(key.encode("utf-8")).hexdigest() + "@kit-conseil-budget")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", f"Échéance {creditor} : {eur(row['montant'])}")
        description = f"Paiement de {eur(row['montant'])} à {creditor}."
        if row.get("reste_du") is not None:
            description += f" Reste dû ensuite : {eur(row['reste_du'])}."
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        if rappel_jours:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Échéance {creditor} dans {how_many(rappel_jours, 'jour', 'jours')}")
            alarm.add("trigger", dt.timedelta(days=-rappel_jours))
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def write_ics(plan: Result | dict, path: str | Path, **options) -> Path:
    """Write the plan to ``path`` (.ics) and return the path."""
    path = Path(path)
    path.write_bytes(plan_to_ics(plan, **options))
    return path
