"""One rendering layer: a Jinja2 template → an HTML preview and a PDF.

The same HTML is shown in the dashboard (preview) and turned into an A4 PDF
by WeasyPrint (Debian's pango; DejaVu fonts, so accents, €, and Arabic or
Cyrillic names render). Templates live in ``templates/`` beside this module;
a structure may override one by putting a file of the same name in the
folder named by ``$COUNSELLING_TEMPLATES`` (an edited letter, say).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..formatting import date_fr, date_short, eur, number, percent
from .i18n import translations
from .settings import Structure, load_structure

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _eur(value: Any, whole: bool = False) -> str:
    return "—" if value is None else eur(value, whole=whole)


def _date(value: Any) -> str:
    return "—" if value is None else date_fr(value)


def environment(lang: str = "fr", override: str | None = None) -> Environment:
    """The Jinja2 environment: autoescaped HTML, French filters, gettext."""
    from .i18n import locale_dir

    return _environment(lang, override, locale_dir())


@lru_cache(maxsize=16)
def _environment(lang: str, override: str | None, _locale_dir) -> Environment:
    folders = [override] if override else []
    env = Environment(loader=FileSystemLoader([*folders, str(TEMPLATES)]), autoescape=select_autoescape(["html"]),
                      undefined=StrictUndefined, extensions=["jinja2.ext.i18n", "jinja2.ext.do"], trim_blocks=False,
                      lstrip_blocks=False)
    env.install_gettext_translations(translations(lang), newstyle=True)
    env.filters.update(eur=_eur, date_fr=_date, date_short=date_short, number=number, percent=percent)
    return env


def fragment(macro: str, *args: Any, lang: str = "fr", **kwargs: Any) -> str:
    """HTML of one macro of ``_macros.html``, for a page that shows on screen
    the same block as a document prints (e.g. ``fsl_contact``)."""
    module = environment(lang).get_template("_macros.html").module
    return str(getattr(module, macro)(*args, **kwargs)).strip()


@dataclass
class Document:
    """A rendered document: its HTML (preview) and, on demand, its PDF."""

    kind: str
    title: str
    html: str
    notices: list[str] = field(default_factory=list)
    base_url: str | None = None

    def pdf(self) -> bytes:
        """The A4 PDF (fonts embedded)."""
        return self._weasy().write_pdf()

    def _weasy(self):
        from weasyprint import HTML

        return HTML(string=self.html, base_url=self.base_url).render()

    def write_pdf(self, path: str | os.PathLike) -> Path:
        path = Path(path)
        path.write_bytes(self.pdf())
        return path

    def filename(self, reference: str | None = None) -> str:
        stem = self.kind if not reference else f"{self.kind}-{reference}"
        return f"{stem}.pdf"


def combine(documents: list[Document], kind: str = "dossier_rendez_vous",
            title: str = "Documents du rendez-vous") -> bytes:
    """Several documents in one PDF (the appointment pack), each starting on a new page."""
    rendered = [d._weasy() for d in documents]
    pages = [page for r in rendered for page in r.pages]
    return rendered[0].copy(pages).write_pdf()


def render(template: str, context: dict[str, Any], *, kind: str, title: str, scales_on: dt.date,
           on: dt.date | None = None, structure: Structure | None = None, lang: str = "fr") -> Document:
    """Render ``template`` with ``context`` plus what every document states:
    the structure, the date it is issued (``on``, today by default), and the
    date of the scales used (``scales_on``, the calculation's date)."""
    on = on or dt.date.today()
    structure = structure or load_structure()
    notices = [n for n in [structure.logo_missing()] if n]
    logo = structure.logo_path()
    env = environment(lang, os.environ.get("COUNSELLING_TEMPLATES") or None)
    html = env.get_template(template).render(
        **context, structure=structure, logo=logo.as_uri() if logo else None, on=on, scales_on=scales_on,
        title=title, Decimal=Decimal)
    return Document(kind=kind, title=title, html=html, notices=notices,
                    base_url=str(logo.parent) if logo else None)
