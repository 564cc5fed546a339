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
from .common import STYLE, ErrorPanel, esc, guarded, labelled, steps_html, warnings_html

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
        self.commune = w.Text(placeholder="ex. 69100 ou Villeurbanne", continuous_update=False)
        self.commune_found = w.HTML()
        self.commune_found.add_class("fsl-commune-trouvee")
        volets = fsl_rules.national().volets
        self.volet = w.Dropdown(options=[(label, code) for code, label in volets.items()], value="energie",
                                layout=w.Layout(width="420px"))
        self.date = w.DatePicker(value=today or dt.date.today())
        self.adultes = w.IntText(value=1)
        self.enfants = w.IntText(value=0)
        self.ressources = w.Text(placeholder="ex. 1 200", continuous_update=False)
        self.quotient = w.Text(placeholder="si le département l'utilise", continuous_update=False)
        self.dette = w.Text(placeholder="ex. 450", continuous_update=False)
        self.aides = w.Dropdown(options=AIDS_CHOICES, value="inconnu")
        self.aides_liste = w.Textarea(placeholder="une aide par ligne : date ; montant\nex. 15/03/2025 ; 300",
                                      layout=w.Layout(width="320px", height="70px"))
        self.fact_widgets: dict[str, w.Widget] = {}
        self.facts_box = w.HBox([], layout=w.Layout(flex_flow="row wrap"))
        self.facts_box.add_class("fsl-faits")
        self.aides_liste_box = labelled(self.aides_liste, "Aides FSL déjà reçues (même volet)", "fsl-aides-liste",
                                        "Une ligne par aide : date, point-virgule, montant.")
        form = w.VBox([
            w.HBox([
                labelled(self.commune, "Commune ou code postal", "fsl-commune",
                         "Choisit le territoire : la commune distingue une métropole de son département."),
                labelled(self.departement, "Département", "fsl-departement", "Le FSL du lieu du logement."),
                labelled(self.volet, "Type d'aide demandée", "fsl-volet"),
                labelled(self.date, "Date de la demande", "fsl-date", "Le règlement en vigueur ce jour-là s'applique."),
            ], layout=w.Layout(flex_flow="row wrap")),
            self.commune_found,
            w.HBox([
                labelled(self.adultes, "Nombre d'adultes", "fsl-adultes"),
                labelled(self.enfants, "Nombre d'enfants à charge", "fsl-enfants"),
                labelled(self.ressources, "Ressources du foyer (€ par mois)", "fsl-ressources",
                         "Toutes les ressources du foyer, sans l'allocation de rentrée scolaire ni l'AEEH."),
                labelled(self.quotient, "Quotient familial (€ par mois)", "fsl-quotient",
                         "Sur l'attestation CAF ou MSA, si le département le demande."),
                labelled(self.dette, "Montant de la dette (€)", "fsl-dette", "Facture ou loyers impayés."),
            ], layout=w.Layout(flex_flow="row wrap")),
            w.HTML("<b>Situation du ménage demandée par le règlement</b>"),
            self.facts_box,
            w.HBox([labelled(self.aides, "Le ménage a-t-il déjà reçu une aide FSL ?", "fsl-aides"),
                    self.aides_liste_box], layout=w.Layout(flex_flow="row wrap")),
        ])

        self.errors = ErrorPanel("fsl-erreur")
        self.verdict = w.HTML()
        self.verdict.add_class("fsl-verdict")
        self.criteria = w.HTML()
        self.criteria.add_class("fsl-criteres")
        self.aid = w.HTML()
        self.aid.add_class("fsl-aide")
        self.pieces = w.HTML()
        self.pieces.add_class("fsl-pieces")
        self.warnings = w.HTML()
        self.warnings.add_class("fsl-avertissements")
        self.explanation = w.HTML()
        self.explanation.add_class("fsl-explication")
        details = w.Accordion(children=[self.explanation])
        details.set_title(0, "Comment est-ce calculé ?")
        details.add_class("fsl-details")
        self.result_box = w.VBox([self.verdict, self.aid, self.criteria, self.warnings, self.pieces, details])
        self.result_box.layout.display = "none"

        self.widget = w.VBox([w.HTML(STYLE + FSL_STYLE), form, self.errors, self.result_box])
        self.widget.add_class("fsl-vue")
        self.last_result: Result | None = None

        self._compute = guarded(self.errors, on_error=self._hide_result)(self._compute_unguarded)
        self._refresh_facts_guarded = guarded(self.errors, on_error=self._hide_result)(self._refresh_facts)
        self.commune.observe(guarded(self.errors, on_error=self._hide_result)(self._find_territory), names="value")
        for control in (self.departement, self.volet, self.date):
            control.observe(lambda _change: self._refresh_facts_guarded(), names="value")
        for control in (self.adultes, self.enfants, self.ressources, self.quotient, self.dette,
                        self.aides, self.aides_liste):
            control.observe(lambda _change: self._compute(), names="value")
        self._refresh_facts()

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
                control = w.Text(placeholder="laisser vide si inconnu", continuous_update=False)
            control.observe(lambda _change: self._compute(), names="value")
            box = labelled(control, label, f"fsl-fait-{name}")
            box.layout.width = "300px"
            self.fact_widgets[name] = (control, box)
        return self.fact_widgets[name]

    def _refresh_facts(self) -> None:
        names = []
        if self.departement.value and self.date.value:
            names = facts_needed(self.departement.value, self.volet.value, self.date.value)
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
        if self.dette.value.strip():
            facts["dette"] = self.dette.value
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
        self.result_box.layout.display = "none"
        self.last_result = None

    def _compute_unguarded(self) -> None:
        self.aides_liste_box.layout.display = None if self.aides.value == "oui" else "none"
        if not self.departement.value:
            self._hide_result()
            return
        result = fsl(self.departement.value, volet=self.volet.value, on=self.date.value,
                     adultes=self.adultes.value, enfants=self.enfants.value,
                     ressources=self.ressources.value.strip() or None,
                     quotient=self.quotient.value.strip() or None,
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
        self.aid.value = ('<div class="ck-card"><table class="ck-figures">' + "".join(
            f'<tr><td>{esc(a)}</td><td><b style="font-size:1.3em">{esc(b)}</b></td></tr>' for a, b in aid_rows)
            + "</table></div>")
        self.pieces.value = ("<h3>Pièces à fournir</h3><ul>" + "".join(f"<li>{esc(p)}</li>" for p in v["pieces"])
                             + "</ul>")
        self.warnings.value = warnings_html(result)
        self.explanation.value = steps_html(result)
        self.result_box.layout.display = None


def show() -> w.Widget:
    """Build the « FSL » dashboard (called by the notebook)."""
    return FslView().widget
