"""iCalendar export: one event per payment, on the right day, readable back."""

from __future__ import annotations

import datetime as dt

import icalendar

from counselling.calculators.echeancier import echeancier
from counselling.calculators.plan import plan_creanciers
from counselling.exports.icalendar import plan_to_ics, write_ics

TODAY = dt.date(2026, 11, 23)
STAMP = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone.utc)


def test_one_event_per_instalment(tmp_path):
    plan = echeancier(1000, "2027-01-31", TODAY, nombre_echeances=3, creancier="EDF")
    path = write_ics(plan, tmp_path / "plan.ics", stamp=STAMP)
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    assert [e.decoded("dtstart") for e in events] == [dt.date(2027, 1, 31), dt.date(2027, 2, 28),
                                                      dt.date(2027, 3, 31)]
    assert "EDF" in str(events[0]["summary"]) and "333,33" in str(events[0]["summary"])
    assert len({str(e["uid"]) for e in events}) == 3


def test_multi_creditor_plan_and_stable_output():
    plan = plan_creanciers([{"creancier": "EDF", "montant": 200, "nature": "energie"},
                            {"creancier": "Bailleur", "montant": 100, "nature": "loyer"}], 100, "2026-12-05", TODAY)
    first = plan_to_ics(plan, stamp=STAMP, rappel_jours=None)
    assert first == plan_to_ics(plan, stamp=STAMP, rappel_jours=None)
    cal = icalendar.Calendar.from_ical(first)
    assert len(list(cal.walk("VEVENT"))) == sum(c["nombre_echeances"] for c in plan["creanciers"])
    assert not list(cal.walk("VALARM"))


def test_the_reminder_says_one_day_or_several_days():
    plan = echeancier(100, "2027-01-31", TODAY, nombre_echeances=1, creancier="EDF")
    said = {days: [str(a["description"]) for a in icalendar.Calendar.from_ical(
        plan_to_ics(plan, stamp=STAMP, rappel_jours=days)).walk("VALARM")] for days in (1, 3)}
    assert said == {1: ["Échéance EDF dans 1 jour"], 3: ["Échéance EDF dans 3 jours"]}
