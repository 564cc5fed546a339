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


def test_french_documents_count_like_french_singular_below_two():
    from decimal import Decimal

    from counselling.documents.i18n import translations

    french = translations("fr")
    assert [french.ngettext("versement", "versements", n) for n in (0, 1, Decimal("1.5"), 2)] == \
        ["versement", "versement", "versement", "versements"]
    pot = (LOCALE_DIR / "documents.pot").read_text(encoding="utf-8")
    assert 'msgid "%(count)s versement, le %(last)s."\nmsgid_plural "%(count)s versements, du %(first)s au ' \
           '%(last)s."\nmsgstr[0] ""\nmsgstr[1] ""' in pot
    assert "(s)" not in pot


def _plan(debts: list[tuple[str, int]]):
    return plan_creanciers([{"creancier": name, "montant": amount, "nature": "energie"} for name, amount in debts],
                           100, "2026-12-10", "2026-11-30")


def test_the_schedule_and_the_letter_say_one_payment_or_several_in_words():
    one = _plan([("EDF", 100)])
    schedule, letter = text(builders.echeancier(one).pdf()), text(builders.creditor_letter(one, "EDF").pdf())
    assert "1 créancier, 100,00 € à rembourser." in schedule and "1 versement, le 10 décembre 2026." in schedule
    assert "remboursement en 1 versement, le 10 décembre 2026, selon" in letter
    several = _plan([("EDF", 100), ("Engie", 100)])
    schedule, letter = text(builders.echeancier(several).pdf()), text(builders.creditor_letter(several, "EDF").pdf())
    assert "2 créanciers, 200,00 € à rembourser." in schedule
    assert "2 versements, du 10 décembre 2026 au 10 janvier 2027." in schedule
    assert "remboursement en 2 versements, du 10 décembre 2026 au 10 janvier 2027, selon" in letter
    assert "(s)" not in schedule + letter


def test_cheque_energie_summary_says_one_and_a_half_unit_in_the_singular():
    from counselling.calculators.cheque_energie import cheque_energie

    words = text(builders.cheque_energie_summary(cheque_energie(2025, 9000, 2), year=2025).pdf())
    assert "1,5 unité de consommation," in words and "(s)" not in words


def test_a_translation_gives_its_own_plural_forms(tmp_path, monkeypatch):
    folder = tmp_path / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    french = ("Nous vous proposons un remboursement en %(count)s versement, le %(last)s, selon l’échéancier "
              "ci-dessous.")
    french_plural = ("Nous vous proposons un remboursement en %(count)s versements, du %(first)s au %(last)s, "
                     "selon l’échéancier ci-dessous.")
    (folder / "documents.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; '
        'plural=(n != 1);\\n"\n\n'
        f'msgid "{french}"\nmsgid_plural "{french_plural}"\n'
        'msgstr[0] "We offer one payment on %(last)s."\nmsgstr[1] "We offer %(count)s payments from %(first)s."\n',
        encoding="utf-8")
    monkeypatch.setenv("COUNSELLING_LOCALE_DIR", str(tmp_path))
    assert "We offer one payment on 10 décembre 2026." in text(
        builders.creditor_letter(_plan([("EDF", 100)]), "EDF", lang="en").pdf())
    assert "We offer 2 payments from 10 décembre 2026." in text(
        builders.creditor_letter(_plan([("EDF", 200)]), "EDF", lang="en").pdf())
