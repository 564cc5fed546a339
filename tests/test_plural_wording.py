"""Counts in plain French: « 1 échéance demandée », « 2 échéances demandées »,
never « échéance(s) demandée(s) », which a person who reads little French
finds hard. Representative calculators are run with one and with two of what
they count; every text they give (both audiences, errors) is read back."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from counselling.calculators import calculator
from counselling.calculators import load_curve as lc
from counselling.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
#: « échéance(s) », « compté(e) », « inconnu(es) », « travau(x) »
MARK = re.compile(r"[a-zà-ÿ]\((?:s|e|es|x)\)", re.IGNORECASE)
ON = "2026-11-30"


def _plain(text: str) -> str:
    return re.sub(r"[\u00a0\u202f]", " ", text)


def _texts(result) -> str:
    return _plain(result.explain() + "\n" + result.explain(audience="conseiller"))


def _error(call) -> str:
    with pytest.raises(InputError) as caught:
        call()
    return _plain(str(caught.value))


def _debts(n):
    return [{"creancier": "EDF", "montant": 100, "nature": "energie"},
            {"creancier": "Veolia", "montant": 100, "nature": "eau"}][:n]


def _power(n):
    return pd.DataFrame({"date": [dt.date(2026, 1, d) for d in (1, 2, 3)],
                         "puissance_va": [7000.0] * n + [5000.0] * (3 - n)})


def _index(n):
    totals = [1000, 2000, None, 3000, 4000] if n == 2 else [1000, 3000, 500, 900]
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=k) for k in range(len(totals))]
    return pd.DataFrame({"date": days, "EAS T": [np.nan if t is None else float(t) for t in totals],
                         "ligne": range(3, 3 + len(totals))})


def _aids(n):
    return [{"date": "2025-03-01", "montant": 1000, "volet": "maintien"},
            {"date": "2026-01-15", "montant": 800, "volet": "maintien"}][:n]


def _plan_of_three():
    return [{"date": f"{day}", "montant": 100} for day in ("2026-12-10", "2027-01-10", "2027-02-10")]


#: name → (the result for a count of 1 or 2, {count: phrases that must be said})
RESULTS = {
    "échéancier, nombre demandé": (
        lambda n: calculator("echeancier")(1000, "2027-01-31", ON, nombre_echeances=n),
        {1: ["1 échéance demandée : 1 000,00 €"], 2: ["2 échéances demandées : 500,00 €"]}),
    "échéancier, montant demandé": (
        lambda n: calculator("echeancier")(1000, "2027-01-31", ON, mensualite=1000 // n),
        {1: [": 1 échéance.", "= 1 échéance"], 2: [": 2 échéances.", "= 2 échéances"]}),
    "échéancier, jour de paiement trop proche": (
        lambda n: calculator("echeancier")(1000, f"2027-01-{32 - n}", ON, nombre_echeances=3, jour=1),
        {1: ["1 jour seulement après", "Calcul : 1 jour < la moitié"],
         2: ["2 jours seulement après", "Calcul : 2 jours < la moitié"]}),
    "échéancier, capacité trop faible pour la durée": (
        lambda n: calculator("echeancier")(1000, "2027-01-31", ON, capacite=100, duree_max_mois=n),
        {1: ["(au plus 1 échéance)", "1 échéance de 100,00 € ne paie que", "tenir, 1 échéance de"],
         2: ["(au plus 2 échéances)", "2 échéances de 100,00 € ne paient que", "tenir, 2 échéances de"]}),
    "plan, dettes": (
        lambda n: calculator("plan_creanciers")(_debts(n), 200, "2026-12-10", ON),
        {1: ["1 dette pour 100,00 €"], 2: ["2 dettes pour 200,00 €"]}),
    "plan, versements": (
        lambda n: calculator("plan_creanciers")([{"creancier": "EDF", "montant": 100 * n, "nature": "energie"}],
                                                100, "2026-12-10", ON),
        {1: ["EDF (100,00 €, prioritaire) : 1 versement le 10 décembre 2026."],
         2: ["EDF (200,00 €, prioritaire) : 2 versements du 10 décembre 2026 au 10 janvier 2027."]}),
    "capacité, personnes à charge": (
        lambda n: calculator("capacite_remboursement")(1500, ON, enfants=n),
        {1: ["On compte 1 personne à charge", "Avec 1 personne à charge",
             "une personne seule avec 1 enfant ou personne à charge"],
         2: ["On compte 2 personnes à charge", "Avec 2 personnes à charge",
             "une personne seule avec 2 enfants ou personnes à charge"]}),
    "budget, reste à vivre par personne": (
        lambda n: calculator("diagnostic_budget")(
            {"membres": [{"age": 40, "role": "adulte"}] * n, "ressources": [{"categorie": "salaires", "montant": 1400}],
             "charges": [{"categorie": "loyer", "montant": 500}]}, ON),
        {1: ["÷ 1 personne ÷", "Le ménage compte 1 personne"], 2: ["÷ 2 personnes ÷", "Le ménage compte 2 personnes"]}),
    "éco-gestes, foyer": (
        lambda n: calculator("ecogestes")(n, appareils=["seche_linge"], consommations={"sechage": 150},
                                          prix_kwh=0.2, gestes=["sechage_air_libre"], on=ON),
        {1: ["Foyer de 1 personne."], 2: ["Foyer de 2 personnes."]}),
    "courbe de charge, jours au-dessus de la puissance souscrite": (
        lambda n: lc.max_power_summary(_power(n), "6"),
        {1: ["1 jour au-dessus", "3 jours mesurés"], 2: ["2 jours au-dessus"]}),
    "index quotidiens, jours inconnus": (
        lambda n: lc.index_summary(_index(n)),
        {1: ["1 jour sans consommation connue (index vide ou en baisse) : non compté.", "2 jours connus"],
         2: ["2 jours sans consommation connue (index vide ou en baisse) : non comptés."]}),
    "FSL, fréquence des aides": (
        lambda n: (calculator("fsl")("16", "eau", "2026-12-01", personnes=2, ressources=1200,
                                     aides_precedentes=[{"date": "2026-03-15", "montant": 150}]) if n == 1 else
                   calculator("fsl")("69M", "maintien", "2026-11-23", adultes=1, enfants=1, ressources=1500,
                                     aides_precedentes=_aids(2))),
        {1: ["Au plus 1 aide « eau » sur 12 mois", ": 1 aide depuis le 1er décembre 2025 (≥ 1)"],
         2: ["Au plus 2 aides « maintien » sur 24 mois", ": 2 aides depuis le"]}),
    "suivi, échéances en retard": (
        lambda n: calculator("suivi_paiements")(_plan_of_three(), [], "2026-12-20" if n == 1 else "2027-01-20"),
        {1: ["Le plan compte 3 échéances", "1 échéance passée non réglée : 100,00 €"],
         2: ["2 échéances passées non réglées : 200,00 €"]}),
}

#: name → (the call for a count of 1 or 2 that must be refused, {count: phrase of the message})
ERRORS = {
    "chèque énergie, enfants en résidence alternée": (
        lambda n: calculator("cheque_energie")(2025, 0, n, alternating_children=n),
        {1: "1 enfant pour un ménage de 1 personne", 2: "2 enfants pour un ménage de 2 personnes"}),
    "éco-gestes, énergies inconnues": (
        lambda n: calculator("ecogestes")(1, prix_kwh={"fioul": 0.1, "bois": 0.1} if n == 2 else {"fioul": 0.1},
                                          on=ON),
        {1: "énergie inconnue : fioul", 2: "énergies inconnues : bois, fioul"}),
    "FSL, faits inconnus": (
        lambda n: calculator("fsl")("16", "eau", ON, personnes=1, ressources=900,
                                    faits={"chien": True, "velo": True} if n == 2 else {"chien": True}),
        {1: "fait inconnu : chien", 2: "faits inconnus : chien, velo"}),
    "relevés, trop peu": (
        lambda n: calculator("consommation_releves")([{"date": "2026-01-01", "index": 100}][:n - 1]),
        {1: "aucun relevé", 2: "un seul relevé"}),
    "facture, classes inconnues": (
        lambda n: calculator("facture_electricite")("base", 6, "2026-01-01", "2026-01-31",
                                                    {"pointe": 10, "nuit": 10} if n == 2 else {"pointe": 10}),
        {1: "classe inconnue pour l'option", 2: "classes inconnues pour l'option"}),
}


@pytest.mark.parametrize("count", [1, 2])
@pytest.mark.parametrize("name", list(RESULTS))
def test_explanations_say_one_or_several_without_s_in_brackets(name, count):
    run, said = RESULTS[name]
    text = _texts(run(count))
    assert not MARK.search(text), MARK.search(text)
    missing = [phrase for phrase in said[count] if phrase not in text]
    assert not missing, f"{missing} absent de :\n{text}"


@pytest.mark.parametrize("count", [1, 2])
@pytest.mark.parametrize("name", list(ERRORS))
def test_error_messages_say_one_or_several_without_s_in_brackets(name, count):
    call, said = ERRORS[name]
    message = _error(lambda: call(count))
    assert not MARK.search(message) and said[count] in message, message


def _marked_strings(path: Path, root: Path = ROOT) -> list[str]:
    """String constants of a module that carry « (s) », docstrings and bare
    strings left out (they never reach anybody)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bare = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return [f"{path.relative_to(root)}:{node.lineno}: {node.value.strip()[:60]}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in bare
            and MARK.search(node.value)]


def test_no_s_in_brackets_in_the_kits_sentences_templates_notebooks_or_labels():
    found = [hit for path in sorted((ROOT / "counselling").rglob("*.py")) for hit in _marked_strings(path)]
    others = [*sorted((ROOT / "counselling" / "documents" / "templates").glob("*.html")),
              *sorted((ROOT / "notebooks").rglob("*.ipynb")), *sorted((ROOT / "tariffs").rglob("*.yaml"))]
    for path in others:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            shown = path.suffix != ".yaml" or re.match(r"\s*(- )?label:", line)
            if shown and MARK.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:60]}")
    assert not found, "écrire le nombre avec formatting.how_many / listed, ou ngettext dans un modèle :\n" + \
        "\n".join(found)


def test_the_guard_sees_a_bracketed_plural_in_a_string_but_not_in_a_docstring(tmp_path):
    module = tmp_path / "exemple.py"
    module.write_text('"""Lit la ou les ligne(s)."""\n\ndef f(n):\n    """acte(s)"""\n'
                      '    return f"{n} échéance(s) demandée(s)"\n', encoding="utf-8")
    assert [hit.split(":")[1] for hit in _marked_strings(module, tmp_path)] == ["5"]
