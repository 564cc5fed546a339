"""The documents' words come from message catalogues: a language is a .po file,
the templates do not change."""

from __future__ import annotations

from pathlib import Path

from counselling.calculators.plan import plan_creanciers
from counselling.documents import builders
from counselling.documents.i18n import LOCALE_DIR, available_languages, extract_messages
from counselling.documents.render import TEMPLATES

from .pdfcheck import text


def test_the_catalogue_template_lists_every_sentence_of_the_templates():
    pot = (LOCALE_DIR / "documents.pot").read_text(encoding="utf-8")
    missing = [m for m in extract_messages(TEMPLATES) if f'msgid "{m}"' not in pot.replace('\\"', '"')]
    assert missing == [], "relancer counselling.documents.i18n.write_pot : phrases absentes de documents.pot"


def test_every_marked_sentence_of_every_template_is_extracted_macros_included():
    """The extractor once skipped ``_macros.html`` whole (its ``{% do %}`` tag
    was unknown to it) and said nothing."""
    import re

    marked = {m for path in TEMPLATES.glob("*.html")
              for _q, m in re.findall(r"""_\((['"])(.+?)\1""", path.read_text(encoding="utf-8"))}
    assert "Calcul :" in marked and marked <= set(extract_messages(TEMPLATES))


def test_a_new_language_is_one_po_file(tmp_path, monkeypatch):
    folder = tmp_path / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "documents.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Madame, Monsieur,"\nmsgstr "Dear Sir or Madam,"\n\n'
        'msgid "Le %(date)s"\nmsgstr "On %(date)s"\n', encoding="utf-8")
    monkeypatch.setenv("COUNSELLING_LOCALE_DIR", str(tmp_path))
    assert available_languages() == ["fr", "en"]
    plan = plan_creanciers([{"creancier": "EDF", "montant": 300, "nature": "energie"}], 100, "2026-12-10",
                           "2026-11-30")
    english = text(builders.creditor_letter(plan, "EDF", lang="en").pdf())
    french = text(builders.creditor_letter(plan, "EDF").pdf())
    assert "Dear Sir or Madam," in english and "On 30 novembre 2026" in english
    assert "Madame, Monsieur," in french and "Dear" not in french
    assert Path(TEMPLATES / "lettre_creancier.html").read_text(encoding="utf-8").count("Madame, Monsieur,") >= 1
