"""Finding the FSL territory by code, name, commune or postal code (issue 14)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from counselling import fsl_rules, territories
from counselling.calculators.fsl import fsl
from counselling.errors import InputError

ROOT = Path(__file__).resolve().parents[1]

# One real postal code per département: the préfecture's, as given by the
# package countrystatecity-postal-codes 2.0.1 (data of the
# countries-states-cities-database, ODbL; FR file, and GP/MQ/GF/RE/YT for the
# overseas départements), a source independent of tariffs/territoires/.
PREFECTURES = """
01 01000 Bourg-en-Bresse | 02 02000 Laon | 03 03000 Moulins | 04 04000 Digne-les-Bains | 05 05000 Gap
06 06000 Nice | 07 07000 Privas | 08 08000 Charleville-Mézières | 09 09000 Foix | 10 10000 Troyes
11 11000 Carcassonne | 12 12000 Rodez | 13 13001 Marseille | 14 14000 Caen | 15 15000 Aurillac
16 16000 Angoulême | 17 17000 La Rochelle | 18 18000 Bourges | 19 19000 Tulle | 2A 20000 Ajaccio
2B 20200 Bastia | 21 21000 Dijon | 22 22000 Saint-Brieuc | 23 23000 Guéret | 24 24000 Périgueux
25 25000 Besançon | 26 26000 Valence | 27 27000 Évreux | 28 28000 Chartres | 29 29000 Quimper
30 30000 Nîmes | 31 31000 Toulouse | 32 32000 Auch | 33 33000 Bordeaux | 34 34000 Montpellier
35 35000 Rennes | 36 36000 Châteauroux | 37 37000 Tours | 38 38000 Grenoble | 39 39000 Lons-le-Saunier
40 40000 Mont-de-Marsan | 41 41000 Blois | 42 42000 Saint-Étienne | 43 43000 Le Puy-en-Velay
44 44000 Nantes | 45 45000 Orléans | 46 46000 Cahors | 47 47000 Agen | 48 48000 Mende | 49 49000 Angers
50 50000 Saint-Lô | 51 51000 Châlons-en-Champagne | 52 52000 Chaumont | 53 53000 Laval | 54 54000 Nancy
55 55000 Bar-le-Duc | 56 56000 Vannes | 57 57000 Metz | 58 58000 Nevers | 59 59000 Lille
60 60000 Beauvais | 61 61000 Alençon | 62 62000 Arras | 63 63000 Clermont-Ferrand | 64 64000 Pau
65 65000 Tarbes | 66 66000 Perpignan | 67 67000 Strasbourg | 68 68000 Colmar
69 69400 Villefranche-sur-Saône | 70 70000 Vesoul | 71 71000 Mâcon | 72 72000 Le Mans
73 73000 Chambéry | 74 74000 Annecy | 75 75001 Paris | 76 76000 Rouen | 77 77000 Melun
78 78000 Versailles | 79 79000 Niort | 80 80000 Amiens | 81 81000 Albi | 82 82000 Montauban
83 83000 Toulon | 84 84000 Avignon | 85 85000 La Roche-sur-Yon | 86 86000 Poitiers | 87 87000 Limoges
88 88000 Épinal | 89 89000 Auxerre | 90 90000 Belfort | 91 91000 Évry-Courcouronnes | 92 92000 Nanterre
93 93000 Bobigny | 94 94000 Créteil | 95 95000 Cergy | 971 97100 Basse-Terre | 972 97200 Fort-de-France
973 97300 Cayenne | 974 97400 Saint-Denis | 976 97600 Mamoudzou
"""
ROWS = [tuple(item.split(None, 2)) for item in PREFECTURES.replace("\n", "|").split("|") if item.strip()]
EVERY_DEPARTEMENT = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"] + \
    [str(n) for n in range(971, 977) if n != 975]


def test_the_reference_table_covers_every_departement_once():
    assert sorted(r[0] for r in ROWS) == sorted(EVERY_DEPARTEMENT)
    assert sorted(territories.departements()) == sorted(EVERY_DEPARTEMENT)


@pytest.mark.parametrize("dept, postcode, commune", ROWS, ids=[r[0] for r in ROWS])
def test_a_postal_code_of_every_departement_finds_it(dept, postcode, commune):
    match = territories.find_territory(postcode)
    assert not match.ambiguous, match
    candidate = match.candidates[0]
    # its département, or its métropole when that métropole runs its own FSL (Nice → 06M)
    assert candidate.code in (dept, f"{dept}M")
    assert candidate.code == dept or (ROOT / "tariffs" / "fsl" / f"{candidate.code}.yaml").is_file()
    assert territories.normalise(commune) in {territories.normalise(c) for c in candidate.communes}
    # the commune name with its postal code gives the same territory
    assert territories.territory_code(f"{postcode} {commune}") == candidate.code


@pytest.mark.parametrize("query", ["Cote d'Or", "côte-d'or", "COTE D OR", "Côte-d’Or", "21", " 21 "])
def test_a_departement_by_name_or_code_whatever_the_accents_and_case(query):
    assert territories.territory_code(query) == "21"


@pytest.mark.parametrize("commune", ["Lyon", "Villeurbanne", "Vénissieux", "Caluire-et-Cuire", "Bron",
                                     "69003", "69100", "Lyon 3e Arrondissement"])
def test_communes_of_the_lyon_metropole_go_to_69M(commune):
    assert territories.territory_code(commune) == "69M"


@pytest.mark.parametrize("commune", ["Villefranche-sur-Saône", "Tarare", "69400", "69170"])
def test_the_rest_of_the_rhone_goes_to_69(commune):
    assert territories.territory_code(commune) == "69"


def test_a_postal_code_shared_inside_and_outside_the_metropole_asks_for_the_commune():
    match = territories.find_territory("69380")
    assert [c.code for c in match.candidates] == ["69", "69M"]
    assert "Lissieu" in match.candidates[1].communes and "Chasselay" in match.candidates[0].communes
    with pytest.raises(InputError) as caught:
        territories.territory_code("69380", "code_postal", "Code postal")
    assert caught.value.field == "code_postal"
    assert "Code postal" in str(caught.value) and "plusieurs territoires" in str(caught.value)
    assert "nom de la commune" in caught.value.expected
    assert territories.territory_code("69380 Lissieu") == "69M"
    assert territories.territory_code("Chasselay 69380") == "69"


def test_a_postal_code_shared_by_two_departements_gives_both():
    match = territories.find_territory("01200")  # Bellegarde area (Ain) and Éloise (Haute-Savoie)
    assert {c.code for c in match.candidates} == {"01", "74"}
    assert territories.territory_code("01200 Éloise") == "74"


def test_a_name_shared_by_a_departement_and_a_commune_is_not_guessed():
    match = territories.find_territory("Vienne")  # the département (86) and the commune in Isère
    assert {c.code for c in match.candidates} == {"38", "86"}
    with pytest.raises(InputError):
        territories.territory_code("Vienne")


def test_corsica_postal_codes_split_between_2A_and_2B():
    assert territories.territory_code("20000") == "2A"
    assert territories.territory_code("20090") == "2A"
    assert territories.territory_code("20200") == "2B"
    assert territories.territory_code("20600") == "2B"
    data = territories._data()
    for postcode, insees in data.by_postcode.items():
        if postcode.startswith("20"):
            expected = "2A" if postcode < "20200" else "2B"
            assert {data.communes[i].departement for i in insees} == {expected}, postcode


@pytest.mark.parametrize("postcode, dept", [("97100", "971"), ("97200", "972"), ("97300", "973"),
                                            ("97400", "974"), ("97600", "976"), ("97110", "971")])
def test_overseas_departements(postcode, dept):
    assert territories.territory_code(postcode) == dept


@pytest.mark.parametrize("query, name", [("97133", "Saint-Barthélemy"), ("97150", "Saint-Martin"),
                                         ("Saint-Barthélemy", "Saint-Barthélemy"), ("977", "Saint-Barthélemy"),
                                         ("97500", "Saint-Pierre-et-Miquelon")])
def test_overseas_collectivities_are_not_departements(query, name):
    with pytest.raises(InputError) as caught:
        territories.find_territory(query)
    assert name in str(caught.value) and "pas un département" in str(caught.value)


@pytest.mark.parametrize("query, problem", [("", "aucune valeur"), ("99", "pas un code de département"),
                                            ("99999", "absent de la base"), ("Atlantide", "ni un département"),
                                            ("69380 Paris", "aucune commune")])
def test_errors_are_french_and_name_the_field(query, problem):
    with pytest.raises(InputError) as caught:
        territories.find_territory(query, "commune", "Commune ou code postal")
    assert caught.value.field == "commune"
    assert str(caught.value).startswith("Commune ou code postal : ") and problem in str(caught.value)


def test_postal_codes_read_as_numbers_from_a_spreadsheet():
    assert territories.postal_code(1000) == "01000"
    assert territories.postal_code("1000.0") == "01000"
    assert territories.postal_code("69 003") == "69003"
    assert territories.postal_code("69") is None
    codes, problems = territories.territory_codes(["1000", 69003, "69", "6", "69380", None, "", "xx"])
    assert codes == ["01", "69M", "69", "06", None, None, None, None]
    assert problems[4] and problems[7] and not problems[5]


def test_every_commune_has_its_departement_and_every_metropole_member_is_a_commune():
    data = territories._data()
    for insee, commune in data.communes.items():
        prefix = insee[:3] if insee.startswith(("97", "98")) else insee[:2]
        assert commune.departement == prefix or (prefix == "20" and commune.departement in ("2A", "2B"))
    assert len([i for i, key in data.member_of.items() if key == "69M"]) == 58  # DGCL 2026: 58 communes


# --------------------------------------------------------------------------- driven by the files present


@pytest.fixture
def fsl_copy(tmp_path, monkeypatch):
    """A copy of tariffs/ the test may change (add or remove FSL files)."""
    copy = tmp_path / "tariffs"
    shutil.copytree(ROOT / "tariffs", copy)
    monkeypatch.setenv("COUNSELLING_TARIFFS_DIR", str(copy))
    fsl_rules.clear_cache()
    territories.clear_cache()
    yield copy / "fsl"
    monkeypatch.delenv("COUNSELLING_TARIFFS_DIR")
    fsl_rules.clear_cache()
    territories.clear_cache()


def test_a_metropole_without_its_own_file_stays_in_its_departement(fsl_copy):
    assert territories.territory_code("Toulouse") == "31M"
    (fsl_copy / "31M.yaml").unlink()
    assert territories.territory_code("Toulouse") == "31"
    assert territories.territory_codes(["31000"])[0] == ["31"]
    assert territories.metropole_twin("31") is None


def test_a_twin_departement_file_says_the_metropole_has_its_own_fsl(fsl_copy):
    on = dt.date(2026, 11, 30)
    messages = [w.message for w in fsl("31", on=on, personnes=1).warnings]
    assert any("Toulouse Métropole" in m and "31M" in m and "propre FSL" in m for m in messages)
    assert not any("propre FSL" in w.message for w in fsl("31M", on=on, personnes=1).warnings)
    # the Rhône: while the département has no file → refused, naming 69M
    rhone = (fsl_copy / "69.yaml").read_text(encoding="utf-8")
    (fsl_copy / "69.yaml").unlink()
    fsl_rules.clear_cache()
    with pytest.raises(InputError) as caught:
        fsl("69", on=on)
    assert "69M" in str(caught.value)
    # with its file, it computes and says the Métropole de Lyon has its own FSL
    (fsl_copy / "69.yaml").write_text(rhone, encoding="utf-8")
    fsl_rules.clear_cache()
    result = fsl("69", on=on, personnes=1)
    assert any("Métropole de Lyon" in w.message and "69M" in w.message for w in result.warnings)
    assert territories.territory_code("Tarare") == "69"


def test_fsl_accepts_a_commune_or_a_postal_code():
    on = dt.date(2026, 11, 30)
    assert fsl("Villeurbanne", on=on, personnes=1)["departement"] == "69M"
    assert fsl("44000", on=on, personnes=1)["departement"] == "44M"
    with pytest.raises(InputError) as caught:
        fsl("69380", on=on)
    assert caught.value.field == "departement"
