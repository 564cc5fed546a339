"""The dashboards' shared widget kit: inputs typed the French way, results
that follow the typing, a household editor, a result card, a figures table,
the two-column page and the workshop mode.

Every page of ``counselling/dashboards/`` is built from these pieces; the
dossier pages reuse them. Nothing here computes a figure: numbers and dates
are read by :mod:`counselling.inputs` (the kit's one number parser and one
date parser), results come from the calculators.

Inputs
------
``NumberInput(label, field, kind="money"|"decimal"|"int", unit=None, css=None, help=None,
placeholder=None, minimum=None, maximum=None)``
    A labelled text box (an ipywidgets ``Text`` that sends every key,
    ``continuous_update=True``; ``label_shown=False`` inside a table line, the
    label still names the field in messages). Accepts « 1 350,50 », « 45 € », « 3 200 kWh »:
    the input's own unit written after the number is dropped, the rest goes to
    ``parse_money`` / ``parse_decimal`` / ``parse_int``.

    * ``.value``: the text as typed (``str``); assigning a number writes it
      French style (``view.rfr.value = 12500`` → « 12500 »).
    * ``.parsed()``: ``Decimal`` (money is rounded to the cent) or ``int``;
      ``None`` when left blank; a bad value raises ``InputError`` naming the
      field by its label on screen.
    * ``.text``: the ``Text`` widget itself (it carries ``css``, so tests find
      ``.<css> input``).

``DateInput(label, field, css=None, help=None, minimum=None, maximum=None)``
    A date typed and shown as jj/mm/aaaa whatever the browser's locale (a
    text box, not the browser's date picker). ``.parsed()`` → ``datetime.date``
    or ``None``; under the box, the date as read in words (« samedi 5
    décembre 2026 ») so a slip (05/12 ↔ 12/05) is seen at once. Assigning a
    ``date`` to ``.value`` writes « 05/12/2026 ».

``choice(widget, label, css, help=None)``
    Any other widget (dropdown, checkbox, upload) labelled the same way.

Household
---------
``HouseholdEditor(prefix, adults=1)``
    Adults (count), children one per line (age, alternating residence) and
    other dependants living in the home (count). ``.members()`` gives the
    ``membres`` list of :func:`counselling.household.parse_household`;
    ``.persons()``, ``.adults_count()``, ``.children_count()``,
    ``.alternating_count()``, ``.dependants_count()`` the counts. Children are
    added with ``.add_child(age="", alternating=False)``. CSS classes:
    ``<prefix>-adultes``, ``<prefix>-enfant`` (a line), ``<prefix>-enfant-age``,
    ``<prefix>-ajouter-enfant``, ``<prefix>-a-charge``.

Results
-------
``ResultCard(headline_css, figures_css=None, warnings_css=None, steps=(("Comment est-ce
calculé ?", css),), details_css=None, extra_details=(), between=(), css=None)``
    A big figure and its sentence, the figures (a label / value table, then
    tables with columns), the warnings (the person's, then « Détails pour le
    conseiller » folded), and a folded « Comment est-ce calculé ? » (one pane
    per entry of ``steps``; more panes with ``extra_details=[(title, widget)]``).
    ``css`` names the whole card (tests, a page's style). ``.show(results, big,
    sentence, figures=rows, zero=False, tables=[Table(...)])`` fills and shows
    it, ``.hide()`` hides it. Give the card to ``Live(marks=[card])`` so it is
    greyed « pas encore à jour » while the person types.

``Table(headers, rows, css="ck-table", intro="", folded="")``
    Columns of already formatted cells under the figure (figures aligned
    right, a « Total… » row in bold); ``intro`` is a sentence above it,
    ``folded`` the title of a fold that hides it until opened (the taxes
    under a bill's breakdown). ``.html()`` gives it alone.

``figures_table(rows, css="ck-figures")``
    Label / value rows as an HTML table (values already formatted).

``headline_html(big, sentence, zero=False, before=None)``
    The big-figure block alone.

Following the typing
--------------------
``Live(compute, marks=(), delay=DEBOUNCE_SECONDS)``
    Runs ``compute`` (already wrapped by ``guarded``) a short delay after
    the last key typed in any watched input, and at once for a choice
    (dropdown, checkbox). Until it has run, the widgets in ``marks`` carry the
    class ``ck-pas-a-jour``: they are greyed and labelled « pas encore à
    jour », so an outdated figure is never shown as current. ``.watch(*inputs)``
    binds inputs (kit inputs, the household editor, plain widgets);
    ``.flush()`` runs a pending computation now (tests, benchmarks). Outside
    a kernel (a plain script, the widget tests) ``compute`` runs at once. The delay is implemented by :class:`Debouncer` with the kernel's
    asyncio loop (``loop.call_later``).

Page
----
``page(css, form, answer, intro=(), below=(), extra_style="")``
    Two columns: the inputs on the left, the answer on the right, kept in view
    while the left column scrolls (``position: sticky``); below 1000 px wide
    the columns stack. ``below`` spans the whole width (a page with several
    sections puts more ``columns(form, answer)`` there).

``WorkshopToggle(css, root=None)``
    A checkbox « Mode atelier (grands caractères) » that adds the class
    ``ck-atelier`` to ``root`` (``.attach(root)`` once the page is built; type ≥ 24 px) and calls the callbacks given to
    ``.on_change`` so pages redraw their charts for a room.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import ipywidgets as w
from babel.dates import format_date

from ..errors import CounsellingError, InputError
from ..inputs import parse_date, parse_decimal, parse_int, parse_money
from ..results import Result
from .common import STYLE as COMMON_STYLE
from .common import esc, steps_html, table_html, warnings_html

DEBOUNCE_SECONDS = 0.3  # [s] after the last key, before recomputing
STALE = "ck-pas-a-jour"
WORKSHOP = "ck-atelier"

KIT_CSS = """
<style>
.ck-page { width: 100%; }
.ck-colonnes { display: flex; flex-flow: row wrap; align-items: flex-start; gap: 0 24px; overflow: visible !important; }
.ck-colonnes > .ck-saisie { flex: 1 1 560px; min-width: 0; overflow: visible !important; }
.ck-colonnes > .ck-reponse { flex: 1 1 420px; min-width: 0; position: sticky; top: 0; align-self: flex-start;
  max-height: 100vh; overflow-y: auto !important; z-index: 2; background: #fff; }
.ck-reponse table { font-size: 0.9em; }
.ck-reponse table td:first-child { min-width: 10em; }
.ck-reponse .widget-html-content { overflow-x: auto; }
.ck-page, .ck-page .widget-vbox, .ck-page .widget-hbox { overflow: visible; }
.jp-OutputArea-output, .jp-OutputArea-child, .jp-Cell-outputWrapper, .jp-Cell-outputArea { overflow: visible !important; }
.ck-champ { margin: 0 18px 8px 0; }
.ck-champ .ck-lu { color: #1b5e20; font-size: 0.9em; min-height: 1em; }
.ck-pas-a-jour { opacity: 0.35; position: relative; transition: opacity 0.1s; }
.ck-pas-a-jour::before { content: "⏳ pas encore à jour"; position: absolute; top: 4px; right: 8px; z-index: 3;
  opacity: 1; background: #fff8e1; color: #6b4e00; border: 1px solid #b7791f; border-radius: 4px;
  padding: 2px 8px; font-weight: 600; }
.ck-enfant { align-items: flex-end; }
.ck-pli { margin: 6px 0; }
.ck-pli > summary { cursor: pointer; color: #0b5394; }
.ck-atelier-bascule { margin-bottom: 6px; }
.ck-atelier, .ck-atelier .widget-html-content, .ck-atelier .widget-label, .ck-atelier input,
.ck-atelier select, .ck-atelier button, .ck-atelier label, .ck-atelier td, .ck-atelier th,
.ck-atelier summary, .ck-atelier .lm-AccordionPanel-title, .ck-atelier .jupyter-widget-Collapse-header {
  font-size: 26px !important; line-height: 1.35 !important; }
.ck-atelier input, .ck-atelier select { height: auto !important; min-height: 44px; }
.ck-atelier .widget-inline-hbox, .ck-atelier .widget-inline-vbox, .ck-atelier .widget-html,
.ck-atelier .widget-html-content, .ck-atelier .widget-checkbox, .ck-atelier .widget-text,
.ck-atelier .widget-dropdown { height: auto !important; min-height: 0 !important; }
.ck-atelier .widget-checkbox { margin: 4px 0; }
body:has(.ck-atelier) .jp-RenderedMarkdown h1 { font-size: 44px !important; }
body:has(.ck-atelier) .jp-RenderedMarkdown p { font-size: 26px !important; line-height: 1.35; }
.ck-atelier .ck-big { font-size: 60px !important; }
.ck-atelier .ck-champ { width: auto !important; min-width: 300px; }
.ck-atelier .widget-text, .ck-atelier .widget-dropdown { width: 100% !important; }
.ck-atelier input[type=checkbox] { transform: scale(2); margin: 12px !important; }
/* Ctrl+P: the answer of the page on A4, without the inputs and buttons */
@media print {
  @page { size: A4; margin: 12mm; }
  /* Voilà's page shell is a Lumino panel sized in pixels to the window (absolute, contain: strict):
     printed as is, a page laid out on a wide screen was cut at the paper's right edge and bottom */
  .lm-BoxPanel, .lm-BoxPanel-child, .jp-LabShell { position: static !important; width: auto !important;
    height: auto !important; contain: none !important; overflow: visible !important; }
  .jp-LabShell { background: none !important; }  /* its grey filled the rest of the sheet and a second one */
  .ck-colonnes > .ck-saisie, .ck-papier, .ck-atelier-bascule, .ck-accueil, .widget-button, .jupyter-button,
  .widget-upload, .widget-checkbox, input, select, textarea, .ck-champ { display: none !important; }
  body, .jp-Notebook, .jp-Cell, .jp-Cell-outputWrapper, .jp-OutputArea, .jp-RenderedHTMLCommon {
    width: auto !important; max-width: 100% !important; min-width: 0 !important; }
  .jp-RenderedMarkdown, .jp-RenderedHTMLCommon p { overflow-wrap: anywhere; white-space: normal !important; }
  .ck-colonnes { display: block !important; }
  /* the page's answer starts on the first sheet and flows onto the next: JupyterLab keeps an output whole
     (break-inside: avoid-page) and a flex column pushes what does not fit, so a long answer left the first
     sheet with only the title; and no sheet holding only the cells' bottom padding */
  .jp-OutputArea-child { break-inside: auto !important; }
  .ck-page, .ck-reponse { display: block !important; }
  .lm-BoxPanel-child, .jp-Cell { padding-bottom: 0 !important; }
  .ck-colonnes > .ck-reponse { position: static !important; max-height: none !important;
    overflow: visible !important; width: 100% !important; }
  .ck-page, .ck-page .widget-vbox, .ck-page .widget-hbox, .jp-OutputArea-output, .widget-html-content {
    overflow: visible !important; height: auto !important; max-width: 100% !important; }
  .ck-pas-a-jour { opacity: 1 !important; }
  .ck-pas-a-jour::before { display: none !important; }
  .ck-card, table tr { break-inside: avoid; }
  body { font-size: 11pt; }
}
</style>
"""
STYLE = COMMON_STYLE + KIT_CSS


# ---------------------------------------------------------------------- following the typing

def in_kernel() -> bool:
    """True inside a Jupyter kernel (a Voilà page), where the loop processes
    the timers between the browser's messages."""
    try:
        from ipykernel.kernelapp import IPKernelApp
    except ImportError:  # pragma: no cover — ipykernel comes with Voilà
        return False
    return IPKernelApp.initialized()


def running_loop(kernel_only: bool = True) -> asyncio.AbstractEventLoop | None:
    """The asyncio loop running in this thread, or None. With ``kernel_only``
    (the default), only a kernel's loop counts: another library's loop (a
    test's browser driver) may never run our timers."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    return loop if in_kernel() or not kernel_only else None


class Debouncer:
    """Call ``action`` once, ``delay`` seconds after the last :meth:`__call__`.

    Each call cancels the pending one (``loop.call_later`` on the kernel's
    asyncio loop). ``on_pending`` runs when a call starts waiting. Outside a
    kernel (unless ``kernel_only=False``), without a running loop, or with
    ``delay`` 0, ``action`` runs at once.
    """

    def __init__(self, action: Callable[[], None], delay: float = DEBOUNCE_SECONDS,
                 on_pending: Callable[[], None] | None = None, kernel_only: bool = True):
        self.action = action
        self.delay = delay
        self.on_pending = on_pending
        self.kernel_only = kernel_only
        self._handle: asyncio.TimerHandle | None = None

    @property
    def pending(self) -> bool:
        return self._handle is not None

    def __call__(self) -> None:
        loop = running_loop(self.kernel_only)
        if loop is None or self.delay <= 0:
            self.run_now()
            return
        if self._handle is not None:
            self._handle.cancel()
        elif self.on_pending is not None:
            self.on_pending()
        self._handle = loop.call_later(self.delay, self._fire)

    def _fire(self) -> None:
        self._handle = None
        self.action()

    def run_now(self) -> None:
        """Cancel what is pending and run ``action`` now."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self.action()

    def flush(self) -> None:
        """Run ``action`` now if a call is pending."""
        if self._handle is not None:
            self.run_now()


class Live:
    """Recompute a page's answer as the person types (see the module docstring)."""

    def __init__(self, compute: Callable[[], None], marks: Iterable[w.DOMWidget] = (),
                 delay: float = DEBOUNCE_SECONDS, kernel_only: bool = True):
        self.compute = compute
        self.marks = list(marks)
        self.debouncer = Debouncer(self._run, delay, on_pending=self._mark, kernel_only=kernel_only)

    def _mark(self) -> None:
        for widget in self.marks:
            widget.add_class(STALE)

    def _run(self) -> None:
        try:
            self.compute()
        finally:
            for widget in self.marks:
                widget.remove_class(STALE)

    def typed(self, _change=None) -> None:
        """A key was typed: recompute after the delay."""
        self.debouncer()

    def changed(self, _change=None) -> None:
        """A choice was made (dropdown, checkbox, file): recompute now."""
        self.debouncer.run_now()

    def flush(self) -> None:
        self.debouncer.flush()

    def watch(self, *inputs) -> Live:
        for item in inputs:
            if hasattr(item, "bind"):
                item.bind(self)
            elif isinstance(item, w.Text) or isinstance(item, w.Textarea):
                item.observe(self.typed, names="value")
            else:
                item.observe(self.changed, names="value")
        return self


# ---------------------------------------------------------------------- inputs

def _label_html(label: str) -> w.HTML:
    return w.HTML(f"<b>{esc(label)}</b>")


def choice(widget: w.Widget, label: str, css: str, help: str | None = None, width: str = "280px") -> w.VBox:
    """A widget with its French label above it, a CSS class for tests and an
    optional help sentence under it."""
    widget.add_class(css)
    widget.layout.width = widget.layout.width or width
    children = [_label_html(label), widget]
    if help:
        children.append(w.HTML(f'<span class="ck-ref">{esc(help)}</span>'))
    box = w.VBox(children)
    box.add_class("ck-champ")
    return box


class TextInput(w.VBox):
    """A labelled text box sending every key; base of the number and date inputs."""

    ECHO = False  # a line under the box saying how the value was read

    def __init__(self, label: str, field: str, css: str | None = None, help: str | None = None,
                 placeholder: str = "", width: str = "280px", label_shown: bool = True):
        self.label = label
        self.field = field
        self.text = w.Text(placeholder=placeholder, continuous_update=True, layout=w.Layout(width=width))
        if css:
            self.text.add_class(css)
        self.echo = w.HTML()
        self.echo.add_class("ck-lu")
        children = [_label_html(self.shown_label()), self.text] if label_shown else [self.text]
        if help:
            children.append(w.HTML(f'<span class="ck-ref">{esc(help)}</span>'))
        if self.ECHO:
            children.append(self.echo)
        super().__init__(children)
        self.add_class("ck-champ")

    def shown_label(self) -> str:
        return self.label

    @property
    def value(self) -> str:
        return self.text.value

    @value.setter
    def value(self, value) -> None:
        self.text.value = self.write(value)

    def write(self, value) -> str:
        return "" if value is None else str(value)

    def blank(self) -> bool:
        return not self.text.value.strip()

    def bind(self, live: Live) -> None:
        self.text.observe(live.typed, names="value")

    def observe_value(self, callback: Callable) -> None:
        self.text.observe(callback, names="value")


class NumberInput(TextInput):
    """An amount or a quantity typed French style (see the module docstring)."""

    PARSERS = {"money": parse_money, "decimal": parse_decimal, "int": parse_int}

    def __init__(self, label: str, field: str, kind: str = "money", unit: str | None = None,
                 css: str | None = None, help: str | None = None, placeholder: str | None = None,
                 minimum=None, maximum=None, width: str = "280px", label_shown: bool = True):
        if kind not in self.PARSERS:
            raise ValueError(f"kind inconnu : {kind}")
        self.kind = kind
        self.unit = unit if unit is not None else ("€" if kind == "money" else None)
        self.minimum = minimum
        self.maximum = maximum
        super().__init__(label, field, css, help, placeholder or "", width, label_shown)

    def shown_label(self) -> str:
        return f"{self.label} ({self.unit})" if self.unit else self.label

    def _without_unit(self) -> str:
        """The text without the input's own unit written after the number
        (« 3 200 kWh » → « 3 200 »); the number itself is left to the parser."""
        text = self.text.value.strip()
        if self.unit:
            text = re.sub(rf"\s*{re.escape(self.unit)}\s*$", "", text, flags=re.IGNORECASE)
        return text

    def parsed(self):
        """The value read by :mod:`counselling.inputs`, or None when blank."""
        if self.blank():
            return None
        text = self._without_unit()
        if self.kind == "money":
            allow_negative = self.minimum is not None and self.minimum < 0
            return parse_money(text, self.field, self.label, allow_negative=allow_negative, maximum=self.maximum)
        if self.kind == "int":
            return parse_int(text, self.field, self.label, minimum=self.minimum, maximum=self.maximum)
        return parse_decimal(text, self.field, self.label, minimum=self.minimum, maximum=self.maximum)

    def write(self, value) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        return str(value).replace(".", ",")


class DateInput(TextInput):
    """A date typed jj/mm/aaaa, whatever the browser's locale."""

    ECHO = True

    def __init__(self, label: str, field: str, css: str | None = None, help: str | None = None,
                 minimum: dt.date | None = None, maximum: dt.date | None = None, width: str = "280px",
                 value: dt.date | None = None):
        self.minimum = minimum
        self.maximum = maximum
        super().__init__(label, field, css, help, "jj/mm/aaaa", width)
        self.text.observe(self._echo, names="value")
        if value is not None:
            self.value = value

    def write(self, value) -> str:
        if isinstance(value, (dt.date, dt.datetime)):
            return f"{value:%d/%m/%Y}"
        return super().write(value)

    def parsed(self) -> dt.date | None:
        """The date read by :func:`counselling.inputs.parse_date`, or None when blank."""
        if self.blank():
            return None
        return parse_date(self.text.value, self.field, self.label, minimum=self.minimum, maximum=self.maximum)

    def required(self) -> dt.date:
        """The date typed; a French error naming the field when it is blank."""
        day = self.parsed()
        if day is None:
            raise InputError(self.field, self.label, "aucune date n'a été saisie", "une date au format jj/mm/aaaa")
        return day

    def _echo(self, _change=None) -> None:
        try:
            day = self.parsed()
        except CounsellingError:
            day = None
        self.echo.value = format_date(day, "EEEE d MMMM y", locale="fr_FR") if day else ""


# ---------------------------------------------------------------------- household

class HouseholdEditor(w.VBox):
    """Adults, children (age, alternating residence), other dependants."""

    ADULT_AGE = 30  # stands for any adult: only the 14-year limit of the scales matters

    def __init__(self, prefix: str, adults: int = 1):
        self.prefix = prefix
        self.adults = NumberInput("Adultes", "adultes", "int", css=f"{prefix}-adultes", minimum=0,
                                  maximum=30, width="120px")
        self.adults.value = adults
        self.dependants = NumberInput("Autres personnes à charge vivant au foyer", "personnes_a_charge", "int",
                                      css=f"{prefix}-a-charge", minimum=0, maximum=30, width="120px",
                                      help="Un parent âgé, un adulte handicapé… (sans les enfants).")
        self.children_rows: list[dict] = []
        self.children_box = w.VBox()
        add = w.Button(description="Ajouter un enfant", icon="plus")
        add.add_class(f"{prefix}-ajouter-enfant")
        add.on_click(lambda _b: self.add_child())
        self._lives: list[Live] = []
        super().__init__([w.HBox([self.adults, self.dependants], layout=w.Layout(flex_flow="row wrap")),
                          w.HTML("<b>Enfants</b>"), self.children_box, add])
        self.add_class(f"{prefix}-foyer")

    def bind(self, live: Live) -> None:
        self._lives.append(live)
        live.watch(self.adults, self.dependants)
        for row in self.children_rows:
            live.watch(row["age"], row["alternating"])

    def _changed(self) -> None:
        for live in self._lives:
            live.changed()

    def add_child(self, age="", alternating: bool = False) -> None:
        number = len(self.children_rows) + 1
        age_input = NumberInput(f"Âge de l'enfant n° {number}", f"enfants[{number - 1}].age", "int", unit="ans",
                                css=f"{self.prefix}-enfant-age", minimum=0, maximum=30, width="100px")
        age_input.value = age
        alternating_box = w.Checkbox(value=alternating, description="en résidence alternée", indent=False)
        alternating_box.add_class(f"{self.prefix}-enfant-alternance")
        remove = w.Button(description="", icon="trash", tooltip="Retirer cet enfant", layout=w.Layout(width="40px"))
        line = w.HBox([age_input, alternating_box, remove])
        line.add_class(f"{self.prefix}-enfant")
        line.add_class("ck-enfant")
        row = {"age": age_input, "alternating": alternating_box, "box": line}
        remove.on_click(lambda _b, r=row: self.remove_child(r))
        self.children_rows.append(row)
        self.children_box.children = [r["box"] for r in self.children_rows]
        for live in self._lives:
            live.watch(age_input, alternating_box)
        self._changed()

    def remove_child(self, row: dict) -> None:
        self.children_rows.remove(row)
        self.children_box.children = [r["box"] for r in self.children_rows]
        self._changed()

    def adults_count(self) -> int:
        return self.adults.parsed() or 0

    def dependants_count(self) -> int:
        return self.dependants.parsed() or 0

    def children_count(self) -> int:
        return len(self.children_rows)

    def alternating_count(self) -> int:
        return sum(1 for row in self.children_rows if row["alternating"].value)

    def persons(self) -> int:
        return self.adults_count() + self.children_count() + self.dependants_count()

    def members(self) -> list[dict]:
        """The ``membres`` of :func:`counselling.household.parse_household`
        (dependants other than children count as adults of the home)."""
        adult = {"role": "adulte", "age": self.ADULT_AGE}
        members = [dict(adult) for _ in range(self.adults_count() + self.dependants_count())]
        for row in self.children_rows:
            age = row["age"].parsed()
            if age is None:
                raise InputError(row["age"].field, row["age"].label, "aucun âge n'a été saisi",
                                 "l'âge de l'enfant en années, par exemple 8")
            members.append({"role": "enfant", "age": age, "residence_alternee": row["alternating"].value})
        return members


# ---------------------------------------------------------------------- results

def figures_table(rows: Iterable[tuple[str, str]], css: str = "ck-figures") -> str:
    """Label / value rows (already formatted) as an HTML table."""
    body = "".join(f"<tr><td>{esc(a)}</td><td><b>{esc(b)}</b></td></tr>" for a, b in rows)
    return f'<table class="{esc(css)}">{body}</table>'


@dataclass(frozen=True)
class Table:
    """Columns of already formatted cells shown under a result's figure (see
    the module docstring)."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    css: str = "ck-table"
    intro: str = ""  # a sentence above the table
    folded: str = ""  # the title of the fold that hides the table until opened

    def html(self) -> str:
        intro = f"<p>{esc(self.intro)}</p>" if self.intro else ""
        table = intro + table_html(list(self.headers), [list(row) for row in self.rows], self.css)
        if not self.folded:
            return table
        return f'<details class="ck-pli"><summary>{esc(self.folded)}</summary>{table}</details>'


def headline_html(big: str, sentence: str = "", zero: bool = False, before: str | None = None) -> str:
    """The card of a page's main answer: an optional line above, the big
    figure, the sentence under it (all escaped)."""
    top = f'<div class="ck-sub">{esc(before)}</div>' if before else ""
    sub = f'<div class="ck-sub">{esc(sentence)}</div>' if sentence else ""
    return (f'<div class="ck-card">{top}<div class="ck-big{" ck-zero" if zero else ""}">{esc(big)}</div>'
            f"{sub}</div>")


def html_output(css: str | None = None) -> w.HTML:
    out = w.HTML()
    if css:
        out.add_class(css)
    return out


def folded(pairs: Iterable[tuple[str, w.Widget]], css: str | None = None) -> w.Accordion:
    """An accordion, all panes closed."""
    pairs = list(pairs)
    accordion = w.Accordion(children=[widget for _title, widget in pairs])
    for index, (title, _widget) in enumerate(pairs):
        accordion.set_title(index, title)
    accordion.selected_index = None
    if css:
        accordion.add_class(css)
    return accordion


class ResultCard(w.VBox):
    """Big figure + sentence, figures, warnings, folded explanation."""

    def __init__(self, headline_css: str, figures_css: str | None = None, warnings_css: str | None = None,
                 steps: Iterable[tuple[str, str | None]] = (("Comment est-ce calculé ?", None),),
                 details_css: str | None = None, extra_details: Iterable[tuple[str, w.Widget]] = (),
                 between: Iterable[w.Widget] = (), css: str | None = None):
        self.headline = html_output(headline_css)
        self.figures = html_output(figures_css)
        self.warnings = html_output(warnings_css)
        self.steps = [html_output(css) for _title, css in steps]
        self.details = folded([(title, out) for (title, _css), out in zip(steps, self.steps)]
                              + list(extra_details), details_css)
        super().__init__([self.headline, self.figures, *between, self.warnings, self.details])
        if css:
            self.add_class(css)
        self.layout.display = "none"

    def show(self, results: Result | Iterable[Result], big: str | None = None, sentence: str = "",
             figures: Iterable[tuple[str, str]] | str | None = None, zero: bool = False,
             before: str | None = None, tables: Iterable[Table] = ()) -> None:
        """Fill the card from one result (or several, one explanation pane each) and show it.

        ``figures`` (label / value rows, or HTML already built) and ``tables``
        replace what was under the figure; given neither, it is left as is.
        """
        results = [results] if isinstance(results, Result) else list(results)
        if big is not None:
            self.headline.value = headline_html(big, sentence, zero, before)
        parts = [table.html() for table in tables]
        if figures is not None:
            parts.insert(0, figures if isinstance(figures, str) else figures_table(figures))
        if parts:
            self.figures.value = "".join(parts)
        self.warnings.value = warnings_html(*results)  # one « Donnée à vérifier » box for the page
        for out, result in zip(self.steps, results):
            out.value = steps_html(result)
        self.layout.display = None

    def hide(self) -> None:
        self.layout.display = "none"

    @property
    def shown(self) -> bool:
        return self.layout.display != "none"


# ---------------------------------------------------------------------- page

def columns(form: Iterable[w.Widget], answer: Iterable[w.Widget]) -> w.Box:
    """Inputs left, answer right and kept in view while the inputs scroll."""
    left = w.VBox(list(form))
    left.add_class("ck-saisie")
    right = w.VBox(list(answer))
    right.add_class("ck-reponse")
    box = w.Box([left, right])
    box.add_class("ck-colonnes")
    return box


def page(css: str, form: Iterable[w.Widget], answer: Iterable[w.Widget], intro: Iterable[w.Widget] = (),
         below: Iterable[w.Widget] = (), extra_style: str = "") -> w.VBox:
    """The page: inputs left, answer right and in view (see the module docstring)."""
    root = w.VBox([w.HTML(STYLE + extra_style), *intro, columns(form, answer), *below])
    root.add_class("ck-page")
    root.add_class(css)
    return root


class WorkshopToggle(w.Checkbox):
    """« Mode atelier (grands caractères) »: large type for a projected screen."""

    def __init__(self, css: str, root: w.DOMWidget | None = None):
        super().__init__(value=False, description="Mode atelier (grands caractères, pour projeter)", indent=False,
                         layout=w.Layout(width="auto"))
        self.add_class("ck-atelier-bascule")
        self.add_class(css)
        self.root = root
        self._callbacks: list[Callable[[bool], None]] = []
        self.observe(self._toggled, names="value")

    def attach(self, root: w.DOMWidget) -> None:
        """The page whose type grows."""
        self.root = root

    def on_change(self, callback: Callable[[bool], None]) -> None:
        self._callbacks.append(callback)

    def _toggled(self, change) -> None:
        if change["new"]:
            self.root.add_class(WORKSHOP)
        else:
            self.root.remove_class(WORKSHOP)
        for callback in self._callbacks:
            callback(change["new"])
