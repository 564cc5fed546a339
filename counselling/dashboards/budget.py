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
from ..exports.icalendar import plan_to_ics
from ..formatting import date_fr, eur, number, percent
from ..household import categories
from ..inputs import parse_int
from .common import STYLE, ErrorPanel, download_link, esc, guarded, labelled, steps_html, warnings_html

# ages standing for each kind of member: only the 14-year limit of the INSEE scale matters
MEMBER_AGES = {"adultes": ("adulte", 30), "enfants_14_plus": ("enfant", 15), "enfants_moins_14": ("enfant", 8)}


class LinesEditor:
    """Editable lines: category, amount, periodicity (or creditor for debts)."""

    def __init__(self, kind: str, css: str, on_change):
        self.kind = kind
        self.css = css
        self.on_change = on_change
        cats = categories()
        if kind == "dettes":
            self.choices = [(c.label, code) for code, c in cats.dettes.valeurs.items()]
        else:
            group = cats.ressources if kind == "ressources" else cats.charges
            self.choices = [(c.label, code) for code, c in group.valeurs.items()]
        self.periods = [(p.label, code) for code, p in cats.periodicites.valeurs.items()]
        self.rows: list[dict] = []
        self.box = w.VBox()
        self.box.add_class(css)
        add = w.Button(description="Ajouter une ligne", icon="plus")
        add.add_class(f"{css}-ajouter")
        add.on_click(lambda _b: self.add())
        self.widget = w.VBox([self.box, add])

    def add(self, category: str | None = None, amount: str = "", periodicity: str = "mois",
            creditor: str = "") -> None:
        category_w = w.Dropdown(options=self.choices, value=category or self.choices[0][1],
                                layout=w.Layout(width="300px"))
        amount_w = w.Text(value=amount, placeholder="montant en €", continuous_update=False,
                          layout=w.Layout(width="130px"))
        remove = w.Button(description="", icon="trash", tooltip="Supprimer la ligne",
                          layout=w.Layout(width="40px"))
        row = {"categorie": category_w, "montant": amount_w}
        parts = [category_w, amount_w]
        if self.kind == "dettes":
            creditor_w = w.Text(value=creditor, placeholder="créancier (ex. EDF)", continuous_update=False,
                                layout=w.Layout(width="180px"))
            row["creancier"] = creditor_w
            parts.insert(0, creditor_w)
        else:
            period_w = w.Dropdown(options=self.periods, value=periodicity, layout=w.Layout(width="150px"))
            row["periodicite"] = period_w
            parts.append(period_w)
        line = w.HBox(parts + [remove])
        line.add_class(f"{self.css}-ligne")
        row["_box"] = line
        for control in parts:
            control.observe(lambda _c: self.on_change(), names="value")
        remove.on_click(lambda _b, r=row: self.remove(r))
        self.rows.append(row)
        self.box.children = [r["_box"] for r in self.rows]
        self.on_change()

    def remove(self, row: dict) -> None:
        self.rows.remove(row)
        self.box.children = [r["_box"] for r in self.rows]
        self.on_change()

    def values(self) -> list[dict]:
        """What was typed, as plain dicts for the calculators (blank amounts skipped)."""
        out = []
        for row in self.rows:
            if not row["montant"].value.strip():
                continue
            item = {"montant": row["montant"].value}
            if self.kind == "dettes":
                item.update(nature=row["categorie"].value, creancier=row["creancier"].value)
            else:
                item.update(categorie=row["categorie"].value, periodicite=row["periodicite"].value)
            out.append(item)
        return out


class BudgetView:
    def __init__(self, today: dt.date | None = None):
        self.today = today or dt.date.today()
        self.adults = w.IntText(value=1)
        self.older = w.IntText(value=0)
        self.younger = w.IntText(value=0)
        household_form = w.HBox([
            labelled(self.adults, "Adultes", "bu-adultes"),
            labelled(self.older, "Enfants de 14 ans ou plus", "bu-enfants-14-plus"),
            labelled(self.younger, "Enfants de moins de 14 ans", "bu-enfants-moins-14"),
        ], layout=w.Layout(flex_flow="row wrap"))
        self._ready = False
        self.resources = LinesEditor("ressources", "bu-ressources", self.refresh)
        self.charges = LinesEditor("charges", "bu-charges", self.refresh)
        self.debts = LinesEditor("dettes", "bu-dettes", self.refresh)

        self.errors = ErrorPanel("bu-erreur")
        self.figures = w.HTML()
        self.figures.add_class("bu-chiffres")
        self.warnings = w.HTML()
        self.warnings.add_class("bu-avertissements")
        self.budget_steps = w.HTML()
        self.capacity_steps = w.HTML()
        details = w.Accordion(children=[self.budget_steps, self.capacity_steps])
        details.set_title(0, "Comment est calculé le reste à vivre ?")
        details.set_title(1, "Comment est calculée la capacité de remboursement ?")
        self.results = w.VBox([self.figures, self.warnings, details])
        self.results.layout.display = "none"

        # plan
        self.capacity = w.Text(placeholder="ex. 120", continuous_update=False)
        self.method = w.Dropdown(options=[("Dettes prioritaires d'abord (logement, énergie, eau)", "priorites"),
                                          ("Au prorata des montants dus", "prorata")], value="priorites",
                                 layout=w.Layout(width="380px"))
        self.first_date = w.DatePicker(value=None)
        build = w.Button(description="Construire le plan", button_style="primary")
        build.add_class("bu-construire")
        self.plan_errors = ErrorPanel("bu-plan-erreur")
        self.plan_out = w.HTML()
        self.plan_out.add_class("bu-plan")
        plan_form = w.HBox([
            labelled(self.capacity, "Montant mensuel consacré aux dettes (€)", "bu-capacite",
                     "Proposé : la capacité calculée ci-dessus ; modifiable avec la personne."),
            labelled(self.method, "Répartition entre créanciers", "bu-methode"),
            labelled(self.first_date, "Premier versement", "bu-premiere-echeance"),
        ], layout=w.Layout(flex_flow="row wrap"))
        self.plan = None
        self._capacity_follows = True  # until the counsellor types another amount
        self._setting_capacity = False
        self.capacity.observe(self._capacity_typed, names="value")
        self._build_plan = guarded(self.plan_errors)(self._build_plan_unguarded)
        build.on_click(lambda _b: self._build_plan())

        def title(text):
            return w.HTML(f"<h3>{esc(text)}</h3>")

        self.widget = w.VBox([
            w.HTML(STYLE), title("Le foyer"), household_form,
            title("Ressources"), self.resources.widget,
            title("Charges"), self.charges.widget,
            title("Dettes"), self.debts.widget,
            self.errors, self.results,
            title("Plan de remboursement"), plan_form, build, self.plan_errors, self.plan_out,
        ])
        self.widget.add_class("bu-vue")
        self.diagnostic = None
        self.capacity_result = None
        self._refresh = guarded(self.errors, on_error=self._hide)(self._refresh_unguarded)
        for control in (self.adults, self.older, self.younger):
            control.observe(lambda _c: self.refresh(), names="value")
        self._ready = True

    def _capacity_typed(self, _change) -> None:
        if not self._setting_capacity:
            self._capacity_follows = False

    def refresh(self) -> None:
        if self._ready:
            self._refresh()

    def _hide(self) -> None:
        self.results.layout.display = "none"
        self.diagnostic = None
        self.capacity_result = None

    def household(self) -> dict:
        members = []
        for field, label, count in (("adultes", "Adultes", self.adults.value),
                                    ("enfants_14_plus", "Enfants de 14 ans ou plus", self.older.value),
                                    ("enfants_moins_14", "Enfants de moins de 14 ans", self.younger.value)):
            role, age = MEMBER_AGES[field]
            count = parse_int(count, field, label, minimum=0, maximum=30)  # a negative count is refused, not zeroed
            members += [{"role": role, "age": age}] * count
        return {"membres": members, "ressources": self.resources.values(),
                "charges": self.charges.values(), "dettes": self.debts.values()}

    def _refresh_unguarded(self) -> None:
        if not self.resources.values():
            self._hide()
            return
        menage = self.household()
        diag = diagnostic_budget(menage, on=self.today)
        cap = capacite_menage(menage, on=self.today)
        self.diagnostic, self.capacity_result = diag, cap
        v, c = diag.values, cap.values
        rows = [
            ("Ressources par mois", eur(v["total_ressources"])),
            ("Charges par mois", eur(v["total_charges"])),
            ("Reste à vivre par mois", eur(v["reste_a_vivre"])),
            ("Reste à vivre par jour et par unité de consommation",
             f"{eur(v['reste_a_vivre_par_uc_par_jour'])} ({number(v['unites_consommation'])} UC)"),
            ("Reste à vivre par jour et par personne", eur(v["reste_a_vivre_par_personne_par_jour"])),
        ]
        if v["taux_effort_energetique"] is not None:
            flag = f" — au-dessus de {v['alerte_effort_energetique']}" if v["alerte_effort_energetique"] else ""
            rows.append(("Part des ressources pour l'énergie", percent(v["taux_effort_energetique"]) + flag))
        if v["total_dettes"]:
            rows.append(("Total des dettes", eur(v["total_dettes"])))
        rows.append(("Capacité de remboursement (méthode Banque de France)", eur(c["capacite"]) + " par mois"))
        big = (f'<div class="ck-card"><div class="ck-sub">Reste à vivre</div><div class="ck-big'
               f'{" ck-zero" if v["reste_a_vivre"] <= 0 else ""}">{esc(eur(v["reste_a_vivre"]))} par mois</div>'
               f'<div class="ck-sub">Capacité de remboursement : <b>{esc(eur(c["capacite"]))}</b> par mois</div></div>')
        self.figures.value = big + '<table class="ck-figures">' + "".join(
            f"<tr><td>{esc(a)}</td><td><b>{esc(b)}</b></td></tr>" for a, b in rows) + "</table>"
        notices = warnings_html(diag, cap)
        self.warnings.value = notices
        self.budget_steps.value = steps_html(diag)
        self.capacity_steps.value = steps_html(cap)
        if self._capacity_follows or not self.capacity.value.strip():
            self._setting_capacity = True
            self.capacity.value = str(c["capacite"]).replace(".", ",")
            self._setting_capacity = False
            self._capacity_follows = True
        self.results.layout.display = None

    def _build_plan_unguarded(self) -> None:
        self.plan_out.value = ""
        self.plan = None
        debts = self.debts.values()
        if not debts:
            from ..errors import InputError

            raise InputError("dettes", "Dettes", "aucune dette n'a été saisie",
                             "au moins une ligne de dette avec son montant")
        first = self.first_date.value
        if first is None:
            from ..errors import InputError

            raise InputError("premiere_echeance", "Premier versement", "aucune date n'a été choisie",
                             "la date du premier versement")
        computed = self.capacity_result["capacite"] if self.capacity_result is not None else None
        plan = plan_creanciers(debts, capacite=self.capacity.value, premiere_echeance=first,
                               on=self.today, methode=self.method.value, capacite_calculee=computed)
        self.plan = plan
        self.plan_out.value = self._plan_html(plan)

    def _plan_html(self, plan) -> str:
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
        link = download_link(plan_to_ics(plan, stamp=dt.datetime.combine(self.today, dt.time())),
                             "echeancier.ics", "Télécharger les dates (agenda .ics)", "text/calendar", "bu-ics")
        table = (f'<table class="ck-figures bu-plan-table"><tr><th>Date</th>{head}<th>Total</th></tr>'
                 f"{body}</table>")
        return (f'<div class="ck-card">{summary}{table}<p>{link}</p></div>' + warnings_html(plan)
                + "<details><summary>Comment le plan est-il construit ?</summary>" + steps_html(plan)
                + "</details>")


def show() -> w.Widget:
    """Build the « Budget et échéancier » dashboard (called by the notebook)."""
    return BudgetView().widget
