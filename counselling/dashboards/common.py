"""Shared pieces of the dashboards: error boundary, result rendering, inputs."""

from __future__ import annotations

import html
import logging
import re
import traceback
from collections.abc import Callable
from functools import wraps

import ipywidgets as w

from ..errors import CounsellingError
from ..formatting import date_fr
from ..results import BENEFICIAIRE, CONSEILLER, Notice, Result, page_notices

log = logging.getLogger("counselling.dashboards")

STYLE = """
<style>
.ck-card { border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 16px; margin: 6px 0; background: #fff; }
.ck-big { font-size: 2.2em; font-weight: 700; color: #0b5394; }
.ck-big.ck-zero { color: #6a737d; }
.ck-sub { color: #444; }
.ck-error { border-left: 5px solid #c62828; background: #fdecea; padding: 10px 14px; border-radius: 4px; color: #7f1d1d; }
.ck-warning { border-left: 5px solid #b7791f; background: #fff8e1; padding: 8px 12px; border-radius: 4px; margin: 4px 0; }
.ck-steps li { margin-bottom: 8px; }
.ck-formula { font-family: monospace; background: #f6f8fa; padding: 2px 6px; border-radius: 3px; }
.ck-ref { color: #555; font-size: 0.9em; }
.ck-conseiller { margin: 6px 0; color: #333; }
.ck-conseiller > summary { cursor: pointer; color: #0b5394; }
.ck-figures td { padding: 2px 12px 2px 0; }
.ck-figures td:first-child { color: #555; }
.widget-html-content a[href] { color: #0b5394; text-decoration: underline; }
</style>
"""


def esc(text: object) -> str:
    return html.escape(str(text))


def cheapest_option_words(values: dict, what: str, kva: int) -> str:
    """The sentence under the option named by :func:`~counselling.calculators.
    electricity.conseil_option_electricite`: « est l'option la moins chère
    pour <what>, en 9 kVA » only when every option offered was priced; else
    which options are still to check, never « la moins chère »."""
    from ..calculators.electricity import OPTIONS

    unpriced = values.get("options_a_verifier") or []
    if not unpriced:
        return f"est l'option la moins chère pour {what}, en {kva} kVA"
    names = " et ".join(OPTIONS[o][0] for o in unpriced)
    priced = sum(cost is not None for cost in values["couts"].values())
    head = "seule option que le kit peut chiffrer" if priced == 1 else "la moins chère des options chiffrées"
    return f"{head} pour {what}, en {kva} kVA ; {names} : prix à vérifier"


def address_parameter(name: str) -> str | None:
    """A parameter of the page's address (``dossiers.ipynb?reference=2026-K7M3Q``)
    when the page runs under Voilà; None otherwise, or when absent."""
    import os
    from urllib.parse import parse_qs

    if "VOILA_KERNEL_ID" not in os.environ and "QUERY_STRING" not in os.environ:
        return None
    try:
        from voila.utils import get_query_string

        query = get_query_string() or ""
    except Exception:  # noqa: BLE001 — an address that cannot be read only means: no parameter
        return None
    values = parse_qs(query).get(name) or [None]
    return values[0]


class ErrorPanel(w.VBox):
    """Where errors appear: the French message, and for unexpected errors a
    collapsed « Détails pour le conseiller » with the technical trace."""

    def __init__(self, css_class: str):
        self.message = w.HTML()
        self.details = w.Textarea(layout=w.Layout(width="100%", height="160px"), disabled=True)
        self.accordion = w.Accordion(children=[self.details])
        self.accordion.set_title(0, "Détails pour le conseiller")
        super().__init__([])
        self.add_class(css_class)

    def clear(self) -> None:
        self.children = []

    def show_input_error(self, error: CounsellingError) -> None:
        self.message.value = f'<div class="ck-error">⚠ {esc(error)}</div>'
        self.children = [self.message]

    def show_unexpected(self, error: BaseException) -> None:
        self.message.value = ('<div class="ck-error">⚠ Le calcul n\'a pas pu se faire. Les valeurs saisies '
                              'sont conservées ; vérifiez-les ou signalez le problème avec les détails ci-dessous.</div>')
        self.details.value = "".join(traceback.format_exception(error))
        self.accordion.selected_index = None
        self.children = [self.message, self.accordion]


def guarded(panel: ErrorPanel, on_error: Callable[[], None] | None = None):
    """Decorate a widget callback: errors never escape as a traceback.

    A :class:`CounsellingError` (bad input, missing tariff) is shown as its
    French message; anything else as a generic French message with details.
    What the user typed is untouched either way.
    """

    def decorate(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            try:
                panel.clear()
                return func(*args, **kwargs)
            except CounsellingError as error:
                panel.show_input_error(error)
            except Exception as error:  # noqa: BLE001 — the boundary of the dashboard
                log.exception("Erreur inattendue dans un tableau de bord")
                panel.show_unexpected(error)
            if on_error is not None:
                on_error()
            return None

        return wrapper

    return decorate


NOTICE_TITLES = {"perime": "⏳ Donnée à vérifier", "hypothese": "ℹ Hypothèse", "attention": "⚠ Attention"}


def notice_box(notice: Notice) -> str:
    """One warning as an HTML box with its title (« ⚠ Attention »…)."""
    return f'<div class="ck-warning"><b>{NOTICE_TITLES.get(notice.kind, "⚠")}</b> : {esc(notice.message)}</div>'


def warnings_html(*results: Result) -> str:
    """The beneficiary's warnings of one result (or of several results shown
    together) as HTML boxes: one « Donnée à vérifier » box at most, points of
    attention always visible; assumptions folded in one « Hypothèses » block
    when there are more than two, so the screen stays readable. Then, folded,
    « Détails pour le conseiller » (:func:`counsellor_html`)."""
    notices = page_notices(*results)
    beneficiary = [n for n in notices if n.audience == BENEFICIAIRE]
    shown = [n for n in beneficiary if n.kind != "hypothese"]
    assumptions = [n for n in beneficiary if n.kind == "hypothese"]
    html_out = "".join(notice_box(n) for n in shown)
    if len(assumptions) > 2:
        html_out += (f'<details class="ck-hypotheses"><summary>ℹ Hypothèses et limites du calcul '
                     f'({len(assumptions)})</summary>{"".join(notice_box(n) for n in assumptions)}</details>')
    else:
        html_out += "".join(notice_box(n) for n in assumptions)
    return html_out + counsellor_html(*results, notices=[n for n in notices if n.audience == CONSEILLER])


def counsellor_html(*results: Result, notices: list[Notice] | None = None) -> str:
    """« Détails pour le conseiller », folded: the notices written for the
    counsellor, how some figures were found (details of the steps) and every
    source with its link, confidence and the maintainers' notes. Empty when
    there is nothing to add to the beneficiary's view."""
    if notices is None:
        notices = [n for n in page_notices(*results) if n.audience == CONSEILLER]
    parts = [notice_box(n) for n in notices]
    details = [(number, step) for result in results
               for number, step in enumerate(result.steps, start=1) if step.details]
    if details:
        parts.append('<p><b>Comment certains chiffres ont été trouvés</b></p><ul>' + "".join(
            f"<li>Étape {number} : {esc(step.details)}</li>" for number, step in details) + "</ul>")
    sources = []
    seen = set()
    for p in (p for result in results for p in result.parameters):
        key = (p.label, p.source.title, p.source.article, p.note)
        if key in seen:
            continue
        seen.add(key)
        notes = " ; ".join(esc(n) for n in (p.note, p.source.note) if n)
        sources.append(f'<li>{esc(p.label)} : <a href="{esc(p.source.url)}" target="_blank" rel="noopener">'
                       f'{esc(p.source.cite())}</a> — confiance {esc(p.confidence)}'
                       + (f" ; {notes}" if notes else "")
                       + f' <span class="ck-ref">(vérifié le {esc(date_fr(p.verified_on))})</span></li>')
    if sources:
        parts.append("<p><b>Sources des chiffres utilisés</b></p><ul>" + "".join(sources) + "</ul>")
    if not parts:
        return ""
    return ('<details class="ck-conseiller"><summary>Détails pour le conseiller</summary>'
            + "".join(parts) + "</details>")


def steps_html(result: Result) -> str:
    """« Comment est-ce calculé ? »: numbered steps with formula and short
    reference (the beneficiary's view: the counsellor's details of a step are
    in :func:`counsellor_html`), then the date the data was last checked."""
    items = []
    for step in result.steps:
        parts = [esc(step.text)]
        if step.formula:
            parts.append(f'<br><span class="ck-formula">{esc(step.formula)}</span>')
        if step.reference:
            ref = esc(step.reference)
            if step.url:
                ref = f'<a href="{esc(step.url)}" target="_blank" rel="noopener">{ref}</a>'
            parts.append(f'<br><span class="ck-ref">Référence : {ref}</span>')
        items.append(f"<li>{''.join(parts)}</li>")
    return f'<ol class="ck-steps">{"".join(items)}</ol>{checked_html(result)}'


def checked_html(result: Result) -> str:
    """« Barèmes vérifiés contre leurs sources le … » for the parameters used."""
    checked = sorted({p.verified_on for p in result.parameters})
    if not checked:
        return ""
    return f'<p class="ck-ref">Barèmes vérifiés contre leurs sources le {esc(date_fr(checked[0]))}.</p>'


_FIGURE = re.compile(r"^[-+−]?[\d\s\u202f\u00a0.,]*\d[\d\s\u202f\u00a0.,]*(\s?(€|%|kWh|kVA|UC|h|j|jours?))?"
                     r"(\s(par mois|par an))?$")


def _figures_column(rows: list[list[str]], index: int) -> bool:
    """True when every filled cell of the column is a figure (aligned right,
    as figures are compared); text reads better aligned left."""
    cells = [str(row[index]).strip() for row in rows if index < len(row) and str(row[index]).strip()]
    return bool(cells) and all(_FIGURE.match(cell) for cell in cells)


def table_html(headers: list[str], rows: list[list[str]], css_class: str = "ck-table") -> str:
    """A plain HTML table of already formatted cells: figures aligned right,
    text left; a row whose label starts with « Total » in bold."""
    align = ["left" if i == 0 or not _figures_column(rows, i) else "right" for i in range(len(headers))]
    head = "".join(f'<th style="text-align:{align[i]};padding:4px 10px">{esc(h)}</th>'
                   for i, h in enumerate(headers))
    body = []
    for row in rows:
        bold = str(row[0]).startswith("Total")
        cells = "".join(
            f'<td style="text-align:{align[i] if i < len(align) else "left"};padding:4px 10px;'
            f'border-top:1px solid #e1e4e8">{"<b>" if bold else ""}{esc(c)}{"</b>" if bold else ""}</td>'
            for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return f'<table class="{esc(css_class)}" style="border-collapse:collapse"><tr>{head}</tr>{"".join(body)}</table>'


def figure_html(figure, alt: str) -> str:
    """A matplotlib Figure as an embedded PNG <img> (no file written)."""
    import base64
    import io

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="{esc(alt)}" src="data:image/png;base64,{data}" style="max-width:100%">'


def download_link(data: bytes, filename: str, text: str, mime: str = "text/csv", css_class: str = "") -> str:
    """An HTML link that downloads ``data`` as ``filename`` (data: URI, no server file)."""
    import base64

    payload = base64.b64encode(data).decode("ascii")
    return (f'<a class="{esc(css_class)}" download="{esc(filename)}" href="data:{esc(mime)};base64,{payload}" '
            f'style="font-size:1.1em;font-weight:600">⬇ {esc(text)}</a>')
