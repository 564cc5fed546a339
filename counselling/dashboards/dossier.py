"""Dashboard « Dossiers »: find or create a dossier, then the appointment.

The list finds a dossier by its reference or by the name stored in it, and
creates one once the person's consent is recorded (nothing is stored
before). Opening a dossier shows the appointment page, in sections (Foyer,
Budget, Plan et suivi, Énergie, Droits, Documents, Notes): the household is
typed once and every section uses it. Every change is saved a short moment
after the last key (« Enregistré à 14 h 32 »); reopening restores everything.

The view binds widgets to the dossier model and renders results; the
figures come from the calculators through :mod:`counselling.dossier.adapters`.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable

import ipywidgets as w

from .. import fsl_rules
from ..activity.vocabulary import vocabulary
from ..calculators.cheque_energie import known_years
from ..dossier import adapters
from ..dossier.model import (ENERGY_ORIGINS, Act, Bill, BudgetLine, Consent, Debt, Dossier, EnergyContract,
                             Identity, Member, Note, Payment, Reading, new_reference)
from ..errors import InputError
from ..formatting import date_fr, date_short, eur, number
from ..household import categories
from ..storage import ConflictError, Store, StorageError, clock_fr, current_user
from .budget import LinesEditor, plan_html
from .common import ErrorPanel, address_parameter, esc, guarded, warnings_html
from .dossier_session import Session
from .paper import PREVIEW_STYLE, document_link
from .paper import preview as render_preview
from .kit import (DateInput, HouseholdEditor, Live, NumberInput, TextInput, choice, html_output,
                  page)
from .plan_form import PlanSettings, budget_card, show_budget

ROLE_ADULT, ROLE_CHILD = "adulte", "enfant"
HOUSING = [("Non renseigné", None), ("Locataire d'un logement social", "locataire_social"),
           ("Locataire dans le parc privé", "locataire_prive"), ("Propriétaire", "proprietaire"),
           ("Hébergé", "heberge"), ("Autre", "autre")]
YES_NO = [("Ne sait pas", None), ("Oui", True), ("Non", False)]
ENERGIES = [("Électricité", "electricite"), ("Gaz", "gaz"), ("Eau", "eau"), ("Fioul, bois", "fioul_bois"),
            ("Réseau de chaleur", "reseau_chaleur")]
METERS = [("Ne sait pas", "inconnu"), ("Linky", "linky"), ("Gazpar", "gazpar"), ("Autre", "autre")]
VOLETS = [("Énergie", "energie"), ("Eau", "eau"), ("Maintien dans le logement", "maintien"),
          ("Accès au logement", "acces"), ("Téléphone et internet", "telephone")]


def _title(text: str) -> w.HTML:
    return w.HTML(f"<h3>{esc(text)}</h3>")


def _text(label: str, field: str, css: str, value: str | None = None, width: str = "280px",
          help: str | None = None) -> TextInput:
    box = TextInput(label, field, css=css, width=width, help=help)
    box.value = value or ""
    return box


def _site() -> str | None:
    """The counsellor's site, from the structure's settings (None if they cannot be read)."""
    from ..documents.settings import SettingsError, load_structure

    try:
        return load_structure().site_name()
    except SettingsError:
        return None


def _clean(text: str) -> str | None:
    text = (text or "").strip()
    return text or None


# =============================================================================== the list


class DossiersView:
    """« Dossiers »: search, create with consent, open."""

    def __init__(self, store: Store | None = None, today: dt.date | None = None, user: str | None = None):
        self.today = today or dt.date.today()
        self.user = user or current_user()
        self.errors = ErrorPanel("do-erreur")
        self.root = w.VBox()
        self.root.add_class("do-racine")
        self.store = None
        try:
            self.store = store or Store()
        except StorageError as error:
            self.errors.show_input_error(error)
        self.search = _text("Chercher un dossier", "recherche", "do-recherche", width="360px",
                            help="Référence (2026-K7M3Q) ou nom de la personne, si un nom a été enregistré.")
        self.results = w.VBox()
        self.results.add_class("do-resultats")
        self.live = Live(guarded(self.errors)(self._find)).watch(self.search)
        self.create_form = self._create_form()
        self.list_page = page("do-liste", [_title("Retrouver un dossier"), self.search, self.results],
                              [_title("Nouveau dossier"), self.create_form],
                              intro=[self.errors])
        self.appointment: AppointmentView | None = None
        self.root.children = [self.list_page]
        if self.store is not None:
            self.live.flush()
            self._find()

    # ------------------------------------------------------------------ create
    def _create_form(self) -> w.VBox:
        self.consent_keep = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"),
                                       description="La personne accepte que la structure conserve ce dossier")
        self.consent_keep.add_class("do-accord-conservation")
        self.consent_creditors = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"),
                                            description="Elle accepte que le détail de son budget figure dans "
                                                        "les courriers aux créanciers")
        self.consent_creditors.add_class("do-accord-creanciers")
        self.consent_partners = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"),
                                           description="Elle accepte que l'issue soit transmise au partenaire "
                                                       "qui l'a orientée")
        self.new_name = _text("Nom (facultatif)", "identite.nom", "do-nouveau-nom", width="240px")
        self.new_first = _text("Prénom (facultatif)", "identite.prenom", "do-nouveau-prenom", width="240px")
        create = w.Button(description="Créer le dossier", button_style="primary", icon="folder-open")
        create.add_class("do-creer")
        create.on_click(lambda _b: self._create())
        reading = w.HTML(
            '<p class="ck-ref">À lire à la personne : « Nous gardons dans ce dossier votre budget, vos dettes, '
            "les plans et les paiements, pour vous suivre d'un rendez-vous à l'autre. Rien n'est transmis sans "
            "votre accord. Vous pouvez demander à tout moment une copie du dossier ou son effacement. »</p>")
        names = w.HBox([self.new_name, self.new_first], layout=w.Layout(flex_flow="row wrap"))
        return w.VBox([reading, self.consent_keep, self.consent_creditors, self.consent_partners,
                       w.HTML('<p class="ck-ref">Données personnelles : un nom n\'est pas nécessaire ; '
                              "la référence du dossier suffit.</p>"), names, create])

    def _create(self) -> None:
        guarded(self.errors)(self._create_unguarded)()

    def _create_unguarded(self) -> None:
        if self.store is None:
            raise StorageError("La base des dossiers n'est pas disponible : voir le message ci-dessus.")
        if not self.consent_keep.value:
            raise InputError("consentement", "Accord de la personne", "l'accord pour conserver le dossier "
                             "n'est pas coché : rien n'est enregistré", "la case cochée, après l'avoir lue "
                             "à la personne")
        dossier = Dossier(
            reference=new_reference(self.today), site=_site(), cree_le=self.today, cree_par=self.user,
            consentement=Consent(date=self.today, conservation=True, recueilli_par=self.user,
                                 partage_creanciers=self.consent_creditors.value,
                                 partage_partenaires=self.consent_partners.value),
            identite=Identity(nom=_clean(self.new_name.value), prenom=_clean(self.new_first.value)),
            membres=[Member(role=ROLE_ADULT)])
        self.store.create(dossier, self.user)
        for box in (self.consent_keep, self.consent_creditors, self.consent_partners):
            box.value = False
        self.new_name.value = self.new_first.value = ""
        self.open(dossier.reference)

    # ------------------------------------------------------------------ find and open
    def _find(self) -> None:
        if self.store is None:
            return
        found = self.store.find(self.search.value, limit=20)
        rows = []
        for summary in found:
            button = w.Button(description="Ouvrir", icon="folder-open", layout=w.Layout(width="110px"))
            button.add_class("do-ouvrir")
            button.on_click(lambda _b, ref=summary.reference: self.open(ref))
            label = (f"<b>{esc(summary.reference)}</b>" + (f" — {esc(summary.name)}" if summary.name else "")
                     + f' <span class="ck-ref">modifié {esc(clock_fr(summary.updated_at, self.today))}</span>')
            line = w.HBox([w.HTML(label, layout=w.Layout(width="420px")), button])
            line.add_class("do-resultat")
            rows.append(line)
        if not rows:
            text = "Aucun dossier ne correspond." if self.search.value.strip() else "Aucun dossier pour l'instant."
            rows = [w.HTML(f"<p>{esc(text)}</p>")]
        self.results.children = rows

    def open(self, reference: str) -> None:
        guarded(self.errors)(self._open_unguarded)(reference)

    def _open_unguarded(self, reference: str) -> None:
        stored = self.store.load(reference)
        self.appointment = AppointmentView(Session(self.store, stored, self.user), self.today, on_close=self.close)
        self.errors.clear()
        self.root.children = [self.appointment.widget]

    def close(self) -> None:
        self.appointment = None
        self.root.children = [self.list_page]
        self.live.flush()
        guarded(self.errors)(self._find)()


# =============================================================================== the appointment


class AppointmentView:
    """The sections of one dossier, saved as they are typed."""

    def __init__(self, session: Session, today: dt.date, on_close=None):
        self.session = session
        self.today = today
        self.on_close = on_close
        d = session.dossier
        self.errors = ErrorPanel("rv-erreur")
        self.status = html_output("rv-statut")
        self._loading = True

        # ---- Foyer
        self.household = HouseholdEditor("rv")
        self.housing = w.Dropdown(options=HOUSING, value=d.logement.statut)
        self.postcode = _text("Code postal du logement", "logement.code_postal", "rv-code-postal",
                              d.logement.code_postal, width="120px")
        codes = sorted(fsl_rules.known_codes())
        self.territory = w.Dropdown(options=[("Non renseigné", None)] + [
            (f"{c} — {fsl_rules.fsl_file(c).nom}", c) for c in codes], value=d.logement.territoire_fsl)
        self.housing_aid = w.Dropdown(options=YES_NO, value=d.logement.aide_logement)
        self.rfr = NumberInput("Revenu fiscal de référence", "fiscal.rfr", "money", css="rv-rfr", width="160px",
                               help="Sur l'avis d'impôt (revenus de l'année N-2).")
        self.rfr_year = NumberInput("Année des revenus", "fiscal.annee_revenus", "int", css="rv-rfr-annee",
                                    width="100px", minimum=2000, maximum=2100)
        self.holder = w.Dropdown(options=YES_NO, value=d.fiscal.titulaire_contrat_electricite)
        self.name = _text("Nom", "identite.nom", "rv-nom", d.identite.nom, width="220px")
        self.first = _text("Prénom", "identite.prenom", "rv-prenom", d.identite.prenom, width="220px")
        self.phone = _text("Téléphone", "identite.telephone", "rv-telephone", d.identite.telephone, width="160px")
        self.language = _text("Langue lue le mieux", "identite.langue", "rv-langue", d.identite.langue,
                              width="160px")
        foyer = w.VBox([
            _title("Les personnes du foyer"), self.household,
            _title("Le logement"),
            w.HBox([choice(self.housing, "Statut d'occupation", "rv-statut-logement"), self.postcode,
                    choice(self.territory, "FSL du territoire", "rv-territoire"),
                    choice(self.housing_aid, "Aide au logement (APL, AL)", "rv-aide-logement")],
                   layout=w.Layout(flex_flow="row wrap")),
            _title("Avis d'impôt"),
            w.HBox([self.rfr, self.rfr_year, choice(self.holder, "Contrat d'électricité au nom du foyer",
                                                    "rv-titulaire")], layout=w.Layout(flex_flow="row wrap")),
            _title("Données personnelles (facultatives)"),
            w.HTML('<p class="ck-ref">À ne remplir que si c\'est utile au suivi ; la personne peut en demander '
                   "la copie ou l'effacement.</p>"),
            w.HBox([self.name, self.first, self.phone, self.language], layout=w.Layout(flex_flow="row wrap")),
        ])

        # ---- Budget
        self.resources = LinesEditor("ressources", "rv-ressources")
        self.charges = LinesEditor("charges", "rv-charges")
        self.budget_errors = ErrorPanel("rv-budget-erreur")
        self.card = budget_card("rv")
        budget = page("rv-budget", [_title("Ressources"), self.resources, _title("Charges"), self.charges],
                      [self.budget_errors, self.card])

        # ---- Plan et suivi
        self.plan_errors = ErrorPanel("rv-plan-erreur")
        self.debts = DebtsEditor(self)
        self.settings = PlanSettings("rv")
        self.capacity, self.method, self.first_date = self.settings.inputs
        propose = w.Button(description="Calculer un plan sur ce qui reste dû", button_style="primary",
                            layout=w.Layout(width="auto"))
        propose.add_class("rv-calculer-plan")
        self.propose = guarded(self.plan_errors)(self._propose)
        propose.on_click(lambda _b: self.propose())
        self.keep = w.Button(description="Retenir ce plan", button_style="success", icon="check",
                             layout=w.Layout(display="none"))
        self.keep.add_class("rv-retenir-plan")
        self.keep_plan = guarded(self.plan_errors)(self._keep_plan)
        self.keep.on_click(lambda _b: self.keep_plan())
        self.proposal_out = html_output("rv-proposition")
        self.follow_out = html_output("rv-suivi")
        self.pay_debt = w.Dropdown(options=[], layout=w.Layout(width="260px"))
        self.pay_date = DateInput("Date du paiement", "paiement.date", css="rv-paiement-date")
        self.pay_date.value = today
        self.pay_amount = NumberInput("Montant payé", "paiement.montant", "money", css="rv-paiement-montant",
                                      width="140px")
        record = w.Button(description="Enregistrer le paiement", icon="plus")
        record.add_class("rv-enregistrer-paiement")
        self.record_payment = guarded(self.plan_errors)(self._record_payment)
        record.on_click(lambda _b: self.record_payment())
        self._proposal = None
        plan = w.VBox([
            _title("Dettes"), self.debts,
            _title("Plan de remboursement"),
            self.settings,
            w.HBox([propose, self.keep]), self.plan_errors, self.proposal_out,
            _title("Suivi du plan retenu"), self.follow_out,
            w.HBox([choice(self.pay_debt, "Créancier", "rv-paiement-creancier"), self.pay_date, self.pay_amount],
                   layout=w.Layout(flex_flow="row wrap")), record,
        ])

        # ---- Énergie
        self.contracts = ContractsEditor(self)
        self.energy_records = EnergyRecords(lambda: self.session.dossier)
        self.energy_pages = w.HTML()
        self.energy_pages.add_class("rv-energie-pages")
        energy = w.VBox([_title("Contrats d'énergie"), self.contracts, _title("Factures et relevés"),
                         self.energy_pages, self.energy_records])

        # ---- Droits
        self.rights_errors = ErrorPanel("rv-droits-erreur")
        first_year, last_year = known_years()
        self.cheque_year = w.Dropdown(options=list(range(last_year, first_year - 1, -1)), value=last_year)
        cheque_button = w.Button(description="Calculer et noter", icon="calculator")
        cheque_button.add_class("rv-cheque-calculer")
        self.check_cheque = guarded(self.rights_errors)(self._cheque)
        cheque_button.on_click(lambda _b: self.check_cheque())
        self.volet = w.Dropdown(options=VOLETS, value="energie")
        fsl_button = w.Button(description="Vérifier et noter", icon="calculator")
        fsl_button.add_class("rv-fsl-verifier")
        self.check_fsl = guarded(self.rights_errors)(self._fsl)
        fsl_button.on_click(lambda _b: self.check_fsl())
        self.right_out = html_output("rv-droit-resultat")
        self.rights_list = html_output("rv-droits-liste")
        rights = w.VBox([
            _title("Chèque énergie"),
            w.HBox([choice(self.cheque_year, "Campagne", "rv-cheque-annee"), cheque_button],
                   layout=w.Layout(align_items="flex-end")),
            _title("FSL — Fonds de solidarité pour le logement"),
            w.HBox([choice(self.volet, "Volet", "rv-volet"), fsl_button], layout=w.Layout(align_items="flex-end")),
            w.HTML('<p class="ck-ref">Le territoire et les ressources viennent des sections Foyer et Budget ; '
                   "les questions propres au règlement se posent sur la page FSL.</p>"),
            self.rights_errors, self.right_out, _title("Droits déjà vérifiés"), self.rights_list])

        # ---- Documents
        self.documents_out = html_output("rv-documents")
        self.documents_errors = ErrorPanel("rv-documents-erreur")
        self.issue_document = guarded(self.documents_errors)(self._document)
        doc_buttons = []
        for label, kind in (("Résumé du budget", "budget"), ("Échéancier à signer", "echeancier"),
                            ("Courriers aux créanciers", "lettres"), ("Tout le rendez-vous (un PDF)", "pack")):
            button = w.Button(description=label, icon="file-pdf-o", layout=w.Layout(width="auto"))
            button.add_class(f"rv-document-{kind}")
            button.on_click(lambda _b, k=kind: self.issue_document(k))
            doc_buttons.append(button)
        self.documents_list = html_output("rv-documents-liste")
        documents = w.VBox([w.HBox(doc_buttons, layout=w.Layout(flex_flow="row wrap")), self.documents_errors,
                            self.documents_out, _title("Documents déjà remis"), self.documents_list])

        # ---- Notes
        self.note = w.Textarea(placeholder="Ce qui a été dit, convenu, à faire…", layout=w.Layout(width="100%",
                                                                                                 height="90px"))
        self.note.add_class("rv-note")
        add_note = w.Button(description="Ajouter la note", icon="plus")
        add_note.add_class("rv-ajouter-note")
        self.add_note = guarded(self.errors)(self._add_note)
        add_note.on_click(lambda _b: self.add_note())
        self.notes_out = html_output("rv-notes")
        vocab = vocabulary()
        kinds = [(k.label, code) for code, k in vocab.types.items() if not k.retire]
        self.act_kind = w.Dropdown(options=kinds, value="rendez_vous_pcb" if "rendez_vous_pcb" in vocab.types
                                   else kinds[0][1], layout=w.Layout(width="320px"))
        self.act_reasons = {code: w.Checkbox(value=False, description=r.label, indent=False,
                                             layout=w.Layout(width="auto"))
                            for code, r in vocab.motifs.items() if not r.retire}
        self.act_outcomes = {code: w.Checkbox(value=False, description=o.label, indent=False,
                                              layout=w.Layout(width="auto"))
                             for code, o in vocab.resultats.items() if not o.retire}
        self.act_minutes = NumberInput("Durée", "acte.duree", "int", unit="min", css="rv-acte-duree", width="90px",
                                       minimum=0, maximum=24 * 60)
        record_act_button = w.Button(description="Enregistrer l'acte", icon="check", button_style="primary")
        record_act_button.add_class("rv-enregistrer-acte")
        self.record_act = guarded(self.errors)(self._record_act)
        record_act_button.on_click(lambda _b: self.record_act())
        self.acts_out = html_output("rv-actes")
        notes = w.VBox([
            _title("Acte du jour (compté dans l'activité, sans donnée personnelle)"),
            choice(self.act_kind, "Type d'acte", "rv-acte-type"),
            w.HTML("<b>Motifs</b>"), w.HBox(list(self.act_reasons.values()), layout=w.Layout(flex_flow="row wrap")),
            w.HTML("<b>Résultats</b>"), w.HBox(list(self.act_outcomes.values()), layout=w.Layout(flex_flow="row wrap")),
            self.act_minutes, record_act_button, self.acts_out,
            _title("Notes"), self.note, add_note, self.notes_out])

        self.tabs = w.Tab(children=[foyer, budget, plan, energy, rights, documents, notes])
        for index, title in enumerate(["Foyer", "Budget", "Plan et suivi", "Énergie", "Droits", "Documents",
                                       "Notes"]):
            self.tabs.set_title(index, title)
        self.tabs.add_class("rv-onglets")
        close = w.Button(description="Fermer le dossier", icon="times")
        close.add_class("rv-fermer")
        close.on_click(lambda _b: self._close())
        reload_button = w.Button(description="Ouvrir la version enregistrée", icon="refresh")
        reload_button.add_class("rv-conflit-recharger")
        reload_button.on_click(lambda _b: guarded(self.errors)(self._reload)())
        overwrite = w.Button(description="Garder ma version (l'enregistrer par-dessus)", icon="save",
                             layout=w.Layout(width="auto"))
        overwrite.add_class("rv-conflit-garder")
        overwrite.on_click(lambda _b: guarded(self.errors)(self._overwrite)())
        self.conflict_box = w.HBox([reload_button, overwrite], layout=w.Layout(display="none"))
        self.kept_copy = html_output("rv-copie")
        self.header = html_output("rv-entete")
        self.widget = w.VBox([w.HTML(_STYLE), w.HBox([self.header, close], layout=w.Layout(
            justify_content="space-between", align_items="center")), self.status, self.errors,
            self.conflict_box, self.kept_copy, self.tabs])
        self.widget.add_class("rv-vue")

        self._fill()
        self.save_live = Live(guarded(self.errors)(self._save)).watch(
            self.household, self.housing, self.postcode, self.territory, self.housing_aid, self.rfr, self.rfr_year,
            self.holder, self.name, self.first, self.phone, self.language, self.resources, self.charges,
            self.debts, self.contracts, self.energy_records)
        self.budget_live = Live(guarded(self.budget_errors, on_error=self.card.hide)(self._budget),
                                marks=[self.card]).watch(self.household, self.resources, self.charges, self.debts)
        self._loading = False
        self._render_all()

    # ------------------------------------------------------------------ model ↔ widgets
    def _fill(self) -> None:
        """Put the dossier into the widgets (opening, or after a reload)."""
        d = self.session.dossier
        adults = [m for m in d.membres if m.role == ROLE_ADULT and not m.a_charge]
        others = [m for m in d.membres if m.role == ROLE_ADULT and m.a_charge]
        self.household.adults.value = len(adults)
        self.household.dependants.value = len(others)
        for row in list(self.household.children_rows):
            self.household.remove_child(row)
        for child in (m for m in d.membres if m.role == ROLE_CHILD):
            self.household.add_child(age=child.age_on(self.today, d.cree_le), alternating=child.residence_alternee)
        self.housing.value = d.logement.statut
        self.postcode.value = d.logement.code_postal or ""
        self.territory.value = d.logement.territoire_fsl
        self.housing_aid.value = d.logement.aide_logement
        self.rfr.value = d.fiscal.rfr
        self.rfr_year.value = d.fiscal.annee_revenus
        self.holder.value = d.fiscal.titulaire_contrat_electricite
        for kind, editor in (("ressources", self.resources), ("charges", self.charges)):
            for row in list(editor.rows):
                editor.remove(row)
            for line in getattr(d, kind):
                editor.add(line.categorie, str(line.montant).replace(".", ","), line.periodicite)
        self.debts.fill(d.dettes)
        self.contracts.fill(d.contrats)
        self.energy_records.fill(d)
        self.energy_pages.value = energy_pages_html(d.reference)

    def _collect(self) -> None:
        """Write what is typed into the working copy (raises InputError, the
        widgets keep their text)."""
        d = self.session.dossier
        members = [Member(role=ROLE_ADULT) for _ in range(self.household.adults_count())]
        members += [Member(role=ROLE_ADULT, a_charge=True) for _ in range(self.household.dependants_count())]
        members += [Member(role=ROLE_CHILD, age=m["age"], residence_alternee=m.get("residence_alternee", False))
                    for m in self.household.members() if m["role"] == ROLE_CHILD]
        if not any(m.role == ROLE_ADULT for m in members) and (members or d.membres):
            # an empty household is one not typed yet (a dossier kept from the bill or Linky page): no error
            raise InputError("membres", "Adultes", "le foyer ne compte aucun adulte", "au moins un adulte")
        if [(m.role, m.age, m.residence_alternee, m.a_charge) for m in members] != \
                [(m.role, m.age, m.residence_alternee, m.a_charge) for m in d.membres]:
            d.membres = members
        postcode = _clean(self.postcode.value)
        if postcode is not None and not (len(postcode) == 5 and postcode.isdigit()):
            raise InputError("logement.code_postal", "Code postal du logement", f"« {postcode} » n'est pas un "
                             "code postal", "cinq chiffres, par exemple 69100")
        d.logement = d.logement.model_copy(update={
            "statut": self.housing.value, "code_postal": postcode, "territoire_fsl": self.territory.value,
            "aide_logement": self.housing_aid.value})
        d.fiscal = d.fiscal.model_copy(update={"rfr": self.rfr.parsed(), "annee_revenus": self.rfr_year.parsed(),
                                               "titulaire_contrat_electricite": self.holder.value})
        d.identite = d.identite.model_copy(update={
            "nom": _clean(self.name.value), "prenom": _clean(self.first.value),
            "telephone": _clean(self.phone.value), "langue": _clean(self.language.value)})
        for kind, editor in (("ressources", self.resources), ("charges", self.charges)):
            lines = [BudgetLine(categorie=v["categorie"], montant=v["montant"], periodicite=v["periodicite"])
                     for v in editor.values()]
            old = getattr(d, kind)
            if [(x.categorie, x.montant, x.periodicite) for x in lines] != \
                    [(x.categorie, x.montant, x.periodicite) for x in old]:
                setattr(d, kind, lines)
        d.dettes = self.debts.collect(d)
        d.contrats = self.contracts.collect(d)
        d.factures, d.releves = self.energy_records.collect(d)

    def _save(self) -> None:
        if self._loading:
            return
        if self.session.conflict is not None:
            raise self.session.conflict  # stays on screen until the counsellor chooses
        self._collect()
        self._commit()
        self._render_follow()
        self.energy_records.refresh(self.session.dossier)

    def _commit(self) -> None:
        try:
            self.session.commit()
        except ConflictError:
            self.conflict_box.layout.display = None
            self._render_status()
            raise
        self._render_status()

    def save_now(self) -> None:
        """Save at once (tests, closing the dossier)."""
        self.save_live.flush()
        guarded(self.errors)(self._save)()

    # ------------------------------------------------------------------ rendering
    def _render_all(self) -> None:
        self._render_header()
        self._render_status()
        self.budget_live.flush()
        self._budget_guarded()
        self._render_follow()
        self._render_rights()
        self._render_documents()
        self._render_acts()
        self._render_notes()

    def _budget_guarded(self) -> None:
        guarded(self.budget_errors, on_error=self.card.hide)(self._budget)()

    def _render_header(self) -> None:
        d = self.session.dossier
        name = d.identite.display_name()
        self.header.value = (f'<h2 style="margin:4px 0">Dossier {esc(d.reference)}'
                             f'{" — " + esc(name) if name else ""}</h2>'
                             f'<span class="ck-ref">Ouvert le {esc(date_fr(d.cree_le))} ; consentement du '
                             f'{esc(date_short(d.consentement.date))}'
                             f'{" ; budget partageable avec les créanciers" if d.consentement.partage_creanciers else ""}'
                             "</span>")

    def _render_status(self) -> None:
        pending = "".join(f'<div class="ck-ref rv-en-attente">{esc(text)}</div>' for text in self.debts.pending)
        self.status.value = f'<div class="rv-enregistre">{esc(self.session.status())}</div>{pending}'

    def _budget(self) -> None:
        d = self.session.dossier
        if not d.ressources:
            self.card.hide()
            return
        diag, cap = adapters.budget(d, self.today), adapters.capacity(d, self.today)
        show_budget(self.card, diag, cap)
        self.settings.propose(cap.values["capacite"])

    def _render_follow(self) -> None:
        d = self.session.dossier
        plan = d.current_plan()
        chosen = self.pay_debt.value
        self.pay_debt.options = [(f"{debt.creancier} ({eur(d.remaining(debt.id))} restant)", debt.id)
                                 for debt in d.dettes]
        ids = [debt.id for debt in d.dettes]
        self.pay_debt.value = chosen if chosen in ids else (ids[0] if ids else None)
        if plan is None:
            self.follow_out.value = '<p class="ck-ref">Aucun plan retenu pour l\'instant.</p>'
            return
        status = adapters.follow_up(d, plan, self.today)
        rows = []
        for debt_id, result in status.items():
            v = result.values
            rows.append(f"<tr><td>{esc(d.debt(debt_id).creancier)}</td><td><b>{esc(v['statut'])}</b></td>"
                        f"<td>{esc(eur(v['total_paye']))}</td><td>{esc(eur(v['reste_du']))}</td>"
                        f"<td>{esc(eur(v['montant_en_retard']))}</td></tr>")
        payments = "".join(
            f"<li>{esc(date_short(p.date))} : {esc(eur(p.montant))} à {esc(d.debt(p.debt_id).creancier)}</li>"
            for p in sorted(d.paiements, key=lambda p: p.date))
        self.follow_out.value = (
            f'<div class="ck-card"><p>Plan retenu le {esc(date_fr(plan.cree_le))} : {esc(eur(plan.total()))} '
            f"du {esc(date_fr(min(e.date for e in plan.echeances)))} au "
            f"{esc(date_fr(max(e.date for e in plan.echeances)))}.</p>"
            '<table class="ck-figures rv-suivi-table"><tr><th>Créancier</th><th>Situation</th><th>Payé</th>'
            f"<th>Reste dû</th><th>En retard</th></tr>{''.join(rows)}</table>"
            + (f"<p><b>Paiements enregistrés</b></p><ul>{payments}</ul>" if payments else "") + "</div>")

    def _render_rights(self) -> None:
        d = self.session.dossier
        items = "".join(f"<li>{esc(date_short(r.date))} — {esc(_RIGHT_LABELS.get(r.droit, r.droit))} : "
                        f"{esc(r.resume or r.statut or '')}</li>" for r in reversed(d.droits))
        self.rights_list.value = f"<ul>{items}</ul>" if items else '<p class="ck-ref">Aucun pour l\'instant.</p>'

    def _render_documents(self) -> None:
        d = self.session.dossier
        items = "".join(f"<li>{esc(doc.date.strftime('%d/%m/%Y %H:%M'))} — {esc(doc.titre)}</li>"
                        for doc in reversed(d.documents))
        self.documents_list.value = f"<ul>{items}</ul>" if items else '<p class="ck-ref">Aucun pour l\'instant.</p>'

    def _render_acts(self) -> None:
        d = self.session.dossier
        vocab = vocabulary()
        items = "".join(
            f"<li>{esc(date_short(a.date))} — {esc(vocab.types[a.type].label if a.type in vocab.types else a.type)}"
            + (f" : {esc(', '.join(vocab.resultats[r].label for r in a.resultats if r in vocab.resultats))}"
               if a.resultats else "") + "</li>" for a in reversed(d.actes))
        self.acts_out.value = f"<ul>{items}</ul>" if items else '<p class="ck-ref">Aucun acte noté pour l\'instant.</p>'

    def _render_notes(self) -> None:
        d = self.session.dossier
        items = "".join(f'<div class="ck-card"><span class="ck-ref">{esc(n.date.strftime("%d/%m/%Y %H:%M"))} — '
                        f"{esc(n.auteur)}</span><br>{esc(n.texte)}</div>" for n in reversed(d.notes))
        self.notes_out.value = items or '<p class="ck-ref">Aucune note pour l\'instant.</p>'

    # ------------------------------------------------------------------ actions
    def _change(self, mutate, render) -> None:
        """Apply a button's change to the dossier and save it at once."""
        if self.session.conflict is not None:
            raise self.session.conflict
        self._collect()
        mutate(self.session.dossier)
        self._commit()
        render()

    def _propose(self) -> None:
        self._collect()
        first = self.settings.first()
        result, plan = adapters.propose_plan(self.session.dossier, self.capacity.parsed(), first, self.today,
                                             methode=self.method.value)
        self._proposal = plan
        self.proposal_out.value = plan_html(result, self.today)
        self.keep.layout.display = None

    def _keep_plan(self) -> None:
        plan = self._proposal
        if plan is None:
            raise InputError("plan", "Plan", "aucun plan n'a été calculé", "calculer un plan d'abord")

        def mutate(d: Dossier) -> None:
            for old in d.plans:
                if old.statut in ("propose", "accepte"):
                    old.statut = "remplace"
                    plan.remplace = plan.remplace or old.id
            plan.statut = "accepte"
            d.plans.append(plan)

        self._change(mutate, self._render_follow)
        if "echeancier" in self.act_outcomes:
            self.act_outcomes["echeancier"].value = True
        self._proposal = None
        self.keep.layout.display = "none"
        self.proposal_out.value = '<p class="rv-plan-retenu">✔ Plan retenu et enregistré dans le dossier.</p>'

    def _record_payment(self) -> None:
        debt_id = self.pay_debt.value
        if debt_id is None:
            raise InputError("paiement.creancier", "Créancier", "aucune dette dans le dossier",
                             "une dette saisie dans « Dettes »")
        day = self.pay_date.parsed()
        amount = self.pay_amount.parsed()
        if day is None or amount is None:
            raise InputError("paiement", "Paiement", "la date ou le montant manque", "la date et le montant payé")
        if day > self.today:
            raise InputError("paiement.date", "Date du paiement", "cette date est dans le futur",
                             f"une date jusqu'au {date_short(self.today)}")
        plan = self.session.dossier.current_plan()
        payment = Payment(date=day, montant=amount, debt_id=debt_id,
                          plan_id=plan.id if plan is not None and debt_id in plan.debt_ids else None)
        self._change(lambda d: d.paiements.append(payment), self._render_follow)
        self.pay_amount.value = ""

    def _cheque(self) -> None:
        self._collect()
        d = self.session.dossier
        result = adapters.cheque(d, self.cheque_year.value)
        summary = (f"{eur(result['montant'], whole=True)} (campagne {self.cheque_year.value})" if result["eligible"]
                   else f"pas de chèque (campagne {self.cheque_year.value})")
        record = adapters.right_record("cheque_energie", result, {**adapters.cheque_energie_input(d),
                                                                  "year": self.cheque_year.value},
                                       statut="eligible" if result["eligible"] else "non_eligible", resume=summary)
        self.right_out.value = (f'<div class="ck-card"><div class="ck-sub">Chèque énergie</div>'
                                f'<div class="ck-big">{esc(summary)}</div></div>' + warnings_html(result))
        self._change(lambda dossier: dossier.droits.append(record), self._render_rights)

    def _fsl(self) -> None:
        self._collect()
        d = self.session.dossier
        result = adapters.fsl_check(d, self.volet.value, self.today)
        v = result.values
        summary = f"{v['statut_libelle']} — FSL {v['nom']}, volet {self.volet.label.lower()}"
        if v["aide_max"] is not None:
            summary += f", aide maximale {eur(v['aide_max'])}"
        criteria = "".join(f"<tr><td>{esc(c['label'])}</td><td><b>{esc(c['statut'].replace('_', ' '))}</b></td>"
                           f"<td>{esc(c.get('detail') or '')}</td></tr>" for c in v["criteres"])
        self.right_out.value = (f'<div class="ck-card"><div class="ck-big" style="font-size:1.4em">'
                                f"{esc(v['statut_libelle'])}</div><p>{esc(summary)}</p>"
                                f'<table class="ck-figures">{criteria}</table></div>' + warnings_html(result))
        record = adapters.right_record("fsl", result, adapters.fsl_input(d, self.volet.value, self.today),
                                       statut=v["statut"], resume=summary)
        self._change(lambda dossier: dossier.droits.append(record), self._render_rights)

    def _document(self, kind: str) -> None:
        from ..documents import from_dossier
        from ..documents.render import combine

        self._collect()
        self.session.commit()
        d = self.session.dossier
        plan = d.current_plan()
        if kind != "budget" and plan is None:
            raise InputError("plan", "Plan retenu", "aucun plan n'est retenu dans ce dossier",
                             "retenir un plan dans « Plan et suivi » d'abord")
        if kind == "budget":
            docs = [from_dossier.budget_document(d, self.today)]
        elif kind == "echeancier":
            docs = [from_dossier.echeancier_document(d, plan, self.today)]
        elif kind == "lettres":
            docs = [from_dossier.letter_document(d, plan, debt_id, self.today) for debt_id in plan.debt_ids]
        else:
            docs = from_dossier.appointment_pack(d, plan, self.today)
        pdf = combine(docs) if len(docs) > 1 else docs[0].pdf()
        name = {"budget": "budget", "echeancier": "echeancier", "lettres": "courriers",
                "pack": "rendez-vous"}[kind] + f"-{d.reference}.pdf"
        link = document_link(pdf, name, "rv-telecharger")
        notices = "".join(f'<div class="ck-warning">{esc(n)}</div>' for doc in docs for n in doc.notices)
        preview = render_preview(docs[0].html)
        self.documents_out.value = f"{PREVIEW_STYLE}<p>{link}</p>{notices}{preview}"

        def mutate(dossier: Dossier) -> None:
            for doc in docs:
                from_dossier.record(dossier, doc, by=self.session.user, plan_id=plan.id if plan else None)

        self._change(mutate, self._render_documents)

    def _record_act(self) -> None:
        """Record the act in the dossier's history and in the activity record,
        in one transaction (:func:`counselling.activity.record_act`)."""
        from ..activity.record import record_act

        if self.session.conflict is not None:
            raise self.session.conflict
        self._collect()
        self._commit()
        act = Act(date=self.today, type=self.act_kind.value, conseiller=self.session.user,
                  site=self.session.dossier.site or _site(),
                  motifs=[code for code, box in self.act_reasons.items() if box.value],
                  resultats=[code for code, box in self.act_outcomes.items() if box.value],
                  duree_minutes=self.act_minutes.parsed())
        done = record_act(self.session.store, act, dossier=self.session.dossier, version=self.session.version,
                          by=self.session.user)
        self.session.saved = self.session.dossier.model_copy(deep=True)
        self.session.version = done.version
        self.session.updated_at = dt.datetime.now(dt.timezone.utc)
        for box in [*self.act_reasons.values(), *self.act_outcomes.values()]:
            box.value = False
        self.act_minutes.value = ""
        self._render_status()
        self._render_acts()

    def _add_note(self) -> None:
        text = self.note.value.strip()
        if not text:
            raise InputError("note", "Note", "la note est vide", "quelques mots")
        note = Note(date=dt.datetime.now().replace(microsecond=0), auteur=self.session.user, texte=text)
        self._change(lambda d: d.notes.append(note), self._render_notes)
        self.note.value = ""

    def _reload(self) -> None:
        from ..dossier.model import dossier_to_json

        mine = self.session.reload()
        data = base64.b64encode(dossier_to_json(mine).encode("utf-8")).decode("ascii")
        self.kept_copy.value = (
            '<div class="ck-warning">Votre version non enregistrée reste disponible : '
            f'<a download="{esc(mine.reference)}-ma-version.json" href="data:application/json;base64,{data}">'
            "télécharger ma version</a> (à comparer, puis à reporter).</div>")
        self.conflict_box.layout.display = "none"
        self.errors.clear()
        self._loading = True
        self._fill()
        self._loading = False
        self._render_all()

    def _overwrite(self) -> None:
        self.session.overwrite()
        self.conflict_box.layout.display = "none"
        self.errors.clear()
        self._render_status()

    def _close(self) -> None:
        guarded(self.errors)(self._close_unguarded)()

    def _close_unguarded(self) -> None:
        self.save_now()
        if self.on_close is not None:
            self.on_close()


class ItemsEditor(w.VBox):
    """Rows bound to items of the dossier (each row keeps its item's id):
    an « add » button, ``bind`` for the autosave, ``fill`` from the dossier.
    Subclasses build a row (``add``) and read the rows back (``collect``)."""

    def __init__(self, view: AppointmentView, add_label: str, css: str):
        self.view = view
        self.rows: list[dict] = []
        self.box = w.VBox()
        self.box.add_class(css)
        add = w.Button(description=add_label, icon="plus")
        add.add_class(f"{css}-ajouter")
        add.on_click(lambda _b: self.add())
        self._lives: list[Live] = []
        super().__init__([self.box, add])

    def bind(self, live: Live) -> None:
        self._lives.append(live)
        for row in self.rows:
            live.watch(*row["controls"])

    def _append(self, row: dict) -> None:
        self.rows.append(row)
        self.box.children = [r["box"] for r in self.rows]
        for live in self._lives:
            live.watch(*row["controls"])
            live.changed()

    def fill(self, items) -> None:
        self.rows = []
        self.box.children = []
        for item in items:
            self.add(item)

    def add(self, item=None) -> None:  # pragma: no cover - subclasses
        raise NotImplementedError


class DebtsEditor(ItemsEditor):
    """The dossier's debts: creditor, kind, amount owed, reference at the creditor."""

    def __init__(self, view: AppointmentView):
        self.kinds = [(k.label, code) for code, k in categories().dettes.valeurs.items()]
        self.pending: list[str] = []
        super().__init__(view, "Ajouter une dette", "rv-dettes")

    def add(self, debt: Debt | None = None) -> None:
        number_ = len(self.rows) + 1
        creditor = _text(f"Créancier n° {number_}", f"dettes[{number_ - 1}].creancier", "rv-dette-creancier",
                         debt.creancier if debt else "", width="170px")
        kind = w.Dropdown(options=self.kinds, value=debt.nature if debt else "energie", layout=w.Layout(width="230px"))
        amount = NumberInput(f"Montant dû (dette n° {number_})", f"dettes[{number_ - 1}].montant", "money",
                             css="rv-dette-montant", width="130px")
        amount.value = str(debt.montant).replace(".", ",") if debt else ""
        reference = _text("Référence", f"dettes[{number_ - 1}].reference", "rv-dette-reference",
                          debt.reference if debt else "", width="140px")
        remove = w.Button(description="", icon="trash", tooltip="Retirer cette dette", layout=w.Layout(width="40px"))
        line = w.HBox([creditor, choice(kind, "Nature", "rv-dette-nature", width="230px"), amount, reference,
                       remove], layout=w.Layout(align_items="flex-end", flex_flow="row wrap"))
        line.add_class("rv-dette")
        row = {"id": debt.id if debt else None, "creancier": creditor, "nature": kind, "montant": amount,
               "reference": reference, "box": line, "controls": [creditor, kind, amount, reference]}
        remove.on_click(lambda _b, r=row: guarded(self.view.errors)(self.remove)(r))
        self._append(row)

    def remove(self, row: dict) -> None:
        if row["id"] is not None and not self.view.session.dossier.can_remove_debt(row["id"]):
            raise InputError("dettes", "Dette", "des paiements, un plan ou un document la concernent : elle est "
                             "gardée", "ne retirer qu'une dette saisie par erreur, sans suivi")
        self.rows.remove(row)
        self.box.children = [r["box"] for r in self.rows]
        for live in self._lives:
            live.changed()

    def collect(self, dossier: Dossier) -> list[Debt]:
        """The debts as typed; an existing debt keeps its id and its limits."""
        by_id = {d.id: d for d in dossier.dettes}
        debts = []
        self.pending = []
        for row in self.rows:
            name = _clean(row["creancier"].value)
            amount = row["montant"].parsed()
            if name is None and amount is None:
                continue
            if name is None or amount is None:
                self.pending.append(f"{row['creancier'].label} : le nom et le montant dû sont à saisir ; "
                                    "la dette sera enregistrée dès qu'ils le seront.")
                if row["id"] in by_id:  # an incomplete line never removes a debt already kept
                    debts.append(by_id[row["id"]])
                continue
            update = {"creancier": name, "nature": row["nature"].value, "montant": amount,
                      "reference": _clean(row["reference"].value)}
            if row["id"] in by_id:
                old = by_id[row["id"]]
                debt = old if all(getattr(old, k) == v for k, v in update.items()) else old.model_copy(update=update)
            else:
                debt = Debt(**update)
                row["id"] = debt.id
            debts.append(debt)
        return debts


class ContractsEditor(ItemsEditor):
    """Energy contracts: energy, supplier, option, power, meter, holder."""

    OPTIONS = [("Non renseignée", None), ("Base", "base"), ("Heures creuses", "hc"), ("Tempo", "tempo")]

    def __init__(self, view: AppointmentView):
        super().__init__(view, "Ajouter un contrat", "rv-contrats")

    def add(self, contract: EnergyContract | None = None) -> None:
        energy = w.Dropdown(options=ENERGIES, value=contract.energie if contract else "electricite",
                            layout=w.Layout(width="160px"))
        supplier = _text("Fournisseur", "contrat.fournisseur", "rv-contrat-fournisseur",
                         contract.fournisseur if contract else "", width="160px")
        known = [value for _label, value in self.OPTIONS]
        other = [(contract.option, contract.option)] if contract and contract.option not in known else []
        option = w.Dropdown(options=self.OPTIONS + other, value=contract.option if contract else None,
                            layout=w.Layout(width="150px"))
        power = NumberInput("Puissance", "contrat.puissance_kva", "int", unit="kVA", css="rv-contrat-puissance",
                            width="90px", minimum=1, maximum=36)
        power.value = contract.puissance_kva if contract else ""
        meter = w.Dropdown(options=METERS, value=contract.compteur if contract else "inconnu",
                           layout=w.Layout(width="130px"))
        holder = w.Dropdown(options=YES_NO, value=contract.titulaire if contract else None,
                            layout=w.Layout(width="120px"))
        line = w.HBox([choice(energy, "Énergie", "rv-contrat-energie", width="160px"), supplier,
                       choice(option, "Option", "rv-contrat-option", width="150px"), power,
                       choice(meter, "Compteur", "rv-contrat-compteur", width="130px"),
                       choice(holder, "Au nom du foyer", "rv-contrat-titulaire", width="120px")],
                      layout=w.Layout(align_items="flex-end", flex_flow="row wrap"))
        line.add_class("rv-contrat")
        row = {"id": contract.id if contract else None, "energie": energy, "fournisseur": supplier,
               "option": option, "puissance": power, "compteur": meter, "titulaire": holder, "box": line,
               "controls": [energy, supplier, option, power, meter, holder]}
        self._append(row)

    def collect(self, dossier: Dossier) -> list[EnergyContract]:
        by_id = {c.id: c for c in dossier.contrats}
        out = []
        for row in self.rows:
            update = {"energie": row["energie"].value, "fournisseur": _clean(row["fournisseur"].value),
                      "option": row["option"].value, "puissance_kva": row["puissance"].parsed(),
                      "compteur": row["compteur"].value, "titulaire": row["titulaire"].value}
            if row["id"] in by_id:
                old = by_id[row["id"]]
                contract = old if all(getattr(old, k) == v for k, v in update.items()) else old.model_copy(
                    update=update)
            else:
                contract = EnergyContract(**update)
                row["id"] = contract.id
            out.append(contract)
        return out


def energy_pages_html(reference: str) -> str:
    """Links to the bill and Linky pages that come back to this dossier: the
    page opens with the reference typed in « Ajouter au dossier »."""
    links = " · ".join(f'<a href="{page}?reference={esc(reference)}" target="_blank">{esc(label)}</a>'
                       for page, label in (("facture_electricite.ipynb", "Vérifier une facture d'électricité"),
                                           ("linky.ipynb", "Lire un relevé Linky")))
    return f'<p class="ck-ref">Pour ce dossier : {links}.</p>'


class EnergyRecords(w.VBox):
    """The dossier's bills and readings, one plain table per contract (period,
    consumption [kWh], amount [€], where the line comes from), each line with
    a button that removes it when it was kept by mistake. A removal is saved
    like everything else on the page (``bind`` for the autosave)."""

    COLUMNS = "220px 170px 120px minmax(200px, 520px) 44px"

    def __init__(self, dossier: Callable[[], Dossier]):
        self.dossier = dossier
        self.removed: set[str] = set()
        self._lives: list[Live] = []
        self._shown: tuple | None = None
        super().__init__()
        self.add_class("rv-energie-lignes")

    def bind(self, live: Live) -> None:
        self._lives.append(live)

    def fill(self, dossier: Dossier) -> None:
        """Show the dossier as opened (or reloaded): nothing removed yet."""
        self.removed = set()
        self._shown = None
        self.refresh(dossier)

    def refresh(self, dossier: Dossier) -> None:
        """Draw the tables again if the contracts or the lines changed."""
        bills, readings = self.collect(dossier)
        key = (tuple(_contract_label(c) for c in dossier.contrats), tuple(x.id for x in [*bills, *readings]))
        if key == self._shown:
            return
        self._shown = key
        groups = [(c.id, _contract_label(c)) for c in dossier.contrats] + [(None, "Sans contrat")]
        tables = []
        for contract_id, label in groups:
            lines = sorted([x for x in [*bills, *readings] if x.contrat_id == contract_id], key=_line_start)
            if lines:
                tables.append(self._table(label, lines))
        self.children = tables or [w.HTML('<p class="ck-ref rv-energie-vide">Aucune facture ni relevé dans ce '
                                          "dossier. Ceux des pages « Facture d'électricité » et « Mon relevé "
                                          "Linky » y arrivent par « Enregistrer dans un dossier » puis « Ajouter au "
                                          "dossier » avec la référence de ce dossier.</p>")]

    def _table(self, label: str, lines: list) -> w.VBox:
        cells = [w.HTML(f'<b style="display:block;text-align:{align}">{esc(h)}</b>') for h, align in (
            ("Période", "left"), ("Consommation (kWh)", "right"), ("Montant (€)", "right"), ("Source", "left"))]
        cells.append(w.HTML(""))
        for line in lines:
            period, kwh, amount, source = _line_cells(line)
            remove = w.Button(description="", icon="trash", tooltip="Retirer cette ligne (gardée par erreur)",
                              layout=w.Layout(width="40px"))
            remove.add_class("rv-energie-retirer")
            remove.on_click(lambda _b, i=line.id: self.remove(i))
            cells += [w.HTML(esc(period)), *(w.HTML(f'<span style="display:block;text-align:right">{esc(x)}</span>')
                                             for x in (kwh, amount)), w.HTML(esc(source)), remove]
        grid = w.GridBox(cells, layout=w.Layout(grid_template_columns=self.COLUMNS, grid_gap="2px 12px",
                                                align_items="center"))
        grid.add_class("rv-energie-tableau")
        return w.VBox([w.HTML(f"<p><b>{esc(label)}</b></p>"), grid])

    def remove(self, item_id: str) -> None:
        """Take a line out of the tables; the autosave takes it out of the dossier."""
        self.removed.add(item_id)
        self.refresh(self.dossier())
        for live in self._lives:
            live.changed()

    def collect(self, dossier: Dossier) -> tuple[list[Bill], list[Reading]]:
        """The dossier's bills and readings without the lines removed on screen."""
        return ([b for b in dossier.factures if b.id not in self.removed],
                [r for r in dossier.releves if r.id not in self.removed])


def _line_start(line) -> dt.date:
    return line.debut if line.debut is not None else line.date


def _quantity(value) -> str:
    return "—" if value is None else number(value, 1) if value != value.to_integral_value() else number(value)


def _line_cells(line: Bill | Reading) -> tuple[str, str, str, str]:
    """Période, consommation, montant and source of a bill or a reading, in French."""
    if isinstance(line, Bill):
        source = ENERGY_ORIGINS[line.origine] if line.origine else "Facture saisie dans le dossier"
        return (f"du {date_short(line.debut)} au {date_short(line.fin)}", _quantity(line.consommation_kwh),
                "—" if line.montant_ttc is None else eur(line.montant_ttc), source)
    source = ENERGY_ORIGINS[line.origine] if line.origine else "Relevé saisi dans le dossier"
    if line.complet is False:
        source += " ; période incomplète (jours sans mesure)"
    if line.debut is None:
        index = f" ; index {number(line.index)} ({line.registre})" if line.index is not None else ""
        return f"le {date_short(line.date)}", _quantity(line.consommation_kwh), "—", source + index
    return (f"du {date_short(line.debut)} au {date_short(line.date)}", _quantity(line.consommation_kwh), "—",
            source)


def _contract_label(contract: EnergyContract) -> str:
    """« Électricité — EDF, option Heures creuses, 9 kVA, compteur Linky »."""
    options = dict((value, label) for label, value in ContractsEditor.OPTIONS)
    parts = [x for x in (contract.fournisseur,
                         f"option {options.get(contract.option, contract.option)}" if contract.option else None,
                         f"{contract.puissance_kva} kVA" if contract.puissance_kva else None,
                         f"compteur {dict((v, k) for k, v in METERS)[contract.compteur]}"
                         if contract.compteur != "inconnu" else None) if x]
    energy = dict((v, k) for k, v in ENERGIES)[contract.energie]
    return energy + (" — " + ", ".join(parts) if parts else "")


_RIGHT_LABELS = {"cheque_energie": "Chèque énergie", "fsl": "FSL", "tarif_social": "Tarif social",
                 "autre": "Autre droit"}

_STYLE = """<style>
.rv-enregistre { color: #1b5e20; font-weight: 600; margin: 2px 0 6px 0; }
</style>"""


def show(store: Store | None = None) -> w.Widget:
    """Build the « Dossiers » page (called by the notebook); a reference in the
    page's address opens that dossier at once."""
    view = DossiersView(store)
    reference = address_parameter("reference")
    if reference and view.store is not None:
        view.open(reference)
    return view.root
