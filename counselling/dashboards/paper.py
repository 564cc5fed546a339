"""Paper from a quick simulation: a document's preview and its PDF in one click.

``DocumentButtons([(label, css, build)], css, settle=[live])``: each button
first settles the page's pending answers (:func:`settled`), then builds the
documents of what is on screen (``build`` returns a list of
:class:`~counselling.documents.render.Document`, or raises the kit's error
when the page has nothing to print yet) and shows a preview with a download
link. Documents come from the page's own results, so the paper shows exactly
the figures on screen.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from collections.abc import Callable, Iterable

import ipywidgets as w

from ..dossier import adapters
from ..dossier.model import Consent, Identity
from ..errors import InputError
from .common import ErrorPanel, address_parameter, esc, guarded
from .kit import TextInput, html_output

PREVIEW_STYLE = """<style>
.ck-apercu iframe { width: 100%; height: 520px; border: 1px solid #d0d7de; background: #fff; }
</style>"""


def document_link(pdf: bytes, filename: str, css: str = "ck-telecharger") -> str:
    """A link that downloads the PDF (data: address, nothing written on the server)."""
    data = base64.b64encode(pdf).decode("ascii")
    return (f'<a class="{esc(css)}" download="{esc(filename)}" href="data:application/pdf;base64,{data}" '
            f'style="font-size:1.1em;font-weight:600">⬇ Télécharger {esc(filename)}</a>')


def preview(document_html: str) -> str:
    """A document's HTML in a sandboxed frame (its print styles stay inside)."""
    return f'<div class="ck-apercu"><iframe sandbox="" srcdoc="{html.escape(document_html, quote=True)}"></iframe></div>'


def settled(lives: Iterable) -> None:
    """Compute now what a key typed just before a click left pending (the
    page's :class:`~counselling.dashboards.kit.Live` answers, in order), so
    the document printed or the data kept is what is typed, not the answer
    shown 0,3 s before."""
    for live in lives:
        live.flush()


class DocumentButtons(w.VBox):
    """One button per document; a click shows the preview and the PDF link."""

    def __init__(self, documents: Iterable[tuple[str, str, Callable[[], list]]], css: str,
                 settle: Iterable = ()):
        self.settle = list(settle)
        self.errors = ErrorPanel(f"{css}-documents-erreur")
        self.out = w.HTML()
        self.out.add_class(f"{css}-documents")
        buttons = []
        for label, button_css, build in documents:
            button = w.Button(description=label, icon="file-pdf-o", layout=w.Layout(width="auto"))
            button.add_class(button_css)
            button.on_click(lambda _b, b=build, n=button_css: self.issue(b, n))
            buttons.append(button)
        super().__init__([w.HTML(PREVIEW_STYLE + "<h3>Imprimer</h3>"),
                          w.HBox(buttons, layout=w.Layout(flex_flow="row wrap")), self.errors, self.out])
        self.add_class("ck-papier")

    def issue(self, build: Callable[[], list], name: str) -> None:
        guarded(self.errors)(self._issue)(build, name)

    def _issue(self, build: Callable[[], list], name: str) -> None:
        from ..documents.render import combine

        settled(self.settle)
        documents = build()
        pdf = combine(documents) if len(documents) > 1 else documents[0].pdf()
        notices = "".join(f'<div class="ck-warning">{esc(n)}</div>' for d in documents for n in d.notices)
        self.out.value = (f"<p>{document_link(pdf, documents[0].kind + '.pdf' if len(documents) == 1 else name + '.pdf')}"
                          f"</p>{notices}{preview(documents[0].html)}")


class SaveToDossier(w.VBox):
    """« Enregistrer dans un dossier » under a quick simulation: nothing is
    kept until the person agrees; then either a new dossier holds what was
    typed, or what was typed is added to the person's dossier (found by its
    reference, see :func:`~counselling.dossier.adapters.add_simulation`: it
    replaces nothing). A link opens the dossier on the « Dossiers » page.

    ``collect`` returns plain data: the household (``menage``), and
    optionally ``rfr``, ``territoire_fsl``, ``droits``, ``energie`` (a
    contract with its bills and readings, see
    :func:`~counselling.dossier.adapters.energy_items`), or raises InputError.
    """

    def __init__(self, collect, css: str, store_factory=None, today: dt.date | None = None,
                 user: str | None = None, reference: str | None = None, settle: Iterable = ()):
        self.collect = collect
        self.settle = list(settle)
        self.store_factory = store_factory or _default_store
        self.today = today or dt.date.today()
        self.user = user or _current_user()
        self.errors = ErrorPanel(f"{css}-dossier-erreur")
        self.consent = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"),
                                  description="La personne accepte que la structure conserve ces données "
                                              "dans un dossier")
        self.consent.add_class(f"{css}-dossier-accord")
        self.name = TextInput("Nom (facultatif)", "identite.nom", css=f"{css}-dossier-nom", width="240px")
        create = w.Button(description="Créer le dossier", icon="folder-open")
        create.add_class(f"{css}-dossier-creer")
        create.on_click(lambda _b: self.create())
        self.reference = TextInput("Référence du dossier", "dossier.reference", css=f"{css}-dossier-reference",
                                   placeholder="2026-K7M3Q", width="160px")
        reference = reference or address_parameter("reference")  # opened from a dossier
        if reference:
            self.reference.value = reference
        add = w.Button(description="Ajouter au dossier", icon="plus")
        add.add_class(f"{css}-dossier-ajouter")
        add.on_click(lambda _b: self.add())
        self.done = html_output(f"{css}-dossier-cree")
        row = w.Layout(align_items="flex-end", flex_flow="row wrap")
        came_from = (w.HTML(f'<p class="ck-ref">Page ouverte depuis le dossier <b>{esc(reference)}</b> : '
                            "« Ajouter au dossier » y garde ce qui est calculé ici, avec l'accord de la "
                            "personne.</p>") if reference else w.HTML())
        form = w.VBox([came_from, self.consent,
                       w.HTML("<b>Nouveau dossier</b>"), w.HBox([self.name, create], layout=row),
                       w.HTML("<b>ou dossier déjà ouvert pour cette personne</b>"),
                       w.HBox([self.reference, add], layout=row)],
                      layout=w.Layout(display=None if reference else "none"))
        opener = w.Button(description="Enregistrer dans un dossier", icon="save", layout=w.Layout(width="auto"))
        opener.add_class(f"{css}-dossier")

        def reveal(_b):
            form.layout.display = None

        opener.on_click(reveal)
        super().__init__([w.HTML('<p class="ck-ref">Simulation rapide : rien n\'est gardé, sauf si la '
                                 "personne accepte d'ouvrir un dossier.</p>"), opener, form, self.errors, self.done])
        self.create = guarded(self.errors)(self._create)
        self.add = guarded(self.errors)(self._add)
        self.add_class("ck-papier")

    def _agreed(self) -> None:
        if not self.consent.value:
            raise InputError("consentement", "Accord de la personne", "l'accord n'est pas coché : rien n'est "
                             "enregistré", "la case cochée, après l'avoir lue à la personne")

    def _create(self) -> None:
        self._agreed()
        settled(self.settle)
        data = self.collect()
        consent = Consent(date=self.today, conservation=True, recueilli_par=self.user)
        dossier = adapters.dossier_from_simulation(
            data.get("menage"), consent=consent, user=self.user, today=self.today, rfr=data.get("rfr"),
            territoire_fsl=data.get("territoire_fsl"), identite=Identity(nom=self.name.value.strip() or None),
            droits=data.get("droits"), energie=data.get("energie"))
        with self.store_factory() as store:
            store.create(dossier, self.user)
        self.consent.value = False
        self.done.value = _opened(dossier.reference, "créé", adapters.bills_said(dossier.factures, "gardée"))

    def _add(self) -> None:
        from ..storage.errors import ConflictError, DossierNotFound

        self._agreed()
        reference = _reference(self.reference.value)
        settled(self.settle)
        data = self.collect()
        with self.store_factory() as store:
            for attempt in range(3):  # someone saved the dossier between our read and our write: read again
                try:
                    stored = store.load(reference)
                except DossierNotFound:
                    raise InputError("dossier.reference", "Référence du dossier",
                                     f"aucun dossier « {reference} » dans la base",
                                     "la référence écrite en haut du dossier sur la page « Dossiers »") from None
                dossier, said = adapters.add_simulation(
                    stored.dossier, menage=data.get("menage"), rfr=data.get("rfr"),
                    territoire_fsl=data.get("territoire_fsl"), droits=data.get("droits"),
                    energie=data.get("energie"))
                try:
                    store.save(dossier, stored.version, self.user)
                    break
                except ConflictError:
                    if attempt == 2:
                        raise
        self.consent.value = False
        self.done.value = _opened(reference, "complété", said)


def _reference(typed: str) -> str:
    """A dossier reference as typed (« 2026-k7m3q ») in the stored form."""
    from ..dossier.model import REFERENCE_PATTERN

    reference = typed.strip().upper()
    if not reference:
        raise InputError("dossier.reference", "Référence du dossier", "vide",
                         "la référence écrite en haut du dossier sur la page « Dossiers », par ex. 2026-K7M3Q")
    if not re.fullmatch(REFERENCE_PATTERN, reference):
        raise InputError("dossier.reference", "Référence du dossier", f"« {typed.strip()} » n'est pas une "
                         "référence de dossier", "l'année, un tiret et cinq caractères, par ex. 2026-K7M3Q")
    return reference


def _opened(reference: str, what: str, said: list[str]) -> str:
    items = "".join(f"<li>{esc(s)}</li>" for s in said)
    return (f'<div class="ck-card">Dossier <b>{esc(reference)}</b> {what}. '
            f'<a href="dossiers.ipynb?reference={esc(reference)}" target="_blank">Ouvrir le dossier</a>'
            + (f"<ul>{items}</ul>" if items else "") + "</div>")


def _default_store():
    from ..storage import Store

    return Store()


def _current_user() -> str:
    from ..storage import current_user

    return current_user()


def nothing_yet(what: str) -> InputError:
    return InputError("document", "Document", "rien à imprimer pour l'instant", what)


def nothing_to_keep(what: str) -> InputError:
    return InputError("dossier", "Enregistrer dans un dossier", "rien à enregistrer pour l'instant", what)


def attach(root: w.Box, *widgets: w.Widget) -> None:
    """Put the paper section (and « Enregistrer dans un dossier ») under a page."""
    root.children = (*root.children, *widgets)
