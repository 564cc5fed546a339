"""Dashboard « Bilan d'activité »: choose a period, a site and a partner,
read the figures (people received, acts, workshops, contact rate, each
outcome), the review sentence, the monthly chart and the tables; download
them as CSV or Excel. No calculation here: :mod:`counselling.activity.report`
counts, :mod:`counselling.exports.activite` lays out the tables."""

from __future__ import annotations

import datetime as dt
import io

import ipywidgets as w

from ..activity.report import activity_report, partner_review, partners, sites
from ..charts.activite import monthly_chart, outcomes_chart
from ..exports.activite import TOTAL_LABELS, report_tables, write_csv, write_xlsx
from ..formatting import number, percent
from .kit import DateInput, choice
from .common import STYLE, ErrorPanel, download_link, esc, figure_html, guarded, table_html

ALL_SITES = "Tous les sites"
ALL_PARTNERS = "Tous les partenaires"
NO_PARTNER = "(sans partenaire)"
CARDS = ("personnes", "actes", "ateliers", "participants")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value) -> str:
    return number(value) if isinstance(value, int) or hasattr(value, "dtype") else str(value)


class ActivityView:
    """Period, site, partner, « Afficher le bilan », figures, chart, tables, downloads."""

    def __init__(self, store=None, today: dt.date | None = None):
        from ..storage import Store

        today = today or dt.date.today()
        self.store = store or Store()
        self.errors = ErrorPanel("act-erreur")
        self.start = DateInput("Du", "debut", css="act-debut", value=dt.date(today.year, 1, 1))
        self.end = DateInput("Au (inclus)", "fin", css="act-fin", value=today)
        self.site = w.Dropdown(options=[ALL_SITES, *sites(self.store)], value=ALL_SITES)
        self.partner = w.Dropdown(options=[ALL_PARTNERS, NO_PARTNER, *partners(self.store)], value=ALL_PARTNERS)
        self.button = w.Button(description="Afficher le bilan", button_style="primary",
                               layout=w.Layout(width="220px"))
        self.button.add_class("act-afficher")
        self.summary, self.review, self.chart, self.tables, self.downloads = (w.HTML() for _ in range(5))
        for widget, css in ((self.summary, "act-synthese"), (self.review, "act-phrase"), (self.chart, "act-graphe"),
                            (self.tables, "act-tableaux"), (self.downloads, "act-telecharger")):
            widget.add_class(css)
        self.result_box = w.VBox([self.summary, self.review, self.chart, self.tables, self.downloads],
                                 layout=w.Layout(display="none"))
        self._show = guarded(self.errors, on_error=self._hide)(self._show_unguarded)
        self.button.on_click(lambda _b: self._show())
        self.widget = w.VBox([
            w.HTML(STYLE),
            w.HBox([self.start, self.end,
                    choice(self.site, "Site", "act-site"), choice(self.partner, "Partenaire", "act-partenaire")],
                   layout=w.Layout(flex_flow="row wrap")),
            self.button, self.errors, self.result_box])

    def _hide(self) -> None:
        self.result_box.layout.display = "none"

    def _partner(self):
        if self.partner.value == ALL_PARTNERS:
            return None
        return "" if self.partner.value == NO_PARTNER else self.partner.value

    def _show_unguarded(self) -> None:
        site = None if self.site.value == ALL_SITES else self.site.value
        report = activity_report(self.store, self.start.required(), self.end.required(), site=site,
                                 partner=self._partner())
        self.report = report
        cards = "".join(
            f'<div class="ck-card" style="display:inline-block;margin:0 12px 8px 0;min-width:180px">'
            f'<div style="font-size:1.6em;font-weight:700">{esc(number(report.totals[k]))}</div>'
            f"<div>{esc(TOTAL_LABELS[k])}</div></div>" for k in CARDS)
        rate = "—" if report.contact_rate is None else percent(report.contact_rate)
        cards += (f'<div class="ck-card" style="display:inline-block;margin:0 12px 8px 0;min-width:180px">'
                  f'<div style="font-size:1.6em;font-weight:700">{esc(rate)}</div>'
                  f"<div>Taux de contact de la médiation sortante "
                  f"({esc(number(report.totals['joints']))} / {esc(number(report.totals['tentatives']))})</div></div>")
        self.summary.value = f"<h3>Bilan {esc(report.period_text())}</h3>{cards}"
        sentence = partner_review(report)
        self.review.value = (f'<div class="ck-card"><b>Phrase du bilan :</b> {esc(sentence)}.</div>' if sentence
                             else "<p>Aucun résultat noté sur cette période.</p>")
        self.chart.value = (figure_html(monthly_chart(report), "Actes et personnes reçues par mois")
                            + figure_html(outcomes_chart(report), "Résultats obtenus"))
        parts = []
        for name, table in report_tables(report).items():
            if name == "Synthèse":
                continue
            rows = [[_cell(v) for v in row] for row in table.itertuples(index=False)]
            parts.append(f"<h3>{esc(name)}</h3>" + table_html([str(c) for c in table.columns], rows,
                                                             "act-" + name.lower().replace(" ", "-")
                                                             .replace("'", "")))
        self.tables.value = "".join(parts)
        csv_data, xlsx_data = io.BytesIO(), io.BytesIO()
        write_csv(report, csv_data)
        write_xlsx(report, xlsx_data)
        stem = f"bilan_activite_{report.start:%Y%m%d}_{report.end:%Y%m%d}"
        self.downloads.value = (download_link(csv_data.getvalue(), f"{stem}.csv", "Télécharger (CSV)")
                                + " &nbsp; " + download_link(xlsx_data.getvalue(), f"{stem}.xlsx",
                                                             "Télécharger (Excel)", mime=XLSX)
                                + '<p class="ck-ref">Le PDF : commande « counselling report --format pdf ».</p>')
        self.result_box.layout.display = None


def show(store=None) -> w.Widget:
    """Build the « Bilan d'activité » dashboard (called by the notebook)."""
    return ActivityView(store).widget
