"""Dashboard « Listing partenaire »: upload a supplier's listing, map its
columns to our fields, screen it (chèque énergie + FSL) with a progress bar,
read the bad rows by line number, download the screened listing."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import ipywidgets as w
import pandas as pd

from ..calculators.cheque_energie import known_years
from ..calculators.screening import screen
from ..fsl_rules import national
from ..formatting import eur, how_many, number
from ..exports.listing import fsl_label, listing_csv, listing_xlsx
from ..exports.tabular import save_file
from ..imports.listing import FIELDS, guess_mapping, read_columns, read_listing
from ..imports.mappings import remember_mapping, remembered_mapping
from .common import ErrorPanel, download_link, esc, guarded, table_html
from .kit import STALE, DateInput, choice, folded, page

NONE = "(pas de colonne)"
RESULT_COLUMNS = [("ligne", "Ligne"), ("reference", "Référence"), ("nom", "Nom"), ("departement", "Dépt"),
                  ("personnes", "Personnes"), ("cheque_montant", "Chèque énergie"),
                  ("fsl_statut", "FSL"), ("fsl_aide_max", "Aide FSL max."),
                  ("procedure_impayes_etape", "Étape de l'impayé"), ("motif", "Motif")]
MAX_SHOWN = 200
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Largest export put in the page as a data: link [octets]; above it, a file.
MAX_INLINE_BYTES = 5 * 1024 * 1024
DOWNLOAD_FOLDER = "telechargements"
LST_STYLE = """
<style>
.lst-tableau td, .lst-tableau th, .lst-mauvaises td, .lst-mauvaises th { padding: 4px 10px; border-bottom: 1px solid #e1e4e8; text-align: left; }
</style>
"""


def _cell(column: str, value, record: dict) -> str:
    """Presentation of one screened value (no computation)."""
    if value is None or pd.isna(value):
        return ""
    if column in ("cheque_montant", "fsl_aide_max"):
        return eur(value)
    if column == "fsl_statut":
        return fsl_label(value, record.get("fsl_a_demander", ""))
    if column == "personnes":
        return f"{value:.0f}" if isinstance(value, float) else str(value)
    return str(value)


class ListingView:
    """Upload, column mapping, « Analyser », summary, table, download."""

    def __init__(self, today: dt.date | None = None):
        first, last = known_years()
        self.upload = w.FileUpload(accept=".csv,.xlsx,.xls", multiple=False, description="Choisir le fichier")
        self.upload.add_class("lst-fichier")
        self.year = w.Dropdown(options=list(range(last, first - 1, -1)), value=last - 1)
        self.date = DateInput("Date de l'analyse", "date", css="lst-date", value=today or dt.date.today(),
                              help="Le règlement FSL en vigueur ce jour-là s'applique.")
        self.volet = w.Dropdown(options=[(label, code) for code, label in national().volets.items()],
                                value="energie", layout=w.Layout(width="420px"))
        self.file_info = w.HTML()
        self.file_info.add_class("lst-fichier-info")
        self.mapping = {name: w.Dropdown(options=[NONE], value=NONE) for name in FIELDS}
        mapping_boxes = []
        for name, (label, _kind, required) in FIELDS.items():
            mapping_boxes.append(choice(self.mapping[name], label + (" *" if required else ""),
                                          f"lst-champ-{name}"))
        self.mapping_box = w.VBox([
            w.HTML("<b>Correspondance des colonnes</b> : pour chaque information, choisissez la colonne du "
                   "fichier du partenaire (* = obligatoire)."),
            w.HBox(mapping_boxes, layout=w.Layout(flex_flow="row wrap"))])
        self.mapping_box.layout.display = "none"
        self.run = w.Button(description="Analyser", button_style="primary", icon="search")
        self.run.add_class("lst-analyser")
        self.progress = w.IntProgress(value=0, min=0, max=1, description="", layout=w.Layout(width="400px"))
        self.progress.add_class("lst-progression")
        self.progress_text = w.HTML()
        self.progress_text.add_class("lst-progression-texte")
        self.progress_box = w.HBox([self.progress, self.progress_text])
        self.progress_box.layout.display = "none"

        self.errors = ErrorPanel("lst-erreur")
        self.summary = w.HTML()
        self.summary.add_class("lst-resume")
        self.bad_rows = w.HTML()
        self.bad_rows.add_class("lst-mauvaises-lignes")
        self.table = w.HTML()
        self.table.add_class("lst-resultats")
        self.download = w.HTML()
        self.download.add_class("lst-telecharger")
        self.warnings = w.HTML()
        self.warnings.add_class("lst-avertissements")
        details = folded([("Avertissements sur les barèmes", self.warnings)])
        self.result_box = w.VBox([self.bad_rows, self.table, details])
        self.result_box.layout.display = "none"

        form = w.VBox([
            w.HBox([choice(self.upload, "Fichier du partenaire (CSV ou Excel)", "lst-fichier-choix",
                           "La première ligne doit nommer les colonnes."),
                    choice(self.year, "Campagne du chèque énergie", "lst-annee"),
                    self.date,
                    choice(self.volet, "Type d'aide FSL", "lst-volet")],
                   layout=w.Layout(flex_flow="row wrap")),
            self.file_info, self.mapping_box, w.HBox([self.run]), self.progress_box])
        self.summary_box = w.VBox([self.summary, self.download])
        self.summary_box.layout.display = "none"
        self.widget = page("lst-vue", [form], [self.errors, self.summary_box], below=[self.result_box],
                           extra_style=LST_STYLE)
        self.listing = None
        self.screened = None
        self.columns: list[str] = []

        self._load = guarded(self.errors)(self._load_unguarded)
        self._analyse = guarded(self.errors, on_error=self._hide_result)(self._analyse_unguarded)
        self.upload.observe(lambda _change: self._load(), names="value")
        self.run.on_click(lambda _button: self._analyse())
        for control in (self.year, self.volet, *self.mapping.values()):
            control.observe(self._outdated, names="value")
        self.date.observe_value(self._outdated)

    # ------------------------------------------------------------------ file

    def _file(self) -> io.BytesIO | None:
        if not self.upload.value:
            return None
        uploaded = self.upload.value[0]
        data = io.BytesIO(bytes(uploaded["content"]))
        data.name = uploaded["name"]
        return data

    def _load_unguarded(self) -> None:
        """Read the header only, to fill the mapping dropdowns; keep the
        choices already made when the new file has the same column."""
        self._hide_result()
        source = self._file()
        if source is None:
            return
        name = source.name
        columns = read_columns(source)
        self.columns = columns
        guessed, remembered = guess_mapping(columns), remembered_mapping(columns)
        for field, dropdown in self.mapping.items():
            previous = dropdown.value
            dropdown.options = [NONE, *columns]
            if remembered is not None:
                dropdown.value = remembered.get(field, NONE)
            else:
                dropdown.value = previous if previous in columns else guessed.get(field, NONE)
        origin = ("correspondance reprise de la dernière analyse d'un fichier de ces colonnes"
                  if remembered is not None else "correspondance devinée d'après les noms de colonnes : "
                  "vérifiez-la")
        self.file_info.value = (f'<div class="ck-card">Fichier « {esc(name)} » : colonnes '
                                f'{esc(", ".join(columns))}<br><i>{origin}.</i></div>')
        self.mapping_box.layout.display = None

    # ------------------------------------------------------------------ analyse

    def _hide_result(self) -> None:
        self.result_box.layout.display = self.summary_box.layout.display = "none"
        self.screened = None

    def _on_progress(self, done: int, total: int, step: str) -> None:
        self.progress.max = max(total, 1)
        self.progress.value = done
        self.progress_text.value = f"{number(done)} / {how_many(total, 'ligne', 'lignes')} — {esc(step)}"

    def _analyse_unguarded(self) -> None:
        source = self._file()
        if source is None:
            from ..errors import InputError

            raise InputError("fichier", "Fichier du partenaire", "aucun fichier n'a été choisi",
                             "un fichier CSV ou Excel du partenaire (bouton « Choisir le fichier »)")
        mapping = {name: d.value for name, d in self.mapping.items() if d.value != NONE}
        self.progress.value = 0
        self.progress_text.value = "Lecture du fichier…"
        self.progress_box.layout.display = None
        self.listing = read_listing(source, mapping)
        self.used_mapping = mapping
        remember_mapping(self.columns, mapping)  # next week's file from this partner is mapped the same
        rows = len(self.listing.frame)
        self.screened = screen(self.listing.frame, year=self.year.value, on=self.date.parsed(),
                               volet=self.volet.value, progress=self._on_progress,
                               chunk_size=max(1, rows // 20))
        self._render()

    def _download(self, data: bytes, filename: str, text: str, mime: str = "text/csv", css: str = "") -> str:
        """An in-page link up to :data:`MAX_INLINE_BYTES`; a bigger export is
        written as a file in :data:`DOWNLOAD_FOLDER` (beside the notebooks,
        served by Voilà's file allowlist) and linked, with a sentence saying
        where it is."""
        if len(data) <= MAX_INLINE_BYTES:
            return download_link(data, filename, text, mime, css)
        stamp = dt.datetime.now().strftime("%Y%m%d_%H%M%S")
        target = save_file(data, Path.cwd() / DOWNLOAD_FOLDER, f"{stamp}_{filename}")
        return (f'<a class="{esc(css)}" download="{esc(target.name)}" href="../files/{DOWNLOAD_FOLDER}/{esc(target.name)}" '
                f'style="font-size:1.1em;font-weight:600">⬇ {esc(text)}</a>'
                f'<p class="ck-ref">Fichier de {len(data) / 2**20:.0f} Mo, trop gros pour la page : il est '
                f'enregistré dans {esc(target)}. Supprimez-le après usage (données personnelles).</p>')

    def _render(self) -> None:
        report = self.listing.report().splitlines()
        self.summary.value = f'<div class="ck-card"><div style="font-size:1.4em;font-weight:700">{esc(report[0])}</div></div>'
        if self.listing.errors:
            rows = [[e.ligne, FIELDS.get(e.champ, (e.champ,))[0],
                     "doublon" if e.gravite == "avertissement" else "erreur", e.message]
                    for e in self.listing.errors]
            self.bad_rows.value = ("<h3>Lignes à corriger dans le fichier</h3>"
                                   + table_html(["Ligne", "Information", "Type", "Problème"], rows,
                                                "lst-mauvaises"))
        else:
            self.bad_rows.value = "<p>Aucune ligne en erreur.</p>"
        frame = self.screened
        shown = frame.head(MAX_SHOWN)
        rows = [[_cell(col, record.get(col), record) for col, _ in RESULT_COLUMNS]
                for record in shown.to_dict("records")]
        more = (f"<p class='ck-ref'>Les {MAX_SHOWN} premières lignes sont affichées ; le fichier à télécharger "
                "les contient toutes.</p>") if len(frame) > MAX_SHOWN else ""
        self.table.value = ("<h3>Résultat ligne par ligne</h3>" + more
                            + table_html([title for _, title in RESULT_COLUMNS], rows, "lst-tableau"))
        self.download.value = (self._download(listing_csv(frame), "listing_analyse.csv",
                                              "Télécharger le listing analysé (CSV)", css="lst-csv") + "<br>"
                               + self._download(listing_xlsx(frame), "listing_analyse.xlsx",
                                                "Télécharger le listing analysé (Excel)", XLSX_MIME, "lst-xlsx"))
        notes = frame.attrs.get("avertissements", [])
        self.warnings.value = "".join(f'<div class="ck-warning">⏳ {esc(n)}</div>' for n in notes) or \
            "<p>Aucun avertissement.</p>"
        self.result_box.layout.display = self.summary_box.layout.display = None
        for box in (self.summary_box, self.result_box):
            box.remove_class(STALE)

    def _outdated(self, _change=None) -> None:
        """A choice changed after the analysis: the figures shown are marked
        « pas encore à jour » until « Analyser » is clicked again."""
        for box in (self.summary_box, self.result_box):
            box.add_class(STALE)


def show() -> w.Widget:
    """Build the « Listing partenaire » dashboard (called by the notebook)."""
    return ListingView().widget
