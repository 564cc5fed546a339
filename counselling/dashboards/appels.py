"""Dashboard « Liste d'appels » (outgoing mediation): the weekly listing of
a partner, screened on the listing page's form, is added to the call list;
each customer's attempts, next step and outcome are noted; the return file
and the wrong numbers are downloaded for the partner. The figures come from
:class:`counselling.activity.calls.CallList`; nothing is computed here."""

from __future__ import annotations

import datetime as dt
import io

import ipywidgets as w
import pandas as pd

from ..activity.calls import CallList
from ..activity.vocabulary import vocabulary
from ..errors import InputError
from ..formatting import eur, how_many
from .kit import DateInput, choice
from .common import STYLE, ErrorPanel, download_link, esc, guarded, table_html
from .listing import ListingView

COLUMNS = [("reference", "Référence"), ("nom", "Nom"), ("telephone", "Téléphone"), ("listings", "Listings"),
           ("cheque_montant", "Chèque énergie"), ("tentatives", "Tentatives"), ("dernier_resultat", "Dernier résultat"),
           ("statut", "Issue"), ("prochaine_etape", "Prochaine étape"),
           ("prochaine_date", "Date de la prochaine étape")]


def _cell(column: str, value) -> str:
    calls = vocabulary().appels
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if column == "cheque_montant":
        return eur(int(value), whole=True)
    if column == "statut":
        return calls.issues.get(value, value)
    if column == "dernier_resultat":
        return calls.resultats.get(value, value)
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


class CallsView:
    """Partner, listing of the week, call list, attempt and outcome forms, files for the partner."""

    def __init__(self, store=None, today: dt.date | None = None):
        from ..storage import Store, current_user

        self.today = today or dt.date.today()
        self.store = store or Store()
        self.user = current_user()
        calls = vocabulary().appels
        self.errors = ErrorPanel("app-erreur")
        self.partner = w.Text(placeholder="Fournisseur A")
        self.site = w.Text(placeholder="PIMMS Meaux")
        self.week = w.Text(value=f"semaine {self.today.isocalendar().week}")
        self.listing = ListingView(today=self.today)
        self.add = w.Button(description="Ajouter à la liste d'appels", button_style="primary",
                            layout=w.Layout(width="260px"))
        self.add.add_class("app-ajouter")
        self.merged = w.HTML()
        self.merged.add_class("app-fusion")
        self.table = w.HTML()
        self.table.add_class("app-liste")
        self.line = w.Dropdown(options=[], layout=w.Layout(width="320px"))
        self.day = DateInput("Date", "tentative.date", css="app-date", value=self.today, width="150px")
        self.channel = w.Dropdown(options=[(label, code) for code, label in calls.canaux.items()])
        self.result = w.Dropdown(options=[(label, code) for code, label in calls.resultats.items()])
        self.next_step = w.Text(placeholder="rappeler en soirée")
        self.next_date = DateInput("Date de la prochaine étape", "tentative.prochaine_date", css="app-etape-date",
                                   width="150px")
        self.note = w.Button(description="Noter la tentative", layout=w.Layout(width="200px"))
        self.note.add_class("app-noter")
        self.outcome = w.Dropdown(options=[(label, code) for code, label in calls.issues.items()
                                           if code not in ("a_appeler", "en_cours")])
        self.dossier = w.Text(placeholder="2026-K7M3Q")
        self.close = w.Button(description="Noter l'issue", layout=w.Layout(width="200px"))
        self.close.add_class("app-issue")
        self.history = w.HTML()
        self.history.add_class("app-historique")
        self.files = w.HTML()
        self.files.add_class("app-fichiers")
        self._merge = guarded(self.errors)(self._merge_unguarded)
        self._attempt = guarded(self.errors)(self._attempt_unguarded)
        self._outcome = guarded(self.errors)(self._outcome_unguarded)
        self._refresh = guarded(self.errors)(self._refresh_unguarded)
        self.add.on_click(lambda _b: self._merge())
        self.note.on_click(lambda _b: self._attempt())
        self.close.on_click(lambda _b: self._outcome())
        self.partner.observe(lambda _c: self._refresh(), names="value")
        self.line.observe(lambda _c: self._refresh(), names="value")
        self.widget = w.VBox([
            w.HTML(STYLE),
            w.HBox([choice(self.partner, "Partenaire", "app-partenaire"), choice(self.site, "Site", "app-site"),
                    choice(self.week, "Nom du listing", "app-semaine")], layout=w.Layout(flex_flow="row wrap")),
            w.HTML("<h3>1. Listing de la semaine</h3><p>Choisir le fichier, indiquer les colonnes (dont le "
                   "téléphone), « Analyser », puis l'ajouter à la liste d'appels.</p>"),
            self.listing.widget, self.add, self.merged, self.errors,
            w.HTML("<h3>2. Liste d'appels</h3>"), self.table,
            w.HTML("<h3>3. Noter un contact</h3>"),
            w.HBox([choice(self.line, "Client", "app-ligne"), self.day,
                    choice(self.channel, "Canal", "app-canal"), choice(self.result, "Résultat", "app-resultat")],
                   layout=w.Layout(flex_flow="row wrap")),
            w.HBox([choice(self.next_step, "Prochaine étape", "app-etape"),
                    self.next_date, self.note],
                   layout=w.Layout(flex_flow="row wrap", align_items="flex-end")),
            w.HBox([choice(self.outcome, "Issue", "app-issue-choix"),
                    choice(self.dossier, "Dossier ouvert (avec accord)", "app-dossier",
                             "Pour un rendez-vous : la référence du dossier."), self.close],
                   layout=w.Layout(flex_flow="row wrap", align_items="flex-end")),
            self.history, w.HTML("<h3>4. Pour le partenaire</h3>"), self.files])

    def _calls(self) -> CallList:
        return CallList(self.store, self.partner.value, site=self.site.value.strip() or None)

    def _line_id(self) -> int:
        if self.line.value is None:
            raise InputError("ligne", "Client", "aucun client choisi", "un client de la liste d'appels")
        return int(self.line.value)

    def _merge_unguarded(self) -> None:
        screened = self.listing.screened
        if screened is None:
            raise InputError("listing", "Listing de la semaine", "le listing n'est pas encore analysé",
                             "choisir le fichier puis « Analyser »")
        counts = self._calls().merge_listing(screened, self.listing.used_mapping, self.week.value, today=self.today)
        self.merged.value = (f'<div class="ck-card">'
                             f'{how_many(counts["nouveaux"], "nouveau client", "nouveaux clients")}, '
                             f'{counts["deja_connus"]} déjà dans la liste, '
                             f'{how_many(counts["donnees_differentes"], "envoyé", "envoyés")} '
                             "avec d'autres données (gardés tous les deux, à vérifier).</div>")
        self._refresh_unguarded()

    def _attempt_unguarded(self) -> None:
        self._calls().attempt(self._line_id(), self.day.required(), self.channel.value, self.result.value, self.user,
                              next_step=self.next_step.value.strip() or None, next_date=self.next_date.parsed())
        self._refresh_unguarded()

    def _outcome_unguarded(self) -> None:
        self._calls().set_outcome(self._line_id(), self.outcome.value, dossier_ref=self.dossier.value.strip() or None)
        self._refresh_unguarded()

    def _refresh_unguarded(self) -> None:
        if not self.partner.value.strip():
            self.table.value = "<p>Indiquer le partenaire.</p>"
            return
        calls = self._calls()
        lines = calls.lines()
        if lines.empty:
            self.table.value = "<p>Aucun client dans la liste de ce partenaire.</p>"
            self.files.value = ""
            return
        rows = []
        for record in lines.to_dict("records"):
            row = [_cell(c, record.get(c)) for c, _ in COLUMNS]
            if record["conflit"]:
                row[0] = f"⚠ {row[0]} (données différentes)"
            rows.append(row)
        self.table.value = table_html([title for _, title in COLUMNS], rows, "app-tableau")
        chosen = self.line.value
        self.line.unobserve_all("value")
        self.line.options = [(f"{r['reference']} — {r.get('nom') or ''}".strip(" —"), r["id"])
                             for r in lines.to_dict("records")]
        self.line.value = chosen if chosen in lines["id"].tolist() else None
        self.line.observe(lambda _c: self._refresh(), names="value")
        if self.line.value is not None:
            labels = vocabulary().appels
            done = calls.history(int(self.line.value))
            self.history.value = ("<b>Historique :</b> " + (" ; ".join(
                f"{a['day']:%d/%m/%Y} {esc(labels.canaux[a['channel']])} — {esc(labels.resultats[a['result']])}"
                for a in done) or "aucune tentative"))
        self._files(calls)

    def _files(self, calls: CallList) -> None:
        from ..exports.activite import write_frame_csv

        back, wrong = io.BytesIO(), io.BytesIO()
        write_frame_csv(calls.return_file(), back)
        links = download_link(back.getvalue(), "retour_partenaire.csv", "Fichier retour pour le partenaire (CSV)")
        numbers = calls.wrong_numbers()
        if not numbers.empty:
            write_frame_csv(numbers, wrong)
            links += " &nbsp; " + download_link(wrong.getvalue(), "numeros_errones.csv",
                                                f"Numéros faux ou non attribués ({len(numbers)})")
        self.files.value = links + ('<p class="ck-ref">Le fichier retour ne contient que la référence du client '
                                    "et l'issue : aucune autre donnée.</p>")


def show(store=None) -> w.Widget:
    """Build the « Liste d'appels » dashboard (called by the notebook)."""
    return CallsView(store).widget
