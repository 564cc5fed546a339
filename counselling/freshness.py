"""What in ``tariffs/`` is due for checking, by its revision calendar.

``python -m counselling.freshness`` (or ``make freshness``) prints, in French:

* the revisions **en retard**: a scheduled date has passed and the data has
  nothing from it (no value, no « unchanged », no « not_found »): look for
  the new text, then add the value, or record the search;
* the revisions **introuvables**: searched without success; the kit answers
  « à vérifier » for dates after them;
* the values in force known only in part (grid lines marked ``inconnu``);
* the **prochaines révisions**, grouped by date.

Exit status 1 when something is en retard (the test suite runs the same
check: ``tests/test_tariffs.py``), else 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from . import tariffs
from .formatting import date_fr
from .inputs import parse_date


def report_lines(today: dt.date) -> list[str]:
    """The freshness report as French lines."""
    report = tariffs.revisions_report(today)
    late = [r for r in report if r.status == "en_retard"]
    missing = [r for r in report if r.status == "introuvable"]
    upcoming = [r for r in report if r.status == "a_venir"]
    lines = [f"Calendrier de révision des barèmes (tariffs/) au {date_fr(today)}", ""]
    lines.append("En retard : révision passée, rien dans les données, jamais recherchée")
    lines += [f"  - {r.label} ({r.key}) : révision du {date_fr(r.day)} ({r.calendar_text})"
              for r in sorted(late, key=lambda r: (r.day, r.key))] or ["  (aucune)"]
    lines += ["", "Introuvables : recherchées sans succès, le kit répond « à vérifier » après ces dates"]
    lines += [f"  - {r.label} ({r.key}) : révision du {date_fr(r.day)}, recherchée le "
              f"{date_fr(r.searched_on)} — {r.note}"
              for r in sorted(missing, key=lambda r: (r.key, r.day))] or ["  (aucune)"]
    lines += ["", "Valeurs en vigueur connues en partie : le kit répond « à vérifier » pour ces lignes"]
    lines += [f"  - {label} ({key}), grille du {date_fr(day)} — {detail}"
              for key, label, day, detail in tariffs.incomplete_values(today)] or ["  (aucune)"]
    lines += ["", "Prochaines révisions prévues"]
    by_day: dict[dt.date, list[tariffs.Revision]] = {}
    for r in upcoming:
        by_day.setdefault(r.day, []).append(r)
    for day in sorted(by_day):
        lines.append(f"  {date_fr(day)} :")
        lines += [f"    - {r.label} ({r.key}) — {r.calendar_text}" for r in sorted(by_day[day], key=lambda r: r.key)]
    if not by_day:
        lines.append("  (aucune)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m counselling.freshness",
                                     description="Liste les révisions de barèmes dues ou à venir.")
    parser.add_argument("--date", default=None, help="date du contrôle (AAAA-MM-JJ ; par défaut aujourd'hui)")
    args = parser.parse_args(argv)
    today = dt.date.today() if args.date is None else parse_date(args.date, "date", "Date du contrôle")
    print("\n".join(report_lines(today)))
    return 1 if tariffs.overdue(today) else 0


if __name__ == "__main__":
    sys.exit(main())
