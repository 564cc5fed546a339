"""Dashboard « Facture d'électricité »: check a bill (tariff periods, taxes),
why a bill went up (two bills compared), which option suits the consumption,
and what happens if the bill is unpaid."""

from __future__ import annotations

import ipywidgets as w

from ..calculators.bill_change import comparaison_factures
from ..calculators.electricity import OPTIONS, conseil_option_electricite, facture_electricite
from ..calculators.procedure import ENERGIES, STATUSES, procedure_impayes
from ..formatting import date_fr, eur, how_many, number
from ..results import Result
from .common import ErrorPanel, cheapest_option_words, esc, guarded
from .kit import DateInput, Live, NumberInput, ResultCard, Table, choice, columns, html_output, page

POWERS = [3, 6, 9, 12, 15, 18, 24, 30, 36]
OPTION_CHOICES = [(label, key) for key, (label, _classes) in OPTIONS.items()]
CLASS_LABELS = {
    "base": "Consommation", "hp": "Heures pleines", "hc": "Heures creuses",
    "bleu_hc": "Jours bleus, heures creuses", "bleu_hp": "Jours bleus, heures pleines",
    "blanc_hc": "Jours blancs, heures creuses", "blanc_hp": "Jours blancs, heures pleines",
    "rouge_hc": "Jours rouges, heures creuses", "rouge_hp": "Jours rouges, heures pleines",
}
CAUSES = {"jours": "Nombre de jours", "consommation": "Consommation", "prix": "Prix", "taxes": "Taxes"}


class BillForm:
    """One bill of the comparison: option, power, first and last day, kWh
    (only the classes of the option are shown). ``values()`` is the plain
    dict the calculator takes, or None while something is missing."""

    def __init__(self, css: str, title: str):
        self.option = w.Dropdown(options=OPTION_CHOICES, value="base", layout=w.Layout(width="160px"))
        self.power = w.Dropdown(options=POWERS, value=6, layout=w.Layout(width="90px"))
        self.start = DateInput("Premier jour", f"{css}_debut", css=f"{css}-debut", width="130px")
        self.end = DateInput("Dernier jour", f"{css}_fin", css=f"{css}-fin", width="130px")
        self.kwh = {c: NumberInput(CLASS_LABELS[c], f"{css}_kwh_{c}", "decimal", unit="kWh",
                                   css=f"{css}-kwh-{c.replace('_', '-')}", placeholder="kWh", width="120px")
                    for c in CLASS_LABELS}
        for field in (self.start, self.end, *self.kwh.values()):  # messages say which bill
            field.label = f"{title}, {field.label[0].lower()}{field.label[1:]}"
        self.kwh_boxes = self.kwh
        fields = [choice(self.option, "Option", f"{css}-option", width="160px"),
                  choice(self.power, "kVA", f"{css}-puissance", width="90px"),
                  self.start, self.end, *self.kwh.values()]
        self.widget = w.VBox([w.HTML(f"<b>{esc(title)}</b>"), w.HBox(fields, layout=w.Layout(flex_flow="row wrap"))])
        self.widget.add_class(css)
        self.show_classes()

    def bind(self, live: Live) -> None:
        live.watch(self.option, self.power, self.start, self.end, *self.kwh.values())

    def show_classes(self) -> None:
        wanted = OPTIONS[self.option.value][1]
        for c, box in self.kwh_boxes.items():
            box.layout.display = None if c in wanted else "none"

    def values(self) -> dict | None:
        self.show_classes()
        classes = OPTIONS[self.option.value][1]
        typed = {c: self.kwh[c].parsed() for c in classes}
        start, end = self.start.parsed(), self.end.parsed()
        if start is None or end is None or any(v is None for v in typed.values()):
            return None
        return {"option": self.option.value, "puissance_kva": self.power.value, "debut": start,
                "fin": end, "consommation": typed["base"] if self.option.value == "base" else typed}


class FactureView:
    """Three sections; ``widget`` is what the page displays."""

    def __init__(self):
        # ---------------------------------------------------------------- 1. the bill
        self.option = w.Dropdown(options=OPTION_CHOICES, value="base")
        self.power = w.Dropdown(options=POWERS, value=6)
        self.start = DateInput("Premier jour facturé", "debut", css="fe-debut")
        self.end = DateInput("Dernier jour facturé", "fin", css="fe-fin", help="Une facture de rattrapage peut "
                             "couvrir plusieurs mois et plusieurs grilles de prix.")
        self.kwh = {c: NumberInput(CLASS_LABELS[c], f"kwh_{c}", "decimal", unit="kWh",
                                   css=f"fe-kwh-{c.replace('_', '-')}", placeholder="ex. 1 250")
                    for c in CLASS_LABELS}
        self.kwh_boxes = self.kwh
        form = w.HBox([
            choice(self.option, "Option tarifaire", "fe-option", "Écrite sur la facture : Base, "
                   "Heures Creuses ou Tempo."),
            choice(self.power, "Puissance souscrite (kVA)", "fe-puissance"),
            self.start, self.end,
        ], layout=w.Layout(flex_flow="row wrap"))
        self.kwh_form = w.HBox(list(self.kwh_boxes.values()), layout=w.Layout(flex_flow="row wrap"))
        self.bill_errors = ErrorPanel("fe-erreur")
        self.bill_hint = html_output("fe-aide")
        self.bill_card = _card("fe", "fe-total", "fe-detail", css="fe-facture")
        self.last_bill: Result | None = None

        # ---------------------------------------------------------------- 1 b. why the bill went up
        self.compare_before = BillForm("fe-avant", "Facture d'avant")
        self.compare_after = BillForm("fe-apres", "Facture d'après")
        self.change_errors = ErrorPanel("fe-comparaison-erreur")
        self.change_card = _card("fe-comparaison", "fe-comparaison-montant", "fe-comparaison-chiffres")
        self.last_change: Result | None = None

        # ---------------------------------------------------------------- 2. which option
        self.annual = NumberInput("Consommation sur un an", "consommation_annuelle", "decimal", unit="kWh",
                                  css="fe-conseil-kwh", placeholder="ex. 4 500",
                                  help="Sur la dernière facture annuelle ou le relevé Linky.")
        self.annual_hc = NumberInput("dont heures creuses", "consommation_hc", "decimal", unit="kWh",
                                     css="fe-conseil-hc", placeholder="facultatif",
                                     help="Si vous ne savez pas, laissez vide : le calcul suppose 8 h sur 24.")
        self.current = w.Dropdown(options=[("Je ne sais pas", "")] + OPTION_CHOICES, value="")
        self.advice_errors = ErrorPanel("fe-conseil-erreur")
        self.advice_card = _card("fe-conseil", "fe-conseil-option", "fe-conseil-chiffres")
        self.last_advice: Result | None = None
        advice_form = w.HBox([self.annual, self.annual_hc,
                              choice(self.current, "Option actuelle", "fe-conseil-actuelle")],
                             layout=w.Layout(flex_flow="row wrap"))

        # ---------------------------------------------------------------- 3. unpaid bill
        self.bill_date = DateInput("Date de la facture impayée", "date_facture", css="fe-procedure-date")
        self.status = w.Dropdown(options=[(label.capitalize(), key) for key, label in STATUSES.items()],
                                 value="standard")
        self.linky = w.Dropdown(options=[("Oui", True), ("Non", False)], value=True)
        self.energy = w.Dropdown(options=[(label.capitalize(), key) for key, label in ENERGIES.items()],
                                 value="electricite")
        self.proc_errors = ErrorPanel("fe-procedure-erreur")
        self.proc_card = _card("fe-procedure", "fe-procedure-coupure", "fe-procedure-etapes")
        self.last_procedure: Result | None = None
        proc_form = w.HBox([
            self.bill_date,
            choice(self.energy, "Énergie", "fe-procedure-energie"),
            choice(self.status, "Situation du ménage", "fe-procedure-statut"),
            choice(self.linky, "Compteur Linky ?", "fe-procedure-linky"),
        ], layout=w.Layout(flex_flow="row wrap"))

        self.widget = page("fe-vue", [w.HTML("<h3>Vérifier une facture</h3>"), form, self.kwh_form],
                           [self.bill_hint, self.bill_errors, self.bill_card], below=[
            w.HTML("<h3>Pourquoi ma facture a augmenté ?</h3><p>Deux factures du même logement : la différence "
                   "répartie entre le nombre de jours, la consommation, les prix et les taxes.</p>"),
            columns([self.compare_before.widget, self.compare_after.widget], [self.change_errors, self.change_card]),
            w.HTML("<h3>Quelle option ?</h3><p>Le coût sur un an de chaque option, pour la même consommation."
                   "</p>"), columns([advice_form], [self.advice_errors, self.advice_card]),
            w.HTML("<h3>Facture impayée : que va-t-il se passer ?</h3><p>Les dates au plus tôt de chaque "
                   "étape, avec le texte de loi.</p>"), columns([proc_form], [self.proc_errors, self.proc_card]),
        ])

        self._compute_bill = guarded(self.bill_errors, on_error=self._hide_bill)(self._bill_unguarded)
        self._compute_change = guarded(self.change_errors, on_error=self._hide_change)(self._change_unguarded)
        self._compute_advice = guarded(self.advice_errors, on_error=self._hide_advice)(self._advice_unguarded)
        self._compute_procedure = guarded(self.proc_errors, on_error=self._hide_procedure)(self._procedure_unguarded)
        self.bill_live = Live(self._compute_bill, marks=[self.bill_card]).watch(
            self.option, self.power, self.start, self.end, *self.kwh.values())
        self.change_live = Live(self._compute_change, marks=[self.change_card]).watch(
            self.compare_before, self.compare_after)
        self.advice_live = Live(self._compute_advice, marks=[self.advice_card]).watch(
            self.annual, self.annual_hc, self.current, self.power)
        self.procedure_live = Live(self._compute_procedure, marks=[self.proc_card]).watch(
            self.bill_date, self.status, self.linky, self.energy, self.power)
        self._compute_bill()  # shows the right kWh fields and what is still to fill

        self._paper()

    def _paper(self) -> None:
        from ..documents import builders
        from .paper import DocumentButtons, SaveToDossier, attach, nothing_to_keep, nothing_yet

        def checked_bill(nothing) -> Result:
            if self.last_bill is None:
                raise nothing("une facture calculée (option, puissance, dates et consommation)")
            return self.last_bill

        def sheet():
            return [builders.bill_check(checked_bill(nothing_yet))]

        def kept():
            return {"energie": bill_for_dossier(checked_bill(nothing_to_keep))}

        attach(self.widget, DocumentButtons([("Facture expliquée ligne par ligne", "fe-doc", sheet)], "fe",
                                            settle=[self.bill_live]),
               SaveToDossier(kept, "fe", settle=[self.bill_live]))

    # ------------------------------------------------------------------------ bill
    def _show_classes(self) -> None:
        wanted = OPTIONS[self.option.value][1]
        for c, box in self.kwh_boxes.items():
            box.layout.display = None if c in wanted else "none"

    def _hide_bill(self) -> None:
        self.bill_card.hide()
        self.last_bill = None

    def _bill_unguarded(self) -> None:
        self._show_classes()
        classes = OPTIONS[self.option.value][1]
        start, end = self.start.parsed(), self.end.parsed()
        missing = [label for label, empty in (("le premier jour facturé", start is None),
                                              ("le dernier jour facturé", end is None))
                   if empty] + [CLASS_LABELS[c].lower() for c in classes if self.kwh[c].blank()]
        self.bill_hint.value = ('<p class="ck-ref">Pour voir la facture, indiquez encore : '
                                f'{esc(", ".join(missing))}.</p>') if missing else ""
        if missing:
            self._hide_bill()
            return
        typed = {c: self.kwh[c].parsed() for c in classes}
        consumption = typed["base"] if self.option.value == "base" else typed
        result = facture_electricite(self.option.value, self.power.value, start, end, consommation=consumption)
        self.last_bill = result
        v = result.values
        periods = [(f"Du {date_fr(p['debut'])} au {date_fr(p['fin'])}", p) for p in v["periodes"]]
        periods.append(("Total", v))
        rows = [[label, eur(p["abonnement_ttc"]), eur(p["energie_ttc"]), eur(p["total_ttc"])] for label, p in periods]
        taxes = [[label, eur(p["accise"]), eur(p["tva_abonnement"]), eur(p["tva_energie"])] for label, p in periods]
        # four columns each: the answer fits the page's right column (seven were cut at its edge)
        self.bill_card.show(result, eur(v["total_ttc"]), f"Total TTC du {date_fr(start)} au {date_fr(end)} "
                            f"({v['jours']} jours, {number(v['kwh'])} kWh, "
                            f"{how_many(v['nombre_periodes'], 'période de prix', 'périodes de prix')})", tables=[
            Table(["", "Abonnement TTC", "Énergie TTC", "Total TTC"], rows, "fe-tableau",
                  intro="Chaque période est facturée aux prix en vigueur ces jours-là."),
            Table(["", "Accise", "TVA de l'abonnement", "TVA de l'énergie"], taxes, "fe-tableau-taxes",
                  folded="Taxes comprises dans ces montants (accise, TVA)")])

    # ------------------------------------------------------------------------ why the bill went up
    def _hide_change(self) -> None:
        self.change_card.hide()
        self.last_change = None

    def _change_unguarded(self) -> None:
        before, after = self.compare_before.values(), self.compare_after.values()
        if before is None or after is None:
            self._hide_change()
            return
        result = comparaison_factures(before, after)
        self.last_change = result
        v = result.values
        word = "de plus" if v["difference"] > 0 else "de moins" if v["difference"] < 0 else "de différence"
        rows = [[p["libelle"], _signed(p["montant"])] for p in v["parts"]]
        rows.append([f"Total : {eur(v['total_apres'])} − {eur(v['total_avant'])}", _signed(v["difference"])])
        rows += [[f"dont {CAUSES[cause].lower()}", _signed(v[cause])] for cause in CAUSES]
        self.change_card.show(result, f"{eur(abs(v['difference']))} {word}",
                              f"{eur(v['total_apres'])} au lieu de {eur(v['total_avant'])} : voici d'où vient la "
                              "différence",
                              tables=[Table(["D'où vient la différence", "Montant"], rows, "fe-comparaison-tableau")])

    # ------------------------------------------------------------------------ advice
    def _hide_advice(self) -> None:
        self.advice_card.hide()
        self.last_advice = None

    def _advice_unguarded(self) -> None:
        if self.annual.blank():
            self._hide_advice()
            return
        result = conseil_option_electricite(self.annual.parsed(), self.power.value,
                                            consommation_hc_kwh=self.annual_hc.parsed(),
                                            option_actuelle=self.current.value or None)
        self.last_advice = result
        v = result.values
        best = v["option_la_moins_chere"]
        sub = cheapest_option_words(v, "cette consommation", self.power.value)
        if v["economie"]:
            sub += f" : {eur(v['economie'])} d'économie par an par rapport à l'option actuelle"
        rows = [[OPTIONS[o][0], eur(cost) + " par an" if cost is not None else v["statuts"][o]]
                for o, cost in v["couts"].items()]
        self.advice_card.show(result, OPTIONS[best][0], sub,
                              tables=[Table(["Option", "Coût sur un an (TTC)"], rows, "fe-conseil-tableau")])

    # ------------------------------------------------------------------------ procedure
    def _hide_procedure(self) -> None:
        self.proc_card.hide()
        self.last_procedure = None

    def _procedure_unguarded(self) -> None:
        bill_date = self.bill_date.parsed()
        if bill_date is None:
            self._hide_procedure()
            return
        result = procedure_impayes(bill_date, energie=self.energy.value, statut=self.status.value,
                                   linky=self.linky.value, puissance_kva=self.power.value)
        self.last_procedure = result
        items = "".join(
            f'<li><b>{esc(date_fr(e["date"])) if e["date"] else "—"}</b> : {esc(e["etape"])}'
            + (f'<br><span class="ck-ref">{esc(e["reference"])}</span>' if e["reference"] else "") + "</li>"
            for e in result.values["etapes"])
        self.proc_card.show(result, date_fr(result.values["coupure_au_plus_tot"]),
                            f"au plus tôt pour une coupure ou une interruption "
                            f"({result.values['jours_avant_coupure']} jours après la facture)",
                            figures=f'<ol class="ck-steps">{items}</ol>')


def bill_for_dossier(result: Result) -> dict:
    """The checked bill as plain data for a new dossier: the contract as the
    page holds it (electricity, option, power; the page asks no supplier) and
    the bill (period, total TTC, kWh), marked as computed at the Tarif Bleu."""
    v = result.values
    return {"contrat": {"energie": "electricite", "option": v["option"], "puissance_kva": v["puissance_kva"]},
            "factures": [{"debut": v["periodes"][0]["debut"], "fin": v["periodes"][-1]["fin"],
                          "montant_ttc": v["total_ttc"], "consommation_kwh": v["kwh"],
                          "origine": "calcul_tarif_bleu"}]}


def _card(prefix: str, headline_css: str, figures_css: str, css: str | None = None) -> ResultCard:
    """A section's result card: the whole card is ``css`` (``prefix`` by default), its
    warnings, fold and explanation ``<prefix>-avertissements``, ``-details``, ``-explication``."""
    return ResultCard(headline_css, figures_css, f"{prefix}-avertissements",
                      steps=[("Comment est-ce calculé ?", f"{prefix}-explication")], details_css=f"{prefix}-details",
                      css=css or prefix)


def _signed(amount) -> str:
    return ("+" if amount > 0 else "") + eur(amount)


def show() -> w.Widget:
    """Build the « Facture d'électricité » dashboard (called by the notebook)."""
    return FactureView().widget
