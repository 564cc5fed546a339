"""Dashboard « Éco-gestes » for workshops (large fonts): household profile,
price per kWh → gestures ranked by saving, a chosen set combined without
double counting, and a chart."""

from __future__ import annotations

import datetime as dt
import io

import ipywidgets as w

from ..calculators.ecogestes import ecogestes
from ..charts.ecogestes import savings_chart
from ..ecogestes_data import catalogue
from ..formatting import eur, number
from ..results import Result
from .common import STYLE, ErrorPanel, esc, guarded, labelled, steps_html, warnings_html

ENERGY_CHOICES = [("Je ne sais pas", ""), ("Électricité", "electricite"), ("Gaz", "gaz"),
                  ("Autre (fioul, bois, réseau…)", "autre"), ("Aucun", "aucun")]
COOKING_CHOICES = [("Électricité", "electricite"), ("Gaz", "gaz")]
DWELLING_CHOICES = [("Je ne sais pas", ""), ("Appartement", "appartement"), ("Maison", "maison")]
ECO_STYLE = """
<style>
.eco-vue { font-size: 1.25em; }
.eco-vue input, .eco-vue select, .eco-vue .widget-label, .eco-vue label { font-size: 1.1em !important; }
.eco-vue .widget-checkbox { width: auto !important; }
.eco-vue input[type=checkbox] { transform: scale(1.6); margin: 8px !important; }
.eco-rang { font-size: 1.05em; padding: 6px 0; border-bottom: 1px solid #e1e4e8; }
.eco-rang b.eco-eur { color: #1b5e20; font-size: 1.2em; }
</style>
"""


class EcogestesView:
    """The form, the ranked gestures with their checkboxes, the combined saving."""

    def __init__(self, today: dt.date | None = None):
        self.today = today or dt.date.today()
        self.personnes = w.IntText(value=2)
        self.logement = w.Dropdown(options=DWELLING_CHOICES, value="")
        self.chauffage = w.Dropdown(options=ENERGY_CHOICES, value="")
        self.eau_chaude = w.Dropdown(options=ENERGY_CHOICES, value="")
        self.cuisson = w.Dropdown(options=COOKING_CHOICES, value="electricite")
        cat = catalogue()
        self.appareils = {code: w.Checkbox(value=False, description=a.label, indent=False,
                                           layout=w.Layout(width="auto"))
                          for code, a in cat.appareils.items()}
        for code, box in self.appareils.items():
            box.add_class(f"eco-appareil-{code}")
        self.conso_chauffage = w.Text(placeholder="ex. 6 000", continuous_update=False)
        self.conso_eau = w.Text(placeholder="ex. 2 000", continuous_update=False)
        self.prix = w.Text(placeholder="ex. 0,1940", continuous_update=False)
        self.prix_gaz = w.Text(placeholder="ex. 0,1050", continuous_update=False)
        self.choices = {code: w.Checkbox(value=False, indent=False, layout=w.Layout(width="32px"))
                        for code in cat.gestes}
        for code, box in self.choices.items():
            box.add_class(f"eco-choix-{code}")

        form = w.VBox([
            w.HBox([
                labelled(self.personnes, "Nombre de personnes", "eco-personnes"),
                labelled(self.logement, "Logement", "eco-logement"),
                labelled(self.chauffage, "Chauffage", "eco-chauffage"),
                labelled(self.eau_chaude, "Eau chaude", "eco-eau-chaude"),
                labelled(self.cuisson, "Cuisson", "eco-cuisson"),
            ], layout=w.Layout(flex_flow="row wrap")),
            w.HBox([
                labelled(self.prix, "Prix du kWh d'électricité (€)", "eco-prix",
                         "Sur la facture. Sinon, le prix réglementé par défaut est utilisé."),
                labelled(self.prix_gaz, "Prix du kWh de gaz (€)", "eco-prix-gaz", "Sur la facture de gaz."),
                labelled(self.conso_chauffage, "Chauffage : kWh par an (si connu)", "eco-conso-chauffage",
                         "Sur la facture annuelle. Sinon, une consommation type est estimée."),
                labelled(self.conso_eau, "Eau chaude : kWh par an (si connu)", "eco-conso-eau"),
            ], layout=w.Layout(flex_flow="row wrap")),
            w.HTML("<b>Appareils du logement</b>"),
            w.HBox(list(self.appareils.values()), layout=w.Layout(flex_flow="row wrap")),
        ])

        self.errors = ErrorPanel("eco-erreur")
        self.total = w.HTML()
        self.total.add_class("eco-total")
        self.ranking = w.VBox([])
        self.ranking.add_class("eco-classement")
        self.chart = w.Image(format="png", layout=w.Layout(max_width="900px"))
        self.chart.add_class("eco-graphique")
        self.warnings = w.HTML()
        self.warnings.add_class("eco-avertissements")
        self.explanation = w.HTML()
        self.explanation.add_class("eco-explication")
        details = w.Accordion(children=[self.explanation])
        details.set_title(0, "Comment est-ce calculé ?")
        details.add_class("eco-details")
        self.result_box = w.VBox([
            self.total,
            w.HTML("<h3>Les gestes, du plus au moins rentable — cochez ceux que le foyer choisit</h3>"),
            self.ranking, self.chart, self.warnings, details])
        self.result_box.layout.display = "none"

        self.widget = w.VBox([w.HTML(STYLE + ECO_STYLE), form, self.errors, self.result_box])
        self.widget.add_class("eco-vue")
        self.last_result: Result | None = None
        self._rows: dict[str, w.HTML] = {}

        self._compute = guarded(self.errors, on_error=self._hide_result)(self._compute_unguarded)
        controls = [self.personnes, self.logement, self.chauffage, self.eau_chaude, self.cuisson,
                    self.conso_chauffage, self.conso_eau, self.prix, self.prix_gaz,
                    *self.appareils.values(), *self.choices.values()]
        for control in controls:
            control.observe(lambda _change: self._compute(), names="value")
        self._compute()

    def _hide_result(self) -> None:
        self.result_box.layout.display = "none"
        self.last_result = None

    def _compute_unguarded(self) -> None:
        consumptions = {}
        if self.conso_chauffage.value.strip():
            consumptions["chauffage"] = self.conso_chauffage.value
        if self.conso_eau.value.strip():
            consumptions["eau_chaude"] = self.conso_eau.value
        prices = {}
        if self.prix.value.strip():
            prices["electricite"] = self.prix.value
        if self.prix_gaz.value.strip():
            prices["gaz"] = self.prix_gaz.value
        result = ecogestes(
            self.personnes.value, logement=self.logement.value or None,
            energie_chauffage=self.chauffage.value or None, energie_eau_chaude=self.eau_chaude.value or None,
            energie_cuisson=self.cuisson.value,
            appareils=[code for code, box in self.appareils.items() if box.value],
            consommations=consumptions, prix_kwh=prices or None,
            gestes=[code for code, box in self.choices.items() if box.value] or None, on=self.today)
        self.last_result = result
        self._render(result)

    def _render(self, result: Result) -> None:
        v = result.values
        combination = v["combinaison"]
        if combination is None:
            self.total.value = ('<div class="ck-card"><div class="ck-sub">Cochez un ou plusieurs gestes pour voir '
                                "l'économie de l'ensemble.</div></div>")
        else:
            euros = ("prix du kWh à saisir" if combination["economie_euros"] is None
                     else f"{eur(combination['economie_euros'])} par an")
            self.total.value = (f'<div class="ck-card"><div class="ck-sub">Avec les {len(combination["gestes"])} '
                                f'geste(s) choisi(s), le foyer peut économiser environ</div>'
                                f'<div class="ck-big">{esc(euros)}</div>'
                                f'<div class="ck-sub">soit {esc(number(combination["economie_kwh"], 0))} kWh par an '
                                "(les gestes sur un même usage ne s'additionnent pas : ils se combinent).</div></div>")
        source = "facture du foyer" if self.prix.value.strip() else "prix par défaut, voir l'avertissement"
        self.total.value += (f'<div class="ck-sub eco-prix-utilise">Prix du kWh d\'électricité utilisé : '
                             f'{esc(number(v["prix"]["electricite"], 4))} € par kWh ({esc(source)})</div>')
        rows = []
        for row in v["gestes"]:
            if not row["applicable"]:
                continue
            euros = (f'<b class="eco-eur">{esc(eur(row["economie_euros"]))}</b> par an'
                     if row["economie_euros"] is not None else esc(row["motif"] or ""))
            text = w.HTML(f'<div class="eco-rang">{esc(row["label"])} — {euros} '
                          f'({esc(number(row["economie_kwh"], 0))} kWh)</div>')
            text.add_class(f"eco-geste-{row['code']}")
            rows.append(w.HBox([self.choices[row["code"]], text]))
        left_out = [r for r in v["gestes"] if not r["applicable"]]
        if left_out:
            rows.append(w.HTML('<div class="ck-ref">Non chiffrés ici : ' + esc(", ".join(
                f"{r['label']} ({r['motif']})" for r in left_out)) + "</div>"))
        self.ranking.children = rows
        figure = savings_chart(result)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")  # long French labels
        self.chart.value = buffer.getvalue()
        self.warnings.value = warnings_html(result)
        self.explanation.value = steps_html(result)
        self.result_box.layout.display = None


def show() -> w.Widget:
    """Build the « Éco-gestes » dashboard (called by the notebook)."""
    return EcogestesView().widget
