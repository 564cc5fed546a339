"""Dashboard « Éco-gestes » for workshops (large fonts): household profile,
price per kWh → gestures ranked by saving, a chosen set combined without
double counting, and a chart."""

from __future__ import annotations

import datetime as dt
import io

import ipywidgets as w

from ..calculators.ecogestes import ecogestes
from ..charts import workshop_style
from ..charts.ecogestes import savings_chart
from ..ecogestes_data import catalogue
from ..formatting import eur, how_many, number
from ..results import Result
from .common import ErrorPanel, esc, guarded
from .kit import Live, NumberInput, ResultCard, WorkshopToggle, choice, headline_html, page

ENERGY_CHOICES = [("Je ne sais pas", ""), ("Électricité", "electricite"), ("Gaz", "gaz"),
                  ("Autre (fioul, bois, réseau…)", "autre"), ("Aucun", "aucun")]
COOKING_CHOICES = [("Électricité", "electricite"), ("Gaz", "gaz")]
DWELLING_CHOICES = [("Je ne sais pas", ""), ("Appartement", "appartement"), ("Maison", "maison")]
ECO_STYLE = """
<style>
.eco-vue { font-size: 1.25em; }
.eco-vue input, .eco-vue select, .eco-vue .widget-label, .eco-vue label { font-size: 1.1em; }
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
        self.personnes = NumberInput("Nombre de personnes", "personnes", "int", css="eco-personnes")
        self.personnes.value = 2
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
        self.conso_chauffage = NumberInput("Chauffage : consommation par an (si connue)", "conso_chauffage",
                                           "decimal", unit="kWh", css="eco-conso-chauffage", placeholder="ex. 6 000",
                                           help="Sur la facture annuelle. Sinon, une consommation type est estimée.")
        self.conso_eau = NumberInput("Eau chaude : consommation par an (si connue)", "conso_eau", "decimal",
                                     unit="kWh", css="eco-conso-eau", placeholder="ex. 2 000")
        self.prix = NumberInput("Prix du kWh d'électricité", "prix_electricite", "decimal", unit="€",
                                css="eco-prix", placeholder="ex. 0,1940",
                                help="Sur la facture. Sinon, le prix réglementé par défaut est utilisé.")
        self.prix_gaz = NumberInput("Prix du kWh de gaz", "prix_gaz", "decimal", unit="€", css="eco-prix-gaz",
                                    placeholder="ex. 0,1050", help="Sur la facture de gaz.")
        self.choices = {code: w.Checkbox(value=False, indent=False, layout=w.Layout(width="32px"))
                        for code in cat.gestes}
        for code, box in self.choices.items():
            box.add_class(f"eco-choix-{code}")

        self.workshop = WorkshopToggle("eco-atelier")
        form = [
            w.HBox([self.personnes,
                    choice(self.logement, "Logement", "eco-logement"),
                    choice(self.chauffage, "Chauffage", "eco-chauffage"),
                    choice(self.eau_chaude, "Eau chaude", "eco-eau-chaude"),
                    choice(self.cuisson, "Cuisson", "eco-cuisson")], layout=w.Layout(flex_flow="row wrap")),
            w.HBox([self.prix, self.prix_gaz, self.conso_chauffage, self.conso_eau],
                   layout=w.Layout(flex_flow="row wrap")),
            w.HTML("<b>Appareils du logement</b>"),
            w.HBox(list(self.appareils.values()), layout=w.Layout(flex_flow="row wrap")),
        ]

        self.errors = ErrorPanel("eco-erreur")
        self.ranking = w.VBox([])
        self.ranking.add_class("eco-classement")
        self.chart = w.Image(format="png", layout=w.Layout(max_width="100%"))
        self.chart.add_class("eco-graphique")
        self.card = ResultCard("eco-total", warnings_css="eco-avertissements",
                               steps=[("Comment est-ce calculé ?", "eco-explication")], details_css="eco-details",
                               between=[w.HTML("<h3>Les gestes, du plus au moins rentable — cochez ceux que le "
                                               "foyer choisit</h3>"), self.ranking, self.chart])
        self.total, self.warnings, self.explanation = self.card.headline, self.card.warnings, self.card.steps[0]
        self.result_box = self.card
        self.widget = page("eco-vue", form, [self.errors, self.card], intro=[self.workshop], extra_style=ECO_STYLE)
        self.workshop.attach(self.widget)
        self.last_result: Result | None = None
        self._rows: dict[str, w.HBox] = {}
        self._left_out = w.HTML()
        self._chart_for = None  # what the chart shown was drawn from

        self._compute = guarded(self.errors, on_error=self._hide_result)(self._compute_unguarded)
        self.live = Live(self._compute, marks=[self.card]).watch(
            self.personnes, self.logement, self.chauffage, self.eau_chaude, self.cuisson, self.conso_chauffage,
            self.conso_eau, self.prix, self.prix_gaz, *self.appareils.values(), *self.choices.values())
        self.workshop.on_change(lambda _on: self.live.changed())
        self._compute()

        self._paper()

    def _paper(self) -> None:
        from ..documents import builders
        from .paper import DocumentButtons, attach, nothing_yet

        def sheet():
            if self.last_result is None:
                raise nothing_yet("le foyer saisi (nombre de personnes)")
            return [builders.ecogestes_handout(self.last_result)]

        attach(self.widget, DocumentButtons([("Fiche éco-gestes à emporter", "eco-doc", sheet)], "eco",
                                            settle=[self.live]))

    def _line(self, code: str) -> w.HBox:
        """The ranking line of a gesture: its checkbox and its text."""
        if code not in self._rows:
            text = w.HTML()
            text.add_class(f"eco-geste-{code}")
            self._rows[code] = w.HBox([self.choices[code], text])
        return self._rows[code]

    def _hide_result(self) -> None:
        self.card.hide()
        self.last_result = None

    def _compute_unguarded(self) -> None:
        consumptions = {usage: field.parsed() for usage, field in
                        (("chauffage", self.conso_chauffage), ("eau_chaude", self.conso_eau)) if not field.blank()}
        prices = {energy: field.parsed() for energy, field in
                  (("electricite", self.prix), ("gaz", self.prix_gaz)) if not field.blank()}
        result = ecogestes(
            self.personnes.parsed(), logement=self.logement.value or None,
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
            self.total.value = headline_html(
                euros, f"soit {number(combination['economie_kwh'], 0)} kWh par an (les gestes sur un même usage "
                "ne s'additionnent pas : ils se combinent).",
                before=f"Avec {how_many(len(combination['gestes']), 'geste choisi', 'gestes choisis')}, le foyer "
                       "peut économiser environ")
        source = "facture du foyer" if not self.prix.blank() else "prix par défaut, voir l'avertissement"
        self.total.value += (f'<div class="ck-sub eco-prix-utilise">Prix du kWh d\'électricité utilisé : '
                             f'{esc(number(v["prix"]["electricite"], 4))} € par kWh ({esc(source)})</div>')
        rows = []
        for row in v["gestes"]:
            if not row["applicable"]:
                continue
            euros = (f'<b class="eco-eur">{esc(eur(row["economie_euros"]))}</b> par an'
                     if row["economie_euros"] is not None else esc(row["motif"] or ""))
            line = self._line(row["code"])  # widgets made once, their text updated
            line.children[1].value = (f'<div class="eco-rang">{esc(row["label"])} — {euros} '
                                      f'({esc(number(row["economie_kwh"], 0))} kWh)</div>')
            rows.append(line)
        left_out = [r for r in v["gestes"] if not r["applicable"]]
        self._left_out.value = ('<div class="ck-ref">Non chiffrés ici : ' + esc(", ".join(
            f"{r['label']} ({r['motif']})" for r in left_out)) + "</div>") if left_out else ""
        rows.append(self._left_out)
        if tuple(rows) != self.ranking.children:
            self.ranking.children = rows
        workshop = self.workshop.value
        drawn = (workshop, tuple((r["code"], r["economie_euros"], r["economie_kwh"]) for r in v["gestes"]
                                 if r["applicable"]))
        if drawn != self._chart_for:  # ticking a gesture changes the total, not the chart
            with workshop_style(workshop):
                figure = savings_chart(result, workshop=workshop)
                buffer = io.BytesIO()
                figure.savefig(buffer, format="png", dpi=90, pil_kwargs={"compress_level": 1})  # fast to encode
            self.chart.value = buffer.getvalue()
            self._chart_for = drawn
        self.card.show(result)


def show() -> w.Widget:
    """Build the « Éco-gestes » dashboard (called by the notebook)."""
    return EcogestesView().widget
