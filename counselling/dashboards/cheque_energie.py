"""Dashboard « Chèque énergie »: composition, RFR, year → amount, explained."""

from __future__ import annotations

import ipywidgets as w

from ..calculators.cheque_energie import cheque_energie, cheque_protections, cheque_validity, known_years
from ..formatting import date_fr, eur, number
from ..results import Result
from .common import ErrorPanel, esc, guarded, steps_html
from .kit import DateInput, Live, NumberInput, ResultCard, choice, html_output, page

HOLDER_CHOICES = [("Je ne sais pas", "inconnu"), ("Oui", "oui"), ("Non", "non")]


class ChequeEnergieView:
    """The form and the result panel. ``widget`` is what the page displays."""

    def __init__(self):
        first, last = known_years()
        default_year = last - 1  # the last year with a verified scale
        self.year = w.Dropdown(options=list(range(last, first - 1, -1)), value=default_year)
        self.rfr = NumberInput("Revenu fiscal de référence", "rfr", "money", css="ce-rfr", placeholder="ex. 12 500",
                               help="Sur l'avis d'impôt de l'année N-1 (revenus N-2).")
        self.persons = NumberInput("Nombre de personnes", "personnes", "int", css="ce-personnes")
        self.persons.value = 1
        self.alternating = NumberInput("dont enfants en résidence alternée", "alternance", "int",
                                       css="ce-alternance")
        self.alternating.value = 0
        self.holder = w.Dropdown(options=HOLDER_CHOICES, value="inconnu")
        self.issued = DateInput("Date d'émission du chèque (si reçu)", "emission", css="ce-emission")
        self.holder_box = choice(self.holder, "Le foyer est-il titulaire du contrat d'électricité ?",
                                 "ce-titulaire", "Depuis 2025, le chèque va au foyer fiscal titulaire "
                                 "du contrat d'électricité de la résidence principale.")
        form = [choice(self.year, "Année du chèque", "ce-annee"), self.rfr, self.persons, self.alternating,
                self.holder_box, self.issued]

        self.errors = ErrorPanel("ce-erreur")
        self.protections = html_output("ce-protections")
        self.card = ResultCard("ce-montant", "ce-chiffres", "ce-avertissements",
                               steps=[("Comment est-ce calculé ?", "ce-explication")], details_css="ce-details",
                               extra_details=[("Protections du titulaire du chèque", self.protections)])
        self.amount, self.figures, self.warnings = self.card.headline, self.card.figures, self.card.warnings
        self.explanation = self.card.steps[0]
        self.result_box = self.card
        self.widget = page("ce-vue", form, [self.errors, self.card])
        self.last_result: Result | None = None

        self._compute = guarded(self.errors, on_error=self._hide_result)(self._compute_unguarded)
        self.live = Live(self._compute, marks=[self.card]).watch(
            self.year, self.rfr, self.persons, self.alternating, self.holder, self.issued)
        self._update_holder_visibility()
        self._paper()

    def _paper(self) -> None:
        from ..documents import builders
        from ..dossier.adapters import right_record
        from .paper import DocumentButtons, SaveToDossier, attach, nothing_yet

        def sheet():
            if self.last_result is None:
                raise nothing_yet("un revenu fiscal de référence saisi")
            return [builders.cheque_energie_summary(self.last_result, year=self.year.value,
                                                    issued_on=self.issued.parsed())]

        def kept():
            if self.last_result is None:
                raise nothing_yet("un revenu fiscal de référence saisi")
            inputs = {"year": self.year.value, "rfr": self.rfr.parsed(), "persons": self.persons.parsed(),
                      "alternating_children": self.alternating.parsed() or 0}
            return {"rfr": self.rfr.parsed(), "droits": [right_record("cheque_energie", self.last_result, inputs)]}

        attach(self.widget, DocumentButtons([("Fiche chèque énergie", "ce-doc", sheet)], "ce", settle=[self.live]),
               SaveToDossier(kept, "ce", settle=[self.live]))

    def _hide_result(self) -> None:
        self.card.hide()
        self.last_result = None

    def _update_holder_visibility(self) -> None:
        self.holder_box.layout.display = None if self.year.value >= 2025 else "none"

    def _compute_unguarded(self) -> None:
        self._update_holder_visibility()
        rfr = self.rfr.parsed()
        if rfr is None:
            self._hide_result()
            return
        holder = None if self.year.value < 2025 or self.holder.value == "inconnu" else self.holder.value
        result = cheque_energie(self.year.value, rfr, self.persons.parsed(), self.alternating.parsed() or 0,
                                electricity_contract_holder=holder)
        self.last_result = result
        self._render(result)

    def _render(self, result: Result) -> None:
        v = result.values
        year = self.year.value
        rows = [
            ("Unités de consommation", f"{number(v['unites_consommation'])} UC"),
            ("Revenu par unité de consommation", eur(v["rfr_par_uc"])),
            ("Plafond de revenu pour ce foyer", f"moins de {eur(v['plafond_rfr'])}"),
        ]
        issued = self.issued.parsed()
        if issued is not None:
            validity = cheque_validity(issued)
            rows.append(("Chèque utilisable jusqu'au", date_fr(validity["valable_jusqu_au"])))
        if v["eligible"]:
            self.card.show(result, eur(v["montant"], whole=True),
                           f"Chèque énergie {year} (revenus {v['annee_revenus']}), tranche {v['tranche']}",
                           rows)
        else:
            self.card.show(result, "Pas de chèque énergie", f"pour la campagne {year} avec ces revenus "
                           "(voir « Comment est-ce calculé ? »)", rows, zero=True)
        protections = cheque_protections(year)
        items = "".join(f"<li>{esc(p)}</li>" for p in protections["protections"])
        self.protections.value = (f"<p>Du {esc(date_fr(protections['debut']))} au "
                                  f"{esc(date_fr(protections['fin']))}, dès que le chèque a payé une facture "
                                  f"ou que l'attestation a été envoyée au fournisseur :</p><ul>{items}</ul>"
                                  + steps_html(protections))


def show() -> w.Widget:
    """Build the « Chèque énergie » dashboard (called by the notebook)."""
    return ChequeEnergieView().widget
