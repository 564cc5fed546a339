"""Dashboard « Budget et échéancier » (Point Conseil Budget appointment).

Resources, charges and debts typed as lines → reste à vivre and repayment
capacity at once → a plan across creditors, with its table and an .ics file.
The view builds plain dicts from what was typed and renders the calculators'
results; it parses, rounds and adds nothing itself.
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from ..calculators.budget import diagnostic_budget
from ..calculators.capacity import capacite_menage
from ..calculators.plan import plan_creanciers
from ..errors import InputError
from ..exports.icalendar import plan_to_ics
from ..formatting import date_fr, eur
from ..household import categories
from .common import ErrorPanel, download_link, esc, guarded, steps_html, warnings_html
from .kit import HouseholdEditor, Live, NumberInput, html_output, page
from .plan_form import PlanSettings, budget_card, show_budget


class LinesEditor(w.VBox):
    """Editable lines: category, amount, periodicity (or creditor for debts)."""

    def __init__(self, kind: str, css: str):
        self.kind = kind
        self.css = css
        cats = categories()
        if kind == "dettes":
            self.choices = [(c.label, code) for code, c in cats.dettes.valeurs.items()]
        else:
            group = cats.ressources if kind == "ressources" else cats.charges
            self.choices = [(c.label, code) for code, c in group.valeurs.items()]
        self.labels = dict((code, label) for label, code in self.choices)
        self.periods = [(p.label, code) for code, p in cats.periodicites.valeurs.items()]
        self.rows: list[dict] = []
        self.box = w.VBox()
        self.box.add_class(css)
        add = w.Button(description="Ajouter une ligne", icon="plus")
        add.add_class(f"{css}-ajouter")
        add.on_click(lambda _b: self.add())
        self._lives: list[Live] = []
        super().__init__([self.box, add])
        self.widget = self

    def bind(self, live: Live) -> None:
        self._lives.append(live)
        for row in self.rows:
            live.watch(*row["_controls"])

    def add(self, category: str | None = None, amount: str = "", periodicity: str = "mois",
            creditor: str = "") -> None:
        category_w = w.Dropdown(options=self.choices, value=category or self.choices[0][1],
                                layout=w.Layout(width="260px"))
        amount_w = NumberInput(self.labels[category_w.value], f"{self.kind}[{len(self.rows)}].montant", "money",
                               unit="", placeholder="montant en €", width="120px", label_shown=False)
        amount_w.value = amount
        remove = w.Button(description="", icon="trash", tooltip="Supprimer la ligne",
                          layout=w.Layout(width="40px"))
        row = {"categorie": category_w, "montant": amount_w}
        parts = [category_w, amount_w]
        if self.kind == "dettes":
            creditor_w = w.Text(value=creditor, placeholder="créancier (ex. EDF)", continuous_update=True,
                                layout=w.Layout(width="150px"))
            row["creancier"] = creditor_w
            parts.insert(0, creditor_w)
        else:
            period_w = w.Dropdown(options=self.periods, value=periodicity, layout=w.Layout(width="130px"))
            row["periodicite"] = period_w
            parts.append(period_w)
        line = w.HBox(parts + [remove])
        line.add_class(f"{self.css}-ligne")
        row["_box"] = line
        row["_controls"] = parts
        remove.on_click(lambda _b, r=row: self.remove(r))
        self.rows.append(row)
        self.box.children = [r["_box"] for r in self.rows]
        for live in self._lives:
            live.watch(*parts)
            live.changed()

    def remove(self, row: dict) -> None:
        self.rows.remove(row)
        self.box.children = [r["_box"] for r in self.rows]
        for live in self._lives:
            live.changed()

    def values(self) -> list[dict]:
        """What was typed, as plain dicts for the calculators (blank amounts
        skipped); each amount read by the kit's input, named by its category."""
        out = []
        for row in self.rows:
            amount_w = row["montant"]
            if amount_w.blank():
                continue
            amount_w.label = self.labels[row["categorie"].value]
            item = {"montant": amount_w.parsed()}
            if self.kind == "dettes":
                item.update(nature=row["categorie"].value, creancier=row["creancier"].value)
            else:
                item.update(categorie=row["categorie"].value, periodicite=row["periodicite"].value)
            out.append(item)
        return out


class BudgetView:
    def __init__(self, today: dt.date | None = None):
        self.today = today or dt.date.today()
        self.household_editor = HouseholdEditor("bu")
        self.resources = LinesEditor("ressources", "bu-ressources")
        self.charges = LinesEditor("charges", "bu-charges")
        self.debts = LinesEditor("dettes", "bu-dettes")

        self.errors = ErrorPanel("bu-erreur")
        self.card = budget_card("bu")
        self.results = self.card
        self.figures, self.warnings = self.card.figures, self.card.warnings
        self.budget_steps, self.capacity_steps = self.card.steps

        # plan
        self.settings = PlanSettings("bu")
        self.capacity, self.method, self.first_date = self.settings.inputs
        build = w.Button(description="Construire le plan", button_style="primary")
        build.add_class("bu-construire")
        self.plan_errors = ErrorPanel("bu-plan-erreur")
        self.plan_out = html_output("bu-plan")
        self.plan = None
        self._plan_requested = False  # the plan follows the typing once built

        def title(text):
            return w.HTML(f"<h3>{esc(text)}</h3>")

        self.widget = page("bu-vue", [
            title("Le foyer"), self.household_editor,
            title("Ressources"), self.resources,
            title("Charges"), self.charges,
            title("Dettes"), self.debts,
            title("Plan de remboursement"), self.settings, build, self.plan_errors, self.plan_out,
        ], [self.errors, self.card])
        self.diagnostic = None
        self.capacity_result = None
        self._refresh = guarded(self.errors, on_error=self._hide)(self._refresh_unguarded)
        self.live = Live(self._refresh, marks=[self.card]).watch(
            self.household_editor, self.resources, self.charges, self.debts)
        self._build_plan = guarded(self.plan_errors, on_error=self._hide_plan)(self._build_plan_unguarded)
        self.plan_live = Live(self._follow_plan, marks=[self.plan_out]).watch(self.debts, *self.settings.inputs)
        build.on_click(lambda _b: self._request_plan())
        self._paper()

    def _paper(self) -> None:
        from ..documents import builders
        from .paper import DocumentButtons, SaveToDossier, attach, nothing_yet

        def budget_doc():
            if self.diagnostic is None:
                raise nothing_yet("des ressources saisies, pour que le reste à vivre s'affiche")
            return [builders.budget_summary(self.diagnostic, self.capacity_result)]

        def plan_doc():
            if self.plan is None:
                raise nothing_yet("un plan construit (« Construire le plan »)")
            return [builders.echeancier(self.plan)]

        def letters():
            if self.plan is None:
                raise nothing_yet("un plan construit (« Construire le plan »)")
            return [builders.creditor_letter(self.plan, c["creancier"]) for c in self.plan["creanciers"]]

        attach(self.widget, DocumentButtons([("Résumé du budget", "bu-doc-budget", budget_doc),
                                             ("Échéancier à signer", "bu-doc-echeancier", plan_doc),
                                             ("Courriers aux créanciers", "bu-doc-courriers", letters)], "bu",
                                            settle=[self.live, self.plan_live]),
               SaveToDossier(lambda: {"menage": self.household()}, "bu", settle=[self.live]))

    def refresh(self) -> None:
        self.live.changed()

    def _hide(self) -> None:
        self.card.hide()
        self.diagnostic = None
        self.capacity_result = None

    def household(self) -> dict:
        return {"membres": self.household_editor.members(), "ressources": self.resources.values(),
                "charges": self.charges.values(), "dettes": self.debts.values()}

    def _refresh_unguarded(self) -> None:
        if not self.resources.values():
            self._hide()
            return
        menage = self.household()
        diag = diagnostic_budget(menage, on=self.today)
        cap = capacite_menage(menage, on=self.today)
        self.diagnostic, self.capacity_result = diag, cap
        show_budget(self.card, diag, cap)
        self.settings.propose(cap.values["capacite"])

    # ------------------------------------------------------------------ plan
    def _request_plan(self) -> None:
        self._plan_requested = True
        self._build_plan()

    def _follow_plan(self) -> None:
        if self._plan_requested:
            self._build_plan()

    def _hide_plan(self) -> None:
        self.plan_out.value = ""
        self.plan = None

    def _build_plan_unguarded(self) -> None:
        self._hide_plan()
        debts = self.debts.values()
        if not debts:
            raise InputError("dettes", "Dettes", "aucune dette n'a été saisie",
                             "au moins une ligne de dette avec son montant")
        first = self.settings.first()
        computed = self.capacity_result["capacite"] if self.capacity_result is not None else None
        plan = plan_creanciers(debts, capacite=self.capacity.parsed(), premiere_echeance=first,
                               on=self.today, methode=self.method.value, capacite_calculee=computed)
        self.plan = plan
        self.plan_out.value = self._plan_html(plan)

    def _plan_html(self, plan) -> str:
        return plan_html(plan, self.today)


def plan_html(plan, today: dt.date) -> str:
    """A plan across creditors: month × creditor table, summary, .ics link,
    warnings and the folded explanation (shared with the dossier page)."""
    v = plan.values
    creditors = v["creanciers"]
    head = "".join(f"<th>{esc(c['creancier'])}</th>" for c in creditors)
    by_date: dict[dt.date, dict[str, object]] = {}
    for index, c in enumerate(creditors):
        for e in c["echeances"]:
            by_date.setdefault(e["date"], {})[index] = e["montant"]
    body = ""
    for month in v["mois"]:
        cells = "".join(f"<td>{esc(eur(by_date.get(month['date'], {}).get(i, 0)))}</td>"
                        for i in range(len(creditors)))
        body += f"<tr><td>{esc(date_fr(month['date']))}</td>{cells}<td><b>{esc(eur(month['total']))}</b></td></tr>"
    summary = (f"<p><b>{v['duree_mois']} mois</b> pour rembourser {esc(eur(v['total_paye']))} "
               f"sur {esc(eur(v['total_dettes']))}.</p>")
    if not v["faisable"]:
        summary += "".join(f'<div class="ck-warning">{esc(m)}</div>' for m in v["motifs"])
    link = download_link(plan_to_ics(plan, stamp=dt.datetime.combine(today, dt.time())),
                         "echeancier.ics", "Télécharger les dates (agenda .ics)", "text/calendar", "bu-ics")
    table = (f'<table class="ck-figures bu-plan-table"><tr><th>Date</th>{head}<th>Total</th></tr>'
             f"{body}</table>")
    return (f'<div class="ck-card">{summary}{table}<p>{link}</p></div>' + warnings_html(plan)
            + "<details><summary>Comment le plan est-il construit ?</summary>" + steps_html(plan)
            + "</details>")


def show() -> w.Widget:
    """Build the « Budget et échéancier » dashboard (called by the notebook)."""
    return BudgetView().widget
