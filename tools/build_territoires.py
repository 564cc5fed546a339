"""Build ``tariffs/territoires/`` from the data shipped by the npm package
``@etalab/decoupage-administratif`` (Code officiel géographique de l'INSEE,
composition des EPCI de la DGCL, base officielle des codes postaux de La Poste;
Licence Ouverte). Run by hand when a new millésime is published::

    npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-decoupage-administratif-6.0.0.tgz
    python tools/build_territoires.py package/data

Writes ``communes.csv`` (every commune with its département and postal codes;
names of communes déléguées, associées and arrondissements municipaux pointing
to their commune) and the métropoles of ``territoires.yaml`` (members by INSEE
code). The rest of ``territoires.yaml`` (sources, dates) is written by hand.
Facts only: no row is edited.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tariffs" / "territoires"
# EPCI de type métropole (METRO, MET69) whose members all lie in one département's key:
# the Métropole du Grand Paris spans six départements, so no « <dépt>M » key can name it.
SKIP = {"200054781": "Métropole du Grand Paris"}
HEADER = """\
# Territoires : départements, collectivités d'outre-mer et métropoles (membres par code INSEE).
# Généré par tools/build_territoires.py ; ne pas modifier à la main (voir ce script).
verified_on: 2026-11-30
millesime: 2026
source:
  title: "@etalab/decoupage-administratif 6.0.0 (millésime 2026) : Code officiel géographique de l'INSEE, composition des EPCI à fiscalité propre de la DGCL au 1er janvier 2026, base officielle des codes postaux de La Poste"
  url: https://github.com/datagouv/decoupage-administratif
  note: "Licence Ouverte. EPCI : https://www.collectivites-locales.gouv.fr/files/files/Etudes-et-statistiques/DESL/2026/EPCI/epcicom2026.xlsx ; codes postaux : https://www.data.gouv.fr/fr/datasets/base-officielle-des-codes-postaux/ ; COG : https://www.insee.fr/fr/information/2560452"
communes_csv:
  fichier: communes.csv
  colonnes: "code_insee ; nom ; departement ; codes_postaux (séparés par une espace) ; rattachee_a (commune déléguée, associée ou arrondissement municipal : code INSEE de la commune)"
metropoles_exclues:
  "200054781": "Métropole du Grand Paris : six départements, aucune clé « <département>M » ne peut la désigner"
"""


def main(data: Path) -> None:
    communes = json.loads((data / "communes.json").read_text(encoding="utf-8"))
    epcis = json.loads((data / "epci.json").read_text(encoding="utf-8"))
    actual = {c["code"]: c for c in communes if c["type"] == "commune-actuelle" and c.get("codesPostaux")}
    rows = []
    for c in sorted(actual.values(), key=lambda c: c["code"]):
        rows.append([c["code"], c["nom"], c["departement"], " ".join(sorted(c["codesPostaux"])), ""])
    for c in sorted(communes, key=lambda c: (c["code"], c["nom"])):
        parent = c.get("commune") or c.get("chefLieu")
        if c["type"] == "commune-actuelle" or parent not in actual:
            continue
        if actual[parent]["nom"] == c["nom"]:
            continue
        rows.append([c["code"], c["nom"], c["departement"], "", parent])
    with open(OUT / "communes.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(["code_insee", "nom", "departement", "codes_postaux", "rattachee_a"])
        writer.writerows(rows)

    departements = json.loads((data / "departements.json").read_text(encoding="utf-8"))
    lines = [HEADER.rstrip("\n"), "departements:"]
    for d in sorted(departements, key=lambda d: d["code"]):
        if d["zone"] != "com":
            lines.append(f'  "{d["code"]}": "{d["nom"]}"')
    lines.append("collectivites_outre_mer:  # not départements (COG zone « com »)")
    for d in sorted(departements, key=lambda d: d["code"]):
        if d["zone"] == "com":
            lines.append(f'  "{d["code"]}": "{d["nom"]}"')
    lines.append("metropoles:")
    for epci in sorted(epcis, key=lambda e: e["nom"]):
        if epci["type"] not in ("METRO", "MET69") or epci["code"] in SKIP:
            continue
        depts = Counter(actual[m["code"]]["departement"] for m in epci["membres"] if m["code"] in actual)
        dept = depts.most_common(1)[0][0]
        lines.append(f'  "{dept}M":')
        lines.append(f'    nom: "{epci["nom"]}"')
        lines.append(f'    siren: "{epci["code"]}"')
        lines.append(f'    departement: "{dept}"')
        lines.append("    membres:")
        for m in sorted(epci["membres"], key=lambda m: m["code"]):
            lines.append(f'      "{m["code"]}": "{m["nom"]}"')
    (OUT / "territoires.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} lignes de communes ; territoires.yaml écrit")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
