"""``counselling dossiers …``: list, export, import, erase and purge dossiers.

For the person who runs a site (or a network of sites): moving a dossier
between sites, answering a request for access or erasure, applying the
retention period. Uses ``COUNSELLING_DB`` like the pages (or ``--base``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from ..errors import CounsellingError
from ..formatting import date_short, how_many

DESCRIPTION = """\
Gérer les dossiers enregistrés : lister, exporter, importer, effacer, purger.

La base est celle de COUNSELLING_DB (chemin d'un fichier SQLite ou adresse
postgresql+psycopg://utilisateur@serveur/base), sinon le fichier du dossier de
données de l'utilisateur ; --base en choisit une autre. Chaque action est
notée dans le journal de la base au nom de l'utilisateur (JUPYTERHUB_USER ou
compte système)."""


def register(subparsers) -> None:
    group = subparsers.add_parser("dossiers", help="gérer les dossiers enregistrés (données personnelles)",
                                  description=DESCRIPTION)
    group.add_argument("--base", metavar="FICHIER_OU_ADRESSE",
                       help="base à utiliser à la place de COUNSELLING_DB")
    actions = group.add_subparsers(title="actions", metavar="ACTION", dest="action")
    actions.required = True

    p = actions.add_parser("list", help="lister les dossiers (référence, nom s'il a été noté, dernier acte)",
                           description="Lister les dossiers, le dernier enregistré en premier.")
    p.add_argument("texte", nargs="?", help="ne garder que les dossiers dont la référence ou le nom commence ainsi")
    p.set_defaults(func=list_dossiers)

    p = actions.add_parser("export", help="exporter un dossier en JSON lisible (tous les champs)",
                           description="Écrire un dossier en JSON lisible, avec tous ses champs "
                                       "(demande d'accès de la personne, passage à une autre structure).")
    p.add_argument("reference", metavar="REF", help="référence du dossier (ex. 2026-K7M3Q)")
    p.add_argument("-o", "--fichier", metavar="FICHIER",
                   help="fichier à écrire (lisible par vous seul) ; sans lui, le JSON s'affiche")
    p.set_defaults(func=export_dossier)

    p = actions.add_parser("import", help="importer un dossier exporté ailleurs (fichier JSON)",
                           description="Enregistrer dans cette base un dossier exporté par le kit ailleurs. "
                                       "Une référence déjà présente est refusée, sauf avec --nouvelle-reference.")
    p.add_argument("fichier", metavar="FICHIER", help="fichier JSON produit par « counselling dossiers export »")
    p.add_argument("--nouvelle-reference", action="store_true",
                   help="donner au dossier une nouvelle référence (l'ancienne n'est pas gardée)")
    p.set_defaults(func=import_dossier)

    p = actions.add_parser("erase", help="effacer définitivement un dossier et son journal",
                           description="Effacer définitivement un dossier, son journal compris ; "
                                       "le texte effacé est écrasé dans le fichier de la base.")
    p.add_argument("reference", metavar="REF", help="référence du dossier")
    p.add_argument("--oui", action="store_true", help="ne pas demander de confirmation")
    p.set_defaults(func=erase_dossier)

    p = actions.add_parser("purge", help="effacer les dossiers sans acte depuis une date",
                           description="Effacer définitivement les dossiers dont le dernier acte "
                                       "(ou la création) est antérieur à la date donnée. Sans --before : "
                                       "la durée de conservation configurée (COUNSELLING_RETENTION_MONTHS, "
                                       "sinon la durée recommandée par la CNIL : voir docs/dossiers.md).")
    p.add_argument("--before", metavar="DATE", help="date limite (JJ/MM/AAAA ou AAAA-MM-JJ), exclue")
    p.add_argument("--oui", action="store_true", help="ne pas demander de confirmation")
    p.set_defaults(func=purge_dossiers)


# --------------------------------------------------------------------------- helpers


def _store(args):
    from ..storage import Store

    return Store(args.base)


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise CounsellingError("Confirmation nécessaire : relancez la commande avec --oui "
                               "(aucun terminal pour la demander).")
    answer = input(f"{question} Tapez « oui » pour confirmer : ").strip().lower()
    return answer == "oui"


def _line(summary) -> str:
    return (f"{summary.reference:<12} {(summary.name or '—')[:32]:<32} {(summary.site or '—')[:20]:<20} "
            f"{date_short(summary.last_act):<10}  v{summary.version}")


# --------------------------------------------------------------------------- actions


def list_dossiers(args) -> int:
    with _store(args) as store:
        found = store.find(args.texte, limit=1_000_000) if args.texte else store.list()
    if not found:
        print("Aucun dossier." if not args.texte else f"Aucun dossier pour « {args.texte} ».")
        return 0
    print(f"{'Référence':<12} {'Nom':<32} {'Site':<20} {'Dern. acte':<10}  Version")
    for summary in found:
        print(_line(summary))
    print(how_many(len(found), "dossier", "dossiers") + ".")
    return 0


def export_dossier(args) -> int:
    from ..storage import current_user

    with _store(args) as store:
        text = store.export(args.reference, by=current_user())
    if not args.fichier:
        sys.stdout.write(text)
        return 0
    path = Path(args.fichier)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as error:
        raise CounsellingError(f"Impossible d'écrire le fichier {path} ({error.strerror}). "
                               "Choisissez un dossier où vous pouvez écrire.") from None
    print(f"Dossier {args.reference} exporté dans {path} (données personnelles : à garder en lieu sûr).")
    return 0


def import_dossier(args) -> int:
    from ..storage import current_user

    path = Path(args.fichier)
    try:
        text = path.read_bytes()
    except OSError as error:
        raise CounsellingError(f"Impossible de lire le fichier {path} ({error.strerror}). "
                               "Vérifiez le chemin du fichier exporté.") from None
    with _store(args) as store:
        reference = store.import_(text, by=current_user(), new_reference=args.nouvelle_reference)
    print(f"Dossier importé sous la référence {reference}.")
    return 0


def erase_dossier(args) -> int:
    from ..storage import current_user

    with _store(args) as store:
        stored = store.find(args.reference, limit=2)
        exact = [s for s in stored if s.reference == args.reference.strip().upper()]
        label = f"{exact[0].reference} ({exact[0].name})" if exact and exact[0].name else args.reference
        if exact and not _confirm(f"Effacer définitivement le dossier {label} et son journal ?", args.oui):
            print("Rien n'a été effacé.")
            return 1
        store.erase(args.reference.strip().upper() if exact else args.reference, by=current_user())
    print(f"Dossier {args.reference} effacé, journal compris.")
    return 0


def purge_dossiers(args) -> int:
    from ..inputs import parse_date
    from ..storage import current_user, purge_limit

    before = parse_date(args.before, "before", "Date limite (--before)") if args.before else purge_limit()
    with _store(args) as store:
        stale = store.stale(before)
        if not stale:
            print(f"Aucun dossier sans acte depuis le {before:%d/%m/%Y}.")
            return 0
        for summary in stale:
            print(_line(summary))
        which = "ce dossier" if len(stale) == 1 else f"ces {how_many(len(stale), 'dossier', 'dossiers')}"
        if not _confirm(f"Effacer définitivement {which} "
                        f"(aucun acte depuis le {before:%d/%m/%Y}) ?", args.oui):
            print("Rien n'a été effacé.")
            return 1
        erased = store.purge(before, by=current_user())
    print(f"{how_many(len(erased), 'dossier effacé', 'dossiers effacés')} : aucun acte depuis le {before:%d/%m/%Y}.")
    return 0
