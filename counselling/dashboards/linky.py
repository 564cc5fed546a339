"""Dashboard « Mon relevé Linky »: read an Enedis « Mes données » export
(load curve, daily index or daily maximum power) and explain it."""

from __future__ import annotations

import calendar
import datetime as dt
import io

import ipywidgets as w
from babel.dates import format_date

from ..calculators import load_curve as lc
from ..calculators.electricity import OPTIONS, conseil_option_electricite
from ..charts import energy as charts
from ..charts import workshop_style
from ..errors import InputError
from ..formatting import date_fr, eur, number, percent
from ..imports.enedis import read_enedis
from ..results import Result
from .common import ErrorPanel, cheapest_option_words, esc, figure_html, guarded, steps_html, table_html, warnings_html
from .kit import Live, TextInput, WorkshopToggle, choice, figures_table, folded, headline_html, html_output, page

TYPES = {"courbe_de_charge": "Courbe de charge (puissance moyenne par pas)",
         "index": "Index quotidiens du compteur", "puissance_maximale": "Puissance maximale atteinte chaque jour"}
POWERS = [3, 6, 9, 12, 15, 18, 24, 30, 36]


_html = html_output
_card = headline_html


def _month(key: str) -> str:
    """« 2025-03 » → « mars 2025 »."""
    return format_date(dt.date(int(key[:4]), int(key[5:7]), 1), "MMMM y", locale="fr_FR")


class LinkyView:
    """Upload, what was read, charts, HP/HC split, option advice."""

    def __init__(self):
        self.upload = w.FileUpload(accept=".csv,.txt,.xlsx", multiple=False,
                                   description="Choisir le fichier")
        self.hc_ranges = TextInput("Heures creuses du contrat", "plages_hc", css="li-plages-hc",
                                   placeholder="ex. 22:00-06:00", help="Écrites sur la facture, par exemple "
                                   "22:00-06:00 ou 01:30-07:30 ; 12:30-14:30.")
        self.power = w.Dropdown(options=POWERS, value=6)
        self.workshop = WorkshopToggle("li-atelier")
        form = [choice(self.upload, "Fichier Enedis « Mes données »", "li-fichier",
                       "Téléchargé sur le site d'Enedis : courbe de charge, index ou puissance maximale."),
                self.hc_ranges, choice(self.power, "Puissance souscrite (kVA)", "li-puissance")]
        self.errors = ErrorPanel("li-erreur")
        self.read_info = _html("li-lecture")
        self.total = _html("li-total")
        self.monthly = _html("li-mois")
        self.chart = _html("li-graphique")
        self.day = _html("li-journee")
        self.split = _html("li-hphc")
        self.warnings = _html("li-avertissements")
        self.explanation = _html("li-explication")
        details = folded([("Comment est-ce calculé ?", self.explanation)], "li-details")
        self.advise = w.Button(description="Quelle option pour cette consommation ?",
                               layout=w.Layout(width="auto"))
        self.advise.add_class("li-conseil-bouton")
        self.advice_errors = ErrorPanel("li-conseil-erreur")
        self.advice = _html("li-conseil")
        self.advice_explanation = _html("li-conseil-explication")
        advice_details = folded([("Comment est-ce calculé ? (option)", self.advice_explanation)])
        self.summary_box = w.VBox([self.total, self.split, self.warnings, details])
        self.result_box = w.VBox([self.read_info, self.monthly, self.chart, self.day, self.advise,
                                  self.advice_errors, self.advice, advice_details])
        for box in (self.summary_box, self.result_box):
            box.layout.display = "none"
        self.widget = page("li-vue", form, [self.errors, self.summary_box], intro=[self.workshop],
                           below=[self.result_box])
        self.workshop.attach(self.widget)
        self.export = None
        self._source = None  # the file object read into self.export (read again only when it changes)
        self._charts_for = None  # (export, workshop) the monthly chart was drawn for
        self.last_result: Result | None = None
        self.last_advice: Result | None = None
        self.last_months: list[dict] | None = None  # the monthly totals shown: what a dossier may keep

        self._compute = guarded(self.errors, on_error=self._hide)(self._compute_unguarded)
        self._advise = guarded(self.advice_errors, on_error=self._hide_advice)(self._advise_unguarded)
        self.live = Live(self._compute, marks=[self.summary_box, self.result_box]).watch(
            self.upload, self.hc_ranges, self.power)
        self.workshop.on_change(lambda _on: self.live.changed())
        self.advise.on_click(lambda _b: self._advise())
        self._paper()

    def _paper(self) -> None:
        from .paper import SaveToDossier, attach, nothing_to_keep

        def kept():
            if self.last_result is None or self.export is None:
                raise nothing_to_keep("un fichier Enedis lu (courbe de charge ou index quotidiens)")
            if not self.last_months:
                raise InputError("fichier", "Consommation par mois", "la puissance maximale ne donne pas la "
                                 "consommation : rien à garder dans un dossier",
                                 "une courbe de charge ou des index quotidiens")
            return {"energie": months_for_dossier(self.last_months, self.last_result)}

        attach(self.widget, SaveToDossier(kept, "li", settle=[self.live]))

    # ------------------------------------------------------------------------
    def _hide(self) -> None:
        for box in (self.summary_box, self.result_box):
            box.layout.display = "none"
        self.last_result = None
        self._hide_advice()

    def _hide_advice(self) -> None:
        self.advice.value = ""
        self.advice_explanation.value = ""
        self.last_advice = None

    def load(self, content: bytes, name: str) -> None:
        """What the upload does, callable from tests: read and render."""
        self._uploaded = (bytes(content), name)
        self.live.changed()

    def _file(self):
        """(content, name) of the file to read, and the object standing for it."""
        if self.upload.value:
            item = self.upload.value[0]
            return (bytes(item["content"]), item["name"]), self.upload.value
        uploaded = getattr(self, "_uploaded", None)
        return uploaded, uploaded

    def _read(self):
        """The export, read again only when another file was given."""
        file, source = self._file()
        if file is None:
            return None
        if source is not self._source or self.export is None:
            content, name = file
            self.export, self._source, self._charts_for = None, None, None
            self.last_months = None
            self.monthly.value = self.chart.value = ""
            named = io.BytesIO(content)
            named.name = name  # so the reader's message names the file
            export = read_enedis(named)
            export.fichier = export.fichier or name
            self.export, self._source = export, source
            self.read_info.value = self._read_html(export, name)
        return self.export

    def _compute_unguarded(self) -> None:
        self._hide_advice()
        export = self._read()
        if export is None:
            self._hide()
            return
        for out in (self.total, self.split, self.day, self.warnings, self.explanation):
            out.value = ""
        if export.type == "courbe_de_charge":
            self._render_curve(export)
        elif export.type == "puissance_maximale":
            self._render_max_power(export)
        else:
            self._render_index(export)
        for box in (self.summary_box, self.result_box):
            box.layout.display = None

    def _read_html(self, export, name: str) -> str:
        rows = [("Fichier", name), ("Type de relevé", TYPES.get(export.type, export.type))]
        if export.prm:
            rows.append(("Numéro du point de livraison (PRM)", export.prm))
        if export.type == "courbe_de_charge":
            steps = sorted({int(s) for s in export.data["pas_min"].unique()})
            rows.append(("Pas des mesures", " puis ".join(f"{s} minutes" for s in steps)))
        gaps = export.trous
        if len(gaps) == 0:
            rows.append(("Trous dans les mesures", "aucun"))
        table = figures_table(rows)
        items = ""
        if len(gaps):
            if "minutes" in gaps:
                items = "".join(f"<li>du {esc(date_fr(g['debut'].date()))} {g['debut']:%H:%M} au "
                                f"{esc(date_fr(g['fin'].date()))} {g['fin']:%H:%M} : {g['minutes']} minutes "
                                f"({esc(g['nature'])})</li>" for g in gaps.to_dict("records"))
            else:
                items = "".join(f"<li>{esc(date_fr(g['date']))} : pas de valeur (ligne {g['ligne']})</li>"
                                for g in gaps.to_dict("records"))
            items = f"<p><b>Trous dans les mesures (non complétés) :</b></p><ul>{items}</ul>"
        skipped = "".join(f"<li>ligne {n} : {esc(why)}</li>" for n, _text, why in export.lignes_ignorees)
        if skipped:
            items += f"<p><b>Lignes ignorées :</b></p><ul>{skipped}</ul>"
        return f"<h3>Ce qui a été lu</h3>{table}{items}"

    def _render_curve(self, export) -> None:
        data = export.data
        plages = self.hc_ranges.value.strip() or None
        result = lc.load_curve_summary(data, plages, minutes_lignes_absentes=export.minutes_lignes_absentes)
        self.last_result = result
        v = result.values
        self.total.value = _card(f"{number(v['kwh_mesures'], 1)} kWh",
                                 f"mesurés du {date_fr(v['debut'])} au {date_fr(v['fin'])}")
        workshop = self.workshop.value
        if self._charts_for != (export, workshop):  # the file or the type size changed, not the hours
            self._charts_for = None
            monthly = lc.monthly_totals(data)
            self._render_months(monthly, [lc.kwh(w) for w in monthly["wmin"]], workshop)
            self._profile = lc.typical_day(data)
            self._charts_for = (export, workshop)
        ranges = lc.parse_hc_ranges(plages) if plages else None
        with workshop_style(workshop):
            day_chart = figure_html(charts.typical_day(self._profile, ranges), "Journée type")
        self.day.value = ("<h3>Journée type</h3><p>La puissance moyenne de chaque heure de la journée.</p>"
                          + day_chart)
        if v["kwh_hc"] is not None:
            self.split.value = _split_html(v)
        else:
            self.split.value = ('<p class="ck-ref">Tapez les heures creuses du contrat pour voir la part '
                                'consommée en heures creuses.</p>')
        self.total.value += _year_html(v)
        self.advise.layout.display = None
        self.warnings.value = warnings_html(result)
        self.explanation.value = steps_html(result)

    def _render_months(self, monthly, energies, workshop: bool) -> None:
        """Monthly table and chart; an incomplete month is said so on its row."""
        rows, self.last_months = [], []
        for (month, row), energy in zip(monthly.iterrows(), energies):
            self.last_months.append({"mois": month, "kwh": energy, "complet": bool(row["complet"])})
            state = row["etat"]
            if not row["complet"] and row.get("minutes_manquantes", 0) and "wmin" in monthly:
                state += f", {number(int(row['minutes_manquantes']))} minutes sans mesure"
            rows.append([_month(month), f"{number(energy, 1)} kWh", state])
        self.monthly.value = "<h3>Consommation par mois</h3>" + table_html(
            ["Mois", "Énergie mesurée", "Mesures"], rows, "li-mois-tableau")
        with workshop_style(workshop):
            self.chart.value = figure_html(charts.monthly_bars(monthly), "Consommation par mois (graphique)")

    def _render_index(self, export) -> None:
        registers = export.registres_hc_hp or (None, None)
        result = lc.index_year_summary(export.data, *registers)
        self.last_result = result
        v = result.values
        self.total.value = _card(f"{number(v['kwh_mesures'], 1)} kWh",
                                 f"mesurés du {date_fr(v['debut'])} au {date_fr(v['fin'])} (index quotidiens)")
        self.total.value += _year_html(v)
        workshop = self.workshop.value
        if self._charts_for != (export, workshop):
            self._charts_for = None
            monthly = lc.monthly_from_index(export.data)
            self._render_months(monthly, list(monthly["kwh"]), workshop)
            self._charts_for = (export, workshop)
        if v["part_hc"] is not None:
            self.split.value = (_split_html(v) + f'<p class="ck-ref">Registres {esc(v["registres_hc_hp"][0])} (heures creuses) et '
                  f'{esc(v["registres_hc_hp"][1])} (heures pleines) du compteur.</p>')
        self.advise.layout.display = None
        self.warnings.value = warnings_html(result)
        self.explanation.value = steps_html(result)

    def _render_max_power(self, export) -> None:
        result = lc.max_power_summary(export.data, self.power.value)
        self.last_result = result
        v = result.values
        self.total.value = _card(f"{number(v['puissance_max_va'])} VA",
                                 f"puissance la plus haute atteinte, le {date_fr(v['date_max'])}")
        with workshop_style(self.workshop.value):
            self.chart.value = figure_html(charts.daily_max_power(export.data, self.power.value),
                                           "Puissance maximale chaque jour")
        self.advise.layout.display = None
        self.warnings.value = warnings_html(result)
        self.explanation.value = steps_html(result)

    # ------------------------------------------------------------------------
    def _advise_unguarded(self) -> None:
        export, result = self.export, self.last_result
        if export is None or result is None:
            return
        if export.type == "puissance_maximale":
            raise InputError("fichier", "Consommation sur un an",
                             "la puissance maximale ne donne pas la consommation",
                             "une courbe de charge ou des index quotidiens d'au moins un mois")
        advice = lc.option_advice(result, self.power.value, _share_source(export, result, self.hc_ranges.value))
        self.last_advice = advice
        av = advice.values
        rows = [[OPTIONS[o][0], eur(cost) + " par an" if cost is not None else av["statuts"][o]]
                for o, cost in av["couts"].items()]
        self.advice.value = (_card(OPTIONS[av["option_la_moins_chere"]][0],
                                   cheapest_option_words(av, _year_words(av), self.power.value))
                             + f'<p class="li-conseil-part-hc">Part des heures creuses utilisée : '
                               f'{esc(av["source_part_hc"])}.</p>'
                             + table_html(["Option", "Coût sur un an (TTC)"], rows, "li-conseil-tableau")
                             + warnings_html(advice))
        self.advice_explanation.value = steps_html(advice)


def months_for_dossier(months: list[dict], result: Result) -> dict:
    """The monthly totals shown on the page as plain data for a new dossier:
    one reading per month (the month cut to the days the file covers, with
    its kWh and whether every day was measured) on a Linky electricity
    contract. The curve, the daily figures and the PRM are not kept: the
    follow-up only needs the months. The page asks no option: none is kept."""
    first, last = result.values["debut"], result.values["fin"]
    readings = []
    for month in months:
        year, number_ = int(month["mois"][:4]), int(month["mois"][5:7])
        start = max(first, dt.date(year, number_, 1))
        end = min(last, dt.date(year, number_, calendar.monthrange(year, number_)[1]))
        readings.append({"debut": start, "date": end, "consommation_kwh": month["kwh"],
                         "complet": month["complet"], "origine": "linky"})
    return {"contrat": {"energie": "electricite", "compteur": "linky"}, "releves": readings}


def _split_html(v) -> str:
    return "<h3>Heures pleines et heures creuses</h3>" + table_html(
        ["", "Énergie", "Part"],
        [["Heures creuses", f"{number(v['kwh_hc'], 1)} kWh", percent(v["part_hc"])],
         ["Heures pleines", f"{number(v['kwh_hp'], 1)} kWh", ""]], "li-hphc-tableau")


def _year_words(v) -> str:
    """« 4 776 kWh par an mesurés » or « environ 4 776 kWh par an (estimation) »."""
    annual = number(v["kwh_par_an"])
    if v["nature_kwh_par_an"] == "mesure":
        return f"{annual} kWh par an (mesurés)"
    return f"environ {annual} kWh par an (estimation)"


def _year_html(v) -> str:
    """The line about the year: a measurement or an estimate, said as such."""
    if v.get("kwh_par_an") is None:
        return ""
    if v["nature_kwh_par_an"] == "mesure":
        return (f'<p class="li-annee">Consommation sur un an : <b>{esc(number(v["kwh_par_an"], 1))} kWh</b> '
                '(mesurée : le fichier couvre une année entière).</p>')
    return (f'<p class="li-annee">Estimation sur un an : <b>environ {esc(number(v["kwh_par_an"]))} kWh</b> '
            '(ESTIMATION d\'après un profil saisonnier type : le fichier couvre moins d\'un an).</p>')


def _share_source(export, result, plages: str) -> str:
    """Where the measured off-peak share comes from, in words."""
    if export.type == "index":
        pair = result.values.get("registres_hc_hp") or ("?", "?")
        return f"sur les index quotidiens (registres {pair[0]} et {pair[1]})"
    return f"sur la courbe de charge avec les heures creuses du contrat ({plages.strip()})"


def show() -> w.Widget:
    """Build the « Mon relevé Linky » dashboard (called by the notebook)."""
    return LinkyView().widget
