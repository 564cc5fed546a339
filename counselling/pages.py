"""The pages of the kit: the Voilà notebooks, in the order the home page lists them.

Each page's title is the first heading of its notebook (``# Budget et
échéancier``): the home page at ``/``, the browser tab and the page itself
show the same words. This module imports no widget: the Voilà server reads it
(``config/voila.py``) to draw the home page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

# (notebook file, what the page is for), in the order of the home page
PURPOSES = (
    ("dossiers.ipynb",
     "Retrouver ou créer le dossier d'un foyer (avec son accord) ; le rendez-vous est enregistré au fil de "
     "la saisie."),
    ("budget.ipynb",
     "Reste à vivre, capacité de remboursement et plan de remboursement entre créanciers, avec les dates."),
    ("cheque_energie.ipynb",
     "Montant et droits du chèque énergie selon les revenus et la composition du foyer (2018 à aujourd'hui)."),
    ("facture_electricite.ipynb",
     "Vérifier une facture (même de rattrapage sur plusieurs prix), choisir l'option, facture impayée : "
     "les dates."),
    ("linky.ipynb",
     "Lire un fichier Enedis (Linky) : consommation par mois, journée type, heures creuses, option conseillée."),
    ("fsl.ipynb",
     "Éligibilité au FSL du département, critère par critère, aide maximale et pièces à fournir."),
    ("ecogestes.ipynb",
     "Les gestes qui font le plus économiser, en kWh et en euros par an, et l'économie d'un ensemble de gestes."),
    ("listing.ipynb",
     "Analyser le fichier d'un fournisseur : chèque énergie et FSL foyer par foyer, lignes à corriger."),
    ("appels.ipynb",
     "Le listing de la semaine d'un partenaire : tentatives de contact, issue, fichier retour et numéros erronés."),
    ("activite.ipynb",
     "Personnes reçues, actes, ateliers, résultats et taux de contact, par mois, site et partenaire."),
)


@dataclass(frozen=True)
class Page:
    """One page of the kit, as the home page lists it."""

    notebook: str  # file name in notebooks/
    title: str     # first heading of the notebook
    purpose: str   # one sentence: what the page is for

    @property
    def href(self) -> str:
        """Address of the page, relative to the server's root."""
        return f"voila/render/{self.notebook}"


def notebook_title(path: Path) -> str:
    """First level-1 heading of the notebook's first Markdown cell, without the
    ``#``; the file name (without ``.ipynb``) when there is none."""
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            first = ("".join(source) if isinstance(source, list) else source).split("\n", 1)[0]
            if first.startswith("# "):
                return first[2:].strip()
            break
    return path.stem


def pages(folder: Path = NOTEBOOKS) -> list[Page]:
    """The pages listed on the home page, titles read from the notebooks."""
    return [Page(name, notebook_title(folder / name), purpose) for name, purpose in PURPOSES]
