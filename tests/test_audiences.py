"""Two audiences: the beneficiary's view of every explanation never shows a
maintainers' note; the counsellor's view keeps them.

Every case of ``tests/cases/*.yaml`` is run, plus extra calls reaching the
branches that read notes (every FSL territory and volet, éco-gestes by
appliances, a lone parent's capacity…). For each result, the beneficiary's
texts are :meth:`Result.explain` and every string of the values (but the
``note`` fields kept for the counsellor), and the HTML a page shows unfolded
(:func:`warnings_html` and :func:`steps_html` without the folded
« Détails pour le conseiller »). None may contain a ``note`` of
``tariffs/**/*.yaml`` nor a phrase of :data:`FORBIDDEN`.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from counselling import fsl_rules
from counselling.calculators import calculator
from counselling.cases import load_cases
from counselling.dashboards.common import counsellor_html, steps_html, warnings_html
from counselling.errors import CounsellingError
from counselling.results import CONSEILLER, Explainer, Notice, Result
from counselling.tariffs import read_yaml, tariffs_dir

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
TODAY = "2026-11-30"

# how maintainers write about their sources; never for the person in front of the counsellor
FORBIDDEN = [
    "non relu", "comme l'indique la presse", "relais de presse", "lu à travers", "relu dans", "relue dans",
    "relu sur", "article de presse", "presse spécialisée", "openfisca", "budget-facts", "energy-facts",
    "le lien exact", "date de lecture", "(confiance ", "outil search", "chiffre dérivé", "non publié tel quel",
]


def _notes(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "note" and isinstance(value, str) and value.strip():
                found.add(value.strip())
            else:
                _notes(value, found)
    elif isinstance(node, list):
        for item in node:
            _notes(item, found)
    return found


NOTES = sorted(set().union(*(_notes(read_yaml(p), set()) for p in tariffs_dir().rglob("*.yaml"))))


def _strings(node, skip=("note",)):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in skip:
                yield from _strings(value, skip)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _strings(item, skip)


def _unfolded_html(result: Result) -> str:
    html = warnings_html(result) + steps_html(result)
    return re.sub(r'<details class="ck-conseiller">.*?</details>', "", html, flags=re.S)


def beneficiary_texts(result: Result) -> list[str]:
    import html as html_lib

    visible = re.sub(r"<[^>]+>", " ", _unfolded_html(result))  # what is read, not where links go
    return [result.explain(), *_strings(result.values), html_lib.unescape(visible)]


def _run(name: str, **kwargs) -> Result | None:
    func = calculator(name)
    try:
        result = func(**kwargs)
    except CounsellingError:
        return None
    return result if isinstance(result, Result) else None


def _case_results():
    for path in CASES:
        spec = load_cases(path)
        func = calculator(spec.calculator)
        for case in spec.cases:
            if case.expected is None:
                continue
            kwargs = dict(case.inputs)
            if case.date is not None and "on" in inspect.signature(func).parameters:
                kwargs["on"] = case.date
            yield f"{path.stem}::{case.name}", lambda f=spec.calculator, k=kwargs: _run(f, **k)


def _extra_results():
    for code in fsl_rules.known_codes():
        for volet in ("energie", "eau", "telephone", "acces", "maintien"):
            yield f"fsl {code} {volet}", lambda c=code, v=volet: _run(
                "fsl", departement=c, volet=v, on=TODAY, adultes=1, enfants=2, ressources=900, quotient=500,
                faits={"dette": 400}, aides_precedentes=[])
            yield f"fsl {code} {volet} sans rien", lambda c=code, v=volet: _run(
                "fsl", departement=c, volet=v, on=TODAY)
    yield "écogestes appareils", lambda: _run(
        "ecogestes", personnes=3, energie_chauffage="gaz", energie_eau_chaude="electricite",
        appareils=["refrigerateur_congelateur", "lave_linge", "seche_linge", "congelateur", "climatiseur_mobile"], on=TODAY)
    yield "écogestes sans prix", lambda: _run("ecogestes", personnes=1, energie_chauffage="electricite", on=TODAY)
    yield "capacité parent seul", lambda: _run(
        "capacite_remboursement", ressources=1400, adultes=1, enfants=2, on=TODAY)
    yield "budget résidence alternée", lambda: _run(
        "diagnostic_budget", menage={"membres": [{"role": "adulte", "age": 35},
                                                {"role": "enfant", "age": 6, "residence_alternee": True}],
                                     "ressources": [{"categorie": "salaires", "montant": 1500}],
                                     "charges": [{"categorie": "electricite", "montant": 160}]}, on=TODAY)
    yield "plan prioritaires", lambda: _run(
        "plan_creanciers", dettes=[{"creancier": "EDF", "montant": 300, "nature": "energie"},
                                   {"creancier": "Bailleur", "montant": 900, "nature": "loyer"},
                                   {"creancier": "Cofidis", "montant": 1000, "nature": "credit"}],
        capacite=12, premiere_echeance="2026-12-05", on=TODAY)
    yield "conseil option", lambda: _run("conseil_option_electricite", consommation_kwh=4500, puissance_kva=6,
                                         puissance_max_kva=4)
    yield "comparaison de factures", lambda: _run(
        "comparaison_factures",
        avant={"option": "base", "puissance_kva": 6, "debut": "2025-01-01", "fin": "2025-01-31",
               "consommation": 400},
        apres={"option": "heures_creuses", "puissance_kva": 9, "debut": "2026-02-01", "fin": "2026-03-10",
               "consommation": {"hp": 300, "hc": 200}})


ALL = list(_case_results()) + list(_extra_results())


def test_the_data_has_maintainers_notes_to_hide():
    assert len(NOTES) > 50
    assert any("presse" in n for n in NOTES)


@pytest.mark.parametrize(("name", "run"), ALL, ids=[name for name, _ in ALL])
def test_beneficiary_view_has_no_maintainers_note(name, run):
    result = run()
    if result is None:
        pytest.skip("le calcul s'arrête sur un message d'erreur (pas d'explication)")
    for text in beneficiary_texts(result):
        lowered = text.lower()
        for note in NOTES:
            assert note not in text, f"note de maintenance visible du bénéficiaire : « {note} »"
        for phrase in FORBIDDEN:
            assert phrase not in lowered, f"« {phrase} » visible du bénéficiaire : {text[:300]}"


def test_enough_results_are_scanned():
    computed = [r for r in (run() for _name, run in ALL) if r is not None]
    assert len(computed) > 150
    # and the notes did travel somewhere: to the counsellor's view
    counsellor = "\n".join(r.explain(audience=CONSEILLER) for r in computed)
    assert sum(note in counsellor for note in NOTES) > 20


def test_a_note_goes_to_the_counsellor_folded_and_nowhere_else():
    ex = Explainer("essai", on=__import__("datetime").date(2026, 11, 30))
    seuil = ex.param("budget.seuil_effort_energetique_classique")
    ex.step("Le seuil usuel est de 10 % des ressources.", reference=seuil, details="seuil lu par le kit")
    result = ex.result(seuil=seuil.value)
    assert seuil.note and seuil.note not in result.explain()
    assert "seuil lu par le kit" not in result.explain()
    full = result.explain(audience="conseiller")
    assert seuil.note in full and "seuil lu par le kit" in full and "confiance moyenne" in full
    assert all(seuil.note not in n.message for n in result.notices())
    assert [n for n in result.notices(CONSEILLER) if seuil.note in n.message] == result.counsellor_notices()
    assert seuil.note not in _unfolded_html(result)
    folded = counsellor_html(result)
    assert folded.startswith('<details class="ck-conseiller"><summary>Détails pour le conseiller</summary>')
    assert "<details open" not in folded and "seuil lu par le kit" in folded
    with pytest.raises(ValueError):
        Notice("attention", "x", audience="public")


PROVENANCE = ["copie du dépôt", "copie jc144", "copiée par", "relayé", "fiche de référence du kit",
              "recoupée par", "openfisca"]


def _titles(node, found: list[tuple[str, str]], where: str) -> list[tuple[str, str]]:
    if isinstance(node, dict):
        if isinstance(node.get("title"), str) and "url" in node:
            found.append((where, node["title"]))
        for value in node.values():
            _titles(value, found, where)
    elif isinstance(node, list):
        for item in node:
            _titles(item, found, where)
    return found


def test_source_titles_are_citations_without_provenance():
    titles = [t for p in tariffs_dir().rglob("*.yaml")
              for t in _titles(read_yaml(p), [], p.relative_to(tariffs_dir()).as_posix())]
    assert len(titles) > 50
    offending = [f"{where} : {title}" for where, title in titles
                 if any(phrase in title.lower() for phrase in PROVENANCE)]
    assert not offending, "\n".join(offending)


def _documents():
    """The documents handed to the person, as HTML (no PDF needed to read their words)."""
    from counselling.calculators.ecogestes import ecogestes
    from counselling.calculators.electricity import facture_electricite
    from counselling.calculators.fsl import fsl
    from counselling.documents import builders

    on = __import__("datetime").date(2026, 11, 30)
    for code in fsl_rules.known_codes():
        try:
            result = fsl(code, volet="energie", on=on, adultes=1, enfants=1, ressources=900, faits={"dette": 300})
        except CounsellingError:
            continue
        yield f"fsl {code}", builders.fsl_summary(result, on=on).html
    eco = ecogestes(2, energie_chauffage="electricite", appareils=["refrigerateur_congelateur", "lave_linge"],
                    on=on)
    yield "éco-gestes", builders.ecogestes_handout(eco, on=on).html
    bill = facture_electricite("heures_creuses", 6, "2025-01-15", "2025-03-14", consommation={"hp": 500, "hc": 300})
    yield "facture", builders.bill_check(bill, on=on).html


def test_documents_handed_to_the_person_carry_no_maintainers_note():
    import html as html_lib

    scanned = 0
    for name, page in _documents():
        text = html_lib.unescape(re.sub(r"<[^>]+>", " ", page))
        for note in NOTES:
            assert note not in text, f"{name} : note de maintenance dans le document : « {note} »"
        for phrase in FORBIDDEN:
            assert phrase not in text.lower(), f"{name} : « {phrase} » dans le document"
        scanned += 1
    assert scanned > 20
