"""Dashboard « FSL »: département, volet, foyer, ressources, situation →
verdict, one line per criterion, maximum aid, documents to prepare."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from .. import fsl_rules, territories
from ..calculators.fsl import facts_needed, fsl
from ..errors import InputError
from ..formatting import date_fr, eur
from ..results import Result
from .common import ErrorPanel, esc, guarded
from .kit import DateInput, Live, NumberInput, ResultCard, TextInput, choice, figures_table, html_output, page

YES_NO = [("Je ne sais pas", ""), ("Oui", "oui"), ("Non", "non")]
AIDS_CHOICES = [("Je ne sais pas", "inconnu"), ("Aucune", "aucune"), ("Oui (les indiquer)", "oui")]
VERDICT = {
    "eligible": ("✔", "#1b5e20", "#e8f5e9"),
    "non_eligible": ("✘", "#b71c1c", "#fdecea"),
    "information_manquante": ("?", "#8a5a00", "#fff8e1"),
    "a_verifier": ("☎", "#0b5394", "#e3f2fd"),
}
CRITERION = {
    "rempli": ("✔ rempli", "#1b5e20"),
    "non_rempli": ("✘ non rempli", "#b71c1c"),
    "information_manquante": ("? information manquante", "#8a5a00"),
    "a_verifier": ("☎ à vérifier auprès du département", "#0b5394"),
}
FSL_STYLE = """
<style>
.fsl-verdict-box { font-size: 2em; font-weight: 700; padding: 14px 18px; border-radius: 8px; }
.fsl-contact a { color: #0b5394; text-decoration: underline; overflow-wrap: anywhere; }
.fsl-crit td, .fsl-crit th { padding: 6px 10px; border-bottom: 1px solid #e1e4e8; vertical-align: top; text-align: left; }
</style>
"""


def department_options() -> list[tuple[str, str]]:
    """(« 77 — Seine-et-Marne », "77") for every shipped file."""
    return [(f"{code} — {fsl_rules.fsl_file(code).nom}", code) for code in fsl_rules.known_codes()]


class FslView:
    """The form and the result panel. ``widget`` is what the page displays."""

    def __init__(self, today: dt.date | None = None):
        self.departement = w.Dropdown(options=department_options(), value=None)
        self.commune = TextInput("Commune ou code postal", "commune", css="fsl-commune",
                                 placeholder="ex. 69100 ou Villeurbanne",
                                 help="Choisit le territoire : la commune distingue une métropole de son département.")
        self.commune_found = w.HTML()
        self.commune_found.add_class("fsl-commune-trouvee")
        volets = fsl_rules.national().volets
        self.volet = w.Dropdown(options=[(label, code) for code, label in volets.items()], value="energie",
                                layout=w.Layout(width="420px"))
        self.date = DateInput("Date de la demande", "date", css="fsl-date",
                              help="Le règlement en vigueur ce jour-là s'applique.", value=today or dt.date.today())
        self.adultes = NumberInput("Nombre d'adultes", "adultes", "int", css="fsl-adultes")
        self.adultes.value = 1
        self.enfants = NumberInput("Nombre d'enfants à charge", "enfants", "int", css="fsl-enfants")
        self.enfants.value = 0
        self.ressources = NumberInput("Ressources mensuelles du foyer", "ressources", "money", unit="€ par mois",
                                      css="fsl-ressources", placeholder="ex. 1 200",
                                      help="Toutes les ressources du foyer, sans l'allocation de rentrée "
                                           "scolaire ni l'AEEH.")
        self.quotient = NumberInput("Quotient familial", "quotient", "money", unit="€ par mois", css="fsl-quotient",
                                    placeholder="si le département l'utilise",
                                    help="Sur l'attestation CAF ou MSA, si le département le demande.")
        self.dette = NumberInput("Montant de la dette", "dette", "money", css="fsl-dette", placeholder="ex. 450",
                                 help="Facture ou loyers impayés.")
        self.aides = w.Dropdown(options=AIDS_CHOICES, value="inconnu")
        self.aides_liste = w.Textarea(placeholder="une aide par ligne : date ; montant\nex. 15/03/2025 ; 300",
                                      continuous_update=True, layout=w.Layout(width="320px", height="70px"))
        self.fact_widgets: dict[str, w.Widget] = {}
        self.facts_box = w.HBox([], layout=w.Layout(flex_flow="row wrap"))
        self.facts_box.add_class("fsl-faits")
        self.aides_liste_box = choice(self.aides_liste, "Aides FSL déjà reçues (même volet)", "fsl-aides-liste",
                                      "Une ligne par aide : date, point-virgule, montant.")
        form = [
            w.HBox([
                self.commune,
                choice(self.departement, "Département", "fsl-departement", "Le FSL du lieu du logement."),
                choice(self.volet, "Type d'aide demandée", "fsl-volet"),
                self.date,
            ], layout=w.Layout(flex_flow="row wrap")),
            self.commune_found,
            w.HBox([self.adultes, self.enfants, self.ressources, self.quotient, self.dette],
                   layout=w.Layout(flex_flow="row wrap")),
            w.HTML("<b>Situation du ménage demandée par le règlement</b>"),
            self.facts_box,
            w.HBox([choice(self.aides, "Le ménage a-t-il déjà reçu une aide FSL ?", "fsl-aides"),
                    self.aides_liste_box], layout=w.Layout(flex_flow="row wrap")),
        ]

        self.errors = ErrorPanel("fsl-erreur")
        self.criteria = html_output("fsl-criteres")
        self.pieces = html_output("fsl-pieces")
        self.contact = html_output("fsl-contact")
        self.card = ResultCard("fsl-verdict", "fsl-aide", "fsl-avertissements",
                               steps=[("Comment est-ce calculé ?", "fsl-explication")], details_css="fsl-details",
                               between=[self.criteria, self.pieces, self.contact])
        self.verdict, self.aid, self.warnings = self.card.headline, self.card.figures, self.card.warnings
        self.explanation = self.card.steps[0]
        self.result_box = self.card
        self.widget = page("fsl-vue", form, [self.errors, self.card], extra_style=FSL_STYLE)
        self.last_result: Result | None = None

        self._compute = guarded(self.errors, on_error=self._hide_result)(self._compute_unguarded)
        self._refresh_facts_guarded = guarded(self.errors, on_error=self._hide_result)(self._refresh_facts)
        self.live = Live(self._compute, marks=[self.card]).watch(
            self.adultes, self.enfants, self.ressources, self.quotient, self.dette, self.aides, self.aides_liste)
        self.facts_live = Live(self._refresh_facts_guarded, marks=[self.card]).watch(
            self.departement, self.volet, self.date)
        self.commune_live = Live(guarded(self.errors, on_error=self._hide_result)(self._find_territory),
                                 marks=[self.card]).watch(self.commune)
        self._refresh_facts()
        self._paper()

    def _paper(self) -> None:
        from ..documents import builders
        from ..dossier.adapters import right_record
        from .paper import DocumentButtons, SaveToDossier, attach, nothing_yet

        def sheet():
            if self.last_result is None:
                raise nothing_yet("un territoire et la composition du foyer saisis")
            return [builders.fsl_summary(self.last_result)]

        def kept():
            if self.last_result is None:
                raise nothing_yet("un territoire et la composition du foyer saisis")
            inputs = {"departement": self.departement.value, "volet": self.volet.value,
                      "adultes": self.adultes.parsed(), "enfants": self.enfants.parsed(),
                      "ressources": self.ressources.parsed()}
            return {"territoire_fsl": self.departement.value,
                    "droits": [right_record("fsl", self.last_result, inputs, statut=self.last_result["statut"])]}

        lives = [self.commune_live, self.facts_live, self.live]
        attach(self.widget, DocumentButtons([("Fiche FSL (critères, pièces, contact)", "fsl-doc", sheet)], "fsl",
                                            settle=lives),
               SaveToDossier(kept, "fsl", settle=lives))

    # ------------------------------------------------------------------ territory

    def _find_territory(self, _change=None) -> None:
        """Select the territory of the commune or postal code typed; a code
        shared by several territories asks for the commune (nothing chosen)."""
        self.commune_found.value = ""
        if not self.commune.value.strip():
            return
        code = territories.territory_code(self.commune.value, "commune", "Commune ou code postal")
        if code not in dict((v, k) for k, v in self.departement.options):
            raise InputError("commune", "Commune ou code postal",
                             f"{territories.territory_name(code)} ({code}) : pas encore de règlement FSL dans le kit",
                             "une commune d'un territoire de la liste « Département »")
        self.commune_found.value = (f'<span class="ck-ref">→ FSL : {esc(territories.territory_name(code))} '
                                    f"({esc(code)})</span>")
        self.departement.value = code

    # ------------------------------------------------------------------ facts

    def _fact_widget(self, name: str) -> w.Widget:
        """One input per fact, created once and kept (its value survives a
        change of département)."""
        if name not in self.fact_widgets:
            spec = fsl_rules.national().faits.get(name)
            if spec is None and self.departement.value:
                for version in fsl_rules.fsl_file(self.departement.value).versions.values():
                    spec = version.faits.get(name, spec)
            label = spec.label if spec else name
            if spec is not None and spec.kind == "oui_non":
                control = w.Dropdown(options=YES_NO, value="")
            else:
                control = w.Text(placeholder="laisser vide si inconnu", continuous_update=True)
            self.live.watch(control)
            box = choice(control, label, f"fsl-fait-{name}")
            box.layout.width = "300px"
            self.fact_widgets[name] = (control, box)
        return self.fact_widgets[name]

    def _refresh_facts(self) -> None:
        names = []
        day = self.date.parsed()
        if self.departement.value and day:
            names = facts_needed(self.departement.value, self.volet.value, day)
        self.shown_facts = names
        self.facts_box.children = [self._fact_widget(n)[1] for n in names] or [
            w.HTML('<span class="ck-ref">Aucune autre information demandée pour ce département et ce type '
                   "d'aide.</span>")]
        self._compute()

    def _facts(self) -> dict:
        facts = {}
        for name in self.shown_facts:
            value = self._fact_widget(name)[0].value
            if value not in ("", None):
                facts[name] = value
        if not self.dette.blank():
            facts["dette"] = self.dette.parsed()
        return facts

    def _previous_aids(self):
        if self.aides.value == "inconnu":
            return None
        if self.aides.value == "aucune":
            return []
        aids = []
        for line in self.aides_liste.value.splitlines():
            if not line.strip():
                continue
            day, _sep, amount = line.partition(";")
            aids.append({"date": day.strip(), "montant": amount.strip() or None, "volet": self.volet.value})
        return aids

    # ------------------------------------------------------------------ compute

    def _hide_result(self) -> None:
        self.card.hide()
        self.last_result = None

    def _compute_unguarded(self) -> None:
        self.aides_liste_box.layout.display = None if self.aides.value == "oui" else "none"
        if not self.departement.value:
            self._hide_result()
            return
        result = fsl(self.departement.value, volet=self.volet.value, on=self.date.parsed(),
                     adultes=self.adultes.parsed(), enfants=self.enfants.parsed(),
                     ressources=self.ressources.parsed(), quotient=self.quotient.parsed(),
                     faits=self._facts(), aides_precedentes=self._previous_aids())
        self.last_result = result
        self._render(result)

    def _render(self, result: Result) -> None:
        v = result.values
        icon, colour, background = VERDICT[v["statut"]]
        self.verdict.value = (
            f'<div class="fsl-verdict-box" style="color:{colour};background:{background}">{icon} '
            f'{esc(v["statut_libelle"])}</div><div class="ck-sub">FSL {esc(v["nom"])}, règlement en vigueur '
            f'depuis le {esc(date_fr(v["reglement_du"]))}'
            + (' <b class="fsl-reglement-ancien">(plus de 3 ans : à vérifier)</b>' if v["reglement_ancien"] else "")
            + ".</div>")
        rows = []
        for crit in v["criteres"]:
            text, crit_colour = CRITERION[crit["statut"]]
            rows.append(f'<tr><td>{esc(crit["label"])}</td><td style="color:{crit_colour};font-weight:600">'
                        f'{esc(text)}</td><td>{esc(crit["detail"])}</td>'
                        f'<td class="ck-ref">{esc(crit["source"] or "")}</td></tr>')
        self.criteria.value = ('<h3>Critère par critère</h3><table class="fsl-crit"><tr><th>Critère</th>'
                               '<th>Résultat</th><th>Chiffres comparés</th><th>Référence</th></tr>'
                               + "".join(rows) + "</table>")
        aid_rows = []
        if v["aide_max"] is not None:
            aid_rows.append(("Aide maximale du règlement", eur(v["aide_max"])))
        else:
            aid_rows.append(("Aide maximale du règlement", "non publiée : à vérifier auprès du département"))
        if v["aide_max_restante"] is not None and v["aide_max_restante"] != v["aide_max"]:
            aid_rows.append(("Reste possible compte tenu des aides déjà reçues", eur(v["aide_max_restante"])))
        if v["aide_envisageable"] is not None:
            aid_rows.append(("Aide envisageable pour cette dette", eur(v["aide_envisageable"])))
        if v["plafond_ressources"] is not None:
            aid_rows.append(("Plafond de ressources", eur(v["plafond_ressources"])))
        if v["ressources_retenues"] is not None:
            aid_rows.append(("Ressources retenues", eur(v["ressources_retenues"])))
        self.card.show(result, figures=f'<div class="ck-card">{figures_table(aid_rows)}</div>')
        self.pieces.value = ("<h3>Pièces à fournir</h3><ul>" + "".join(f"<li>{esc(p)}</li>" for p in v["pieces"])
                             + "</ul>")
        self.contact.value = contact_html(fsl_rules.fsl_file(self.departement.value))


def contact_html(file: fsl_rules.FslFile) -> str:
    """« Qui contacter, comment demander » for the person, then where each
    contact detail comes from (and how old it is) for the counsellor: the
    printed sheet's block (one template), with links."""
    from ..documents.render import fragment

    return fragment("fsl_contact", file, screen=True)


def show() -> w.Widget:
    """Build the « FSL » dashboard (called by the notebook)."""
    return FslView().widget
