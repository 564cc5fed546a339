"""The activity report as a document (PDF through WeasyPrint)."""

from __future__ import annotations

import datetime as dt

from .render import Document, render
from .settings import Structure


PDF_MONTHLY = ("Mois", "Actes", "Personnes reçues", "Ateliers", "Participants", "Tentatives de contact",
               "Personnes jointes")


def activity_document(report, *, on: dt.date | None = None, structure: Structure | None = None,
                      title: str | None = None) -> Document:
    """Summary, the yearly review sentence, the monthly chart, then the
    tables (per month, site, partner, reasons, outcomes, kinds)."""
    from ..activity.report import partner_review
    from ..charts.activite import monthly_chart, png_data_uri
    from ..exports.activite import report_tables

    tables = report_tables(report, short=True)
    monthly = tables["Par mois"]
    tables["Par mois"] = monthly[[c for c in PDF_MONTHLY if c in monthly.columns]]
    summary = [tuple(row) for row in tables.pop("Synthèse").itertuples(index=False)][3:]
    title = title or "Bilan d'activité"
    return render("activite.html", {"report": report, "review": partner_review(report), "summary": summary,
                                    "tables": list(tables.items()), "chart": png_data_uri(monthly_chart(report)),
                                    "reference": None},
                  kind="bilan_activite", title=title, on=on, scales_on=on or dt.date.today(), structure=structure)
