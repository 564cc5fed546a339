"""The words of the documents come from message catalogues (gettext).

Templates are written in French and mark their words with ``{% trans %}`` or
``_()``, a count with ``ngettext(singulier, pluriel, n, ...)`` (French:
singular below 2, as :func:`counselling.formatting.how_many`); French needs
no catalogue. Another language is one file,
``locale/<langue>/LC_MESSAGES/documents.po`` beside this module (start from
``locale/documents.pot``, the list of every sentence, kept up to date by a
test), read with babel: the templates do not change.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from ..errors import InputError
from ..formatting import agreed

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def locale_dir() -> Path:
    """``$COUNSELLING_LOCALE_DIR`` when set (a structure's own translations), else ``locale/`` here."""
    import os

    return Path(os.environ.get("COUNSELLING_LOCALE_DIR") or LOCALE_DIR)


def available_languages(folder: Path | None = None) -> list[str]:
    folder = folder or locale_dir()
    return ["fr"] + sorted(p.parent.parent.name for p in folder.glob("*/LC_MESSAGES/documents.po"))


class French(gettext.NullTranslations):
    """The templates' own words, with the French plural: « 1,5 unité », « 0 versement »."""

    def ngettext(self, singular: str, plural: str, n) -> str:
        return agreed(n, singular, plural)

    def npgettext(self, context: str, singular: str, plural: str, n) -> str:
        return agreed(n, singular, plural)


def translations(lang: str = "fr") -> gettext.NullTranslations:
    """The catalogue of ``lang`` (French: the templates' own words)."""
    return _translations(lang, locale_dir())


@lru_cache(maxsize=16)
def _translations(lang: str, locale_dir: Path) -> gettext.NullTranslations:
    if lang == "fr":
        return French()
    po = locale_dir / lang / "LC_MESSAGES" / "documents.po"
    if not po.is_file():
        raise InputError("langue", "Langue du document", f"aucune traduction « {lang} » n'est installée",
                         "une de : " + ", ".join(available_languages(locale_dir)))
    with open(po, "rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    catalogue = Translations(fp=buffer)
    catalogue.add_fallback(French())  # a sentence not yet translated stays French, with its plural
    return catalogue


def extract_messages(templates_dir: Path) -> list[str]:
    """Every sentence marked in the templates (for ``documents.pot``); a
    counted sentence by its singular."""
    return sorted(extract_plurals(templates_dir))


def extract_plurals(templates_dir: Path) -> dict[str, str | None]:
    """Every sentence marked in the templates → its plural (``None`` for a
    sentence without a count)."""
    from babel.messages.extract import extract

    from jinja2.ext import babel_extract

    found: dict[str, str | None] = {}
    for path in sorted(templates_dir.glob("*.html")):
        with open(path, "rb") as handle:
            for _line, message, _comments, _context in extract(
                    babel_extract, handle, options={"extensions": "jinja2.ext.i18n,jinja2.ext.do", "trimmed": "true"}):
                singular, plural = (message, None) if isinstance(message, str) else message[:2]
                found[singular] = found.get(singular) or plural
    return found


def _po_string(message: str) -> str:
    return '"' + message.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_pot(templates_dir: Path, target: Path) -> None:
    """Write the catalogue template listing every sentence of the templates."""
    lines = ['# Phrases des documents de la trousse du conseiller (modèle de catalogue).',
             '# Une langue : copier ce fichier en locale/<langue>/LC_MESSAGES/documents.po et traduire.',
             '# Une phrase avec un nombre a son pluriel (msgid_plural) : donner Plural-Forms dans l’en-tête.',
             'msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '']
    for message, plural in sorted(extract_plurals(templates_dir).items()):
        if plural is None:
            lines += [f"msgid {_po_string(message)}", 'msgstr ""', '']
        else:
            lines += [f"msgid {_po_string(message)}", f"msgid_plural {_po_string(plural)}", 'msgstr[0] ""',
                      'msgstr[1] ""', '']
    target.write_text("\n".join(lines), encoding="utf-8")
