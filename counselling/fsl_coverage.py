"""Coverage of the FSL files: what the kit knows for each territory.

``python -m counselling.fsl_coverage`` (or ``make fsl-coverage``) prints a
Markdown table: territory, règlement in force (date of effect, flagged when it
was more than three years old on the day the file was verified), what is
known (resource ceilings, aid caps, conditions, contact, how to apply) and
what stays « à vérifier ». ``--doc PATH`` also writes it to
``docs/fsl-couverture.md`` (the test suite checks that file is up to date).

Every département (01–95, 2A, 2B, 971–976) is listed, with or without a file;
métropoles are listed when they have their own file. The table depends only
on the files, never on the day it is printed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from . import fsl_rules, territories
from .calculators.fsl import AGE_LIMIT_YEARS, years_before
from .formatting import date_fr, listed

KNOWN, UNKNOWN = "✔", "—"
VOLET_WORDS = {"acces": "accès", "maintien": "maintien", "energie": "énergie", "eau": "eau",
               "telephone": "téléphone"}


@dataclass(frozen=True)
class Coverage:
    """What the kit knows about one territory's FSL."""

    code: str
    nom: str
    has_file: bool
    reglement_du: str = ""
    ancien: bool = False
    plafonds: bool = False
    aides: bool = False
    conditions: bool = False
    contact: bool = False
    demande: bool = False
    page: bool = False
    a_verifier: tuple[str, ...] = ()


def expected_codes() -> list[str]:
    """Every département the kit must cover: 01–95, 2A, 2B, 971–976."""
    return sorted(territories.departements(), key=_order)


def missing_codes() -> list[str]:
    """Départements with no file ``tariffs/fsl/<code>.yaml`` (a métropole
    twin alone does not cover its département)."""
    known = set(fsl_rules.known_codes())
    return [code for code in expected_codes() if code not in known]


def _order(code: str) -> tuple:
    base = code.rstrip("M")
    number = {"2A": 20.1, "2B": 20.2}.get(base) or float(base)
    return number, code.endswith("M")


def coverage_of(code: str) -> Coverage:
    """Coverage of one territory (its latest règlement)."""
    if code not in fsl_rules.known_codes():
        return Coverage(code, territories.territory_name(code), False, a_verifier=("aucun fichier",))
    file = fsl_rules.fsl_file(code)
    effective = max(file.versions)
    version = file.versions[effective]
    volets = version.volets.values()
    ceilings = [version.plafond_ressources] + [v.plafond_ressources for v in volets if v.plafond_ressources]
    plafonds = any(c.type != "non_public" for c in ceilings)
    aides = any(v.aide is not None and (v.aide.plafond is not None or v.aide.selon_personnes
                                        or v.aide.selon_rang or v.aide.selon_logement_social)
                for v in volets)
    conditions = any(v.conditions or v.frequence is not None for v in volets)
    todo = []
    if not version.date_effet_connue:
        todo.append("date du règlement")
    if not plafonds:
        todo.append("plafonds de ressources")
    if not aides:
        todo.append("montants d'aide")
    unknown_volets = [name for name in fsl_rules.national().volets
                      if name not in version.volets or version.volets[name].finance is None]
    if unknown_volets:
        todo.append(listed((VOLET_WORDS[v] for v in unknown_volets), "volet", "volets", separator=" "))
    if not file.contacts:
        todo.append("contact")
    if file.demande is None:
        todo.append("comment demander")
    if file.page_officielle is None:
        todo.append("page officielle")
    known_date = version.date_effet_connue
    day = date_fr(effective) if known_date else f"date non publiée (retenue : {date_fr(effective)})"
    old = known_date and effective < years_before(file.verified_on, AGE_LIMIT_YEARS)
    return Coverage(code, file.nom, True, day, old, plafonds, aides, conditions, bool(file.contacts),
                    file.demande is not None, file.page_officielle is not None, tuple(todo))


def report() -> list[Coverage]:
    """Every département, and every métropole with its own file, in code order."""
    codes = set(expected_codes()) | set(fsl_rules.known_codes())
    return [coverage_of(code) for code in sorted(codes, key=_order)]


def markdown(rows: list[Coverage] | None = None) -> str:
    """The coverage table in Markdown, with a summary and the missing codes."""
    rows = report() if rows is None else rows
    mark = (lambda flag: KNOWN if flag else UNKNOWN)
    missing = [r.code for r in rows if not r.has_file]
    metros = [r.code for r in rows if r.code.endswith("M") and r.has_file]
    departements = [r for r in rows if not r.code.endswith("M")]
    lines = [
        "# Couverture des règlements FSL",
        "",
        "Généré par `python -m counselling.fsl_coverage --doc docs/fsl-couverture.md` (ou "
        "`make fsl-coverage`) à partir des fichiers `tariffs/fsl/` : ne pas modifier à la main.",
        "",
        f"* Départements avec un fichier : {len(departements) - len(missing)} sur {len(departements)} ; "
        f"métropoles avec leur propre FSL : {len(metros)} ({', '.join(metros) or 'aucune'}).",
        "* Sans fichier : " + (", ".join(missing) if missing else "aucun") + ".",
        "* Sur {n} territoires : contact {c}, comment demander {d}, page officielle {p}, plafonds de ressources "
        "{pl}, montants d'aide {a}, règlement daté {dt}.".format(
            n=len(rows), c=_count(rows, "contact"), d=_count(rows, "demande"), p=_count(rows, "page"),
            pl=_count(rows, "plafonds"), a=_count(rows, "aides"),
            dt=sum(1 for r in rows if r.has_file and "date du règlement" not in r.a_verifier)),
        f"* « ⚠ » : règlement de plus de {AGE_LIMIT_YEARS} ans au jour où le fichier a été vérifié.",
        f"* {KNOWN} connu et sourcé ; {UNKNOWN} non public ou non trouvé (« à vérifier auprès du "
        "département »).",
        "",
        "| Territoire | Règlement en vigueur | Plafonds | Aides | Conditions | Contact | Demande | Page officielle "
        "| À vérifier |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        day = (r.reglement_du + (" ⚠" if r.ancien else "")) if r.has_file else "aucun fichier"
        lines.append(f"| {r.code} — {r.nom} | {day} | {mark(r.plafonds)} | {mark(r.aides)} | "
                     f"{mark(r.conditions)} | {mark(r.contact)} | {mark(r.demande)} | {mark(r.page)} | "
                     f"{', '.join(r.a_verifier) or '—'} |")
    return "\n".join(lines) + "\n"


def _count(rows: list[Coverage], flag: str) -> int:
    return sum(1 for r in rows if getattr(r, flag))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m counselling.fsl_coverage",
                                     description="Couverture des règlements FSL, territoire par territoire.")
    parser.add_argument("--doc", type=Path, help="écrire aussi le tableau dans ce fichier Markdown")
    args = parser.parse_args(argv)
    text = markdown()
    sys.stdout.write(text)
    if args.doc is not None:
        args.doc.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
