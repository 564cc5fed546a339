"""The budget answer and the plan settings, shared by the budget page and the
dossier's Budget and « Plan et suivi » tabs (one way to show them, so the
person sees the same figures on both pages).

Public names::

    budget_card(prefix)                       the card that shows them (empty)
    show_budget(card, diagnostic, capacity)   the reste à vivre card
    PlanSettings(prefix)                      amount for the debts, method, first payment
"""

from __future__ import annotations

import ipywidgets as w

from ..formatting import eur, number, percent
from .kit import DateInput, NumberInput, ResultCard, choice

METHODS = [("Dettes prioritaires d'abord (logement, énergie, eau)", "priorites"),
           ("Au prorata des montants dus", "prorata")]


def budget_rows(diagnostic, capacity) -> list[tuple[str, str]]:
    """The figures under the reste à vivre, in the order the counsellor
    explains them."""
    v, c = diagnostic.values, capacity.values
    rows = [("Ressources par mois", eur(v["total_ressources"])),
            ("Charges par mois", eur(v["total_charges"])),
            ("Reste à vivre par jour et par unité de consommation",
             f"{eur(v['reste_a_vivre_par_uc_par_jour'])} ({number(v['unites_consommation'])} UC)"),
            ("Reste à vivre par jour et par personne", eur(v["reste_a_vivre_par_personne_par_jour"]))]
    if v["taux_effort_energetique"]:  # no energy line typed: no « 0,0 % » that would mislead
        flag = f" — au-dessus de {v['alerte_effort_energetique']}" if v["alerte_effort_energetique"] else ""
        rows.append(("Part des ressources pour l'énergie", percent(v["taux_effort_energetique"]) + flag))
    if v["total_dettes"]:
        rows.append(("Dettes restant dues", eur(v["total_dettes"])))
    rows.append(("Capacité de remboursement (méthode Banque de France)", eur(c["capacite"]) + " par mois"))
    return rows


def budget_card(prefix: str) -> ResultCard:
    """The empty reste à vivre card, with its two « Comment est calculé… »
    folds (CSS classes ``<prefix>-reste-a-vivre``, ``-chiffres``, ``-avertissements``)."""
    return ResultCard(f"{prefix}-reste-a-vivre", f"{prefix}-chiffres", f"{prefix}-avertissements",
                      steps=[("Comment est calculé le reste à vivre ?", None),
                             ("Comment est calculée la capacité de remboursement ?", None)])


def show_budget(card, diagnostic, capacity) -> None:
    """Show the reste à vivre, the capacity and their figures on ``card``
    (a :class:`~counselling.dashboards.kit.ResultCard` with the two
    « Comment est calculé… » steps)."""
    v, c = diagnostic.values, capacity.values
    card.show([diagnostic, capacity], f"{eur(v['reste_a_vivre'])} par mois",
              f"Capacité de remboursement : {eur(c['capacite'])} par mois", budget_rows(diagnostic, capacity),
              zero=v["reste_a_vivre"] <= 0, before="Reste à vivre")


class PlanSettings(w.HBox):
    """Amount given to the debts each month, method, first payment.

    The amount follows the computed capacity (:meth:`propose`) until the
    counsellor types another one with the person; emptying the field lets it
    follow again.
    """

    def __init__(self, prefix: str):
        self.capacity = NumberInput("Montant mensuel consacré aux dettes", "capacite", "money",
                                    css=f"{prefix}-capacite", placeholder="ex. 120",
                                    help="Proposé : la capacité calculée ; modifiable avec la personne.")
        self.method = w.Dropdown(options=METHODS, value="priorites", layout=w.Layout(width="380px"))
        self.first_date = DateInput("Premier versement", "premiere_echeance", css=f"{prefix}-premiere-echeance")
        self._follows = True
        self._setting = False
        self.capacity.observe_value(self._typed)
        super().__init__([self.capacity, choice(self.method, "Répartition entre créanciers", f"{prefix}-methode"),
                          self.first_date], layout=w.Layout(flex_flow="row wrap"))

    @property
    def inputs(self) -> tuple:
        """What a :class:`~counselling.dashboards.kit.Live` watches."""
        return self.capacity, self.method, self.first_date

    def _typed(self, _change) -> None:
        if not self._setting:
            self._follows = self.capacity.blank()

    def propose(self, amount) -> None:
        """Put the computed capacity [€/mois] in the field, unless the
        counsellor typed another amount."""
        if self._follows or self.capacity.blank():
            self._setting = True
            try:
                self.capacity.value = amount
            finally:
                self._setting = False
            self._follows = True

    def first(self):
        """The first payment's date; a French error when none is typed."""
        return self.first_date.required()
