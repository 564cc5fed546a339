"""Dashboard « Chèque énergie »: composition, RFR, year → amount, explained."""

from __future__ import annotations

import ipywidgets as w

from ..calculators.cheque_energie import cheque_energie, cheque_protections, cheque_validity, known_years
from ..formatting import date_fr, eur, number
from ..results import Result
from .common import STYLE, ErrorPanel, esc, guarded, labelled, steps_html, warnings_html

HOLDER_CHOICES = [("Je ne sais pas", "inconnu"), ("Oui", "oui"), ("Non", "non")]


class ChequeEnergieView:
    """The form and the result panel. ``widget`` is what the page displays."""

    def __init__(self):
        first, last = known_years()
        default_year = last - 1  # the last year with a verified scale
        self.year = w.Dropdown(options=list(range(last, first - 1, -1)), value=default_year)
        self.rfr = w.Text(placeholder="ex. 12 500", continuous_update=False)
        self.persons = w.IntText(value=1)
        self.alternating = w.IntText(value=0)
        self.holder = w.Dropdown(options=HOLDER_CHOICES, value="inconnu")
        self.issued = w.DatePicker(value=None)
        self.holder_box = labelled(self.holder, "Le foyer est-il titulaire du contrat d'électricité ?",
                                   "ce-titulaire", "Depuis 2025, le chèque va au foyer fiscal titulaire "
                                   "du contrat d'électricité de la résidence principale.")
        form = w.HBox([
            labelled(self.year, "Année du chèque", "ce-annee"),
            labelled(self.rfr, "Revenu fiscal de référence (€)", "ce-rfr",
                     "Sur l'avis d'impôt de l'année N-1 (revenus N-2)."),
            labelled(self.persons, "Nombre de personnes", "ce-personnes"),
            labelled(self.alternating, "dont enfants en résidence alternée", "ce-alternance"),
            self.holder_box,
            labelled(self.issued, "Date d'émission du chèque (si reçu)", "ce-emission"),
        ], layout=w.Layout(flex_flow="row wrap"))

        self.errors = ErrorPanel("ce-erreur")
        self.amount = w.HTML()
        self.amount.add_class("ce-montant")
        self.figures = w.HTML()
        self.figures.add_class("ce-chiffres")
        self.warnings = w.HTML()
        self.warnings.add_class("ce-avertissements")
        self.explanation = w.HTML()
        self.explanation.add_class("ce-explication")
        self.protections = w.HTML()
        self.protections.add_class("ce-protections")
        details = w.Accordion(children=[self.explanation, self.protections])
        details.set_title(0, "Comment est-ce calculé ?")
        details.set_title(1, "Protections du titulaire du chèque")
        details.add_class("ce-details")
        self.result_box = w.VBox([self.amount, self.figures, self.warnings, details])
        self.result_box.layout.display = "none"

        self.widget = w.VBox([w.HTML(STYLE), form, self.errors, self.result_box])
        self.widget.add_class("ce-vue")
        self.last_result: Result | None = None

        self._compute = guarded(self.errors, on_error=self._hide_result)(self._compute_unguarded)
        for control in (self.year, self.rfr, self.persons, self.alternating, self.holder, self.issued):
            control.observe(lambda _change: self._compute(), names="value")
        self._update_holder_visibility()

    def _hide_result(self) -> None:
        self.result_box.layout.display = "none"
        self.last_result = None

    def _update_holder_visibility(self) -> None:
        self.holder_box.layout.display = None if self.year.value >= 2025 else "none"

    def _compute_unguarded(self) -> None:
        self._update_holder_visibility()
        if not self.rfr.value.strip():
            self._hide_result()
            return
        holder = None if self.year.value < 2025 or self.holder.value == "inconnu" else self.holder.value
        result = cheque_energie(self.year.value, self.rfr.value, self.persons.value,
                                self.alternating.value, electricity_contract_holder=holder)
        self.last_result = result
        self._render(result)

    def _render(self, result: Result) -> None:
        v = result.values
        year = self.year.value
        if v["eligible"]:
            self.amount.value = (f'<div class="ck-card"><div class="ck-big">{esc(eur(v["montant"], whole=True))}'
                                 f'</div><div class="ck-sub">Chèque énergie {year} (revenus {v["annee_revenus"]}), '
                                 f'tranche {v["tranche"]}</div></div>')
        else:
            self.amount.value = ('<div class="ck-card"><div class="ck-big ck-zero">Pas de chèque énergie</div>'
                                 f'<div class="ck-sub">pour la campagne {year} avec ces revenus '
                                 '(voir « Comment est-ce calculé ? »)</div></div>')
        rows = [
            ("Unités de consommation", f"{number(v['unites_consommation'])} UC"),
            ("Revenu par unité de consommation", eur(v["rfr_par_uc"])),
            ("Plafond de revenu pour ce foyer", f"moins de {eur(v['plafond_rfr'])}"),
        ]
        if self.issued.value is not None:
            validity = cheque_validity(self.issued.value)
            rows.append(("Chèque utilisable jusqu'au", date_fr(validity["valable_jusqu_au"])))
        self.figures.value = '<table class="ck-figures">' + "".join(
            f"<tr><td>{esc(a)}</td><td><b>{esc(b)}</b></td></tr>" for a, b in rows) + "</table>"
        self.warnings.value = warnings_html(result)
        self.explanation.value = steps_html(result)
        protections = cheque_protections(year)
        items = "".join(f"<li>{esc(p)}</li>" for p in protections["protections"])
        self.protections.value = (f"<p>Du {esc(date_fr(protections['debut']))} au "
                                  f"{esc(date_fr(protections['fin']))}, dès que le chèque a payé une facture "
                                  f"ou que l'attestation a été envoyée au fournisseur :</p><ul>{items}</ul>"
                                  + steps_html(protections))
        self.result_box.layout.display = None


def show() -> w.Widget:
    """Build the « Chèque énergie » dashboard (called by the notebook)."""
    return ChequeEnergieView().widget

