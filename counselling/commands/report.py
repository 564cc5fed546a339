"""``counselling report``: the activity figures of a period as CSV, Excel or PDF.

Example::

    counselling report --from 2026-01-01 --to 2026-12-31 --site "PIMMS Meaux" \\
        --partner "Fournisseur A" --format pdf --output bilan.pdf
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..formatting import how_many

FORMATS = ("csv", "xlsx", "pdf")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report", help="bilan d'activité d'une période (CSV, Excel ou PDF)",
        description="Bilan d'activité d'une période : personnes reçues, actes, motifs, résultats, ateliers, "
                    "taux de contact de la médiation sortante, par mois, site et partenaire ; phrase du bilan "
                    "annuel pour un partenaire.")
    parser.add_argument("--from", dest="start", required=True, metavar="DATE", help="premier jour (JJ/MM/AAAA ou AAAA-MM-JJ)")
    parser.add_argument("--to", dest="end", required=True, metavar="DATE", help="dernier jour (inclus)")
    parser.add_argument("--site", default=None, help="un seul site (par défaut : tous)")
    parser.add_argument("--partner", default=None, help="un seul partenaire (par défaut : tous)")
    parser.add_argument("--format", choices=FORMATS, default="csv", help="csv, xlsx ou pdf (défaut : csv)")
    parser.add_argument("--output", "-o", default=None,
                        help="fichier à écrire (par défaut : bilan_activite_DEBUT_FIN.<format>)")
    parser.add_argument("--db", default=None, help="base à lire (par défaut : COUNSELLING_DB)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..activity.report import activity_report, partner_review
    from ..storage import Store

    with Store(args.db) as store:
        report = activity_report(store, args.start, args.end, site=args.site, partner=args.partner)
    output = Path(args.output or f"bilan_activite_{report.start:%Y%m%d}_{report.end:%Y%m%d}.{args.format}")
    if args.format == "csv":
        from ..exports.activite import write_csv

        write_csv(report, output)
    elif args.format == "xlsx":
        from ..exports.activite import write_xlsx

        write_xlsx(report, output)
    else:
        from ..documents.activite import activity_document

        activity_document(report, on=dt.date.today()).write_pdf(output)
    review = partner_review(report)
    print(f"Bilan {report.period_text()} : {how_many(report.totals['actes'], 'acte', 'actes')}, "
          f"{how_many(report.totals['personnes'], 'personne reçue', 'personnes reçues')}.")
    if review:
        print(f"Bilan : {review}.")
    print(f"Écrit : {output}", file=sys.stdout)
    return 0
