"""Home page: the list of dashboards with a sentence each."""

from __future__ import annotations

import ipywidgets as w

from .common import STYLE, esc

# (notebook file, title, what it is for)
DASHBOARDS = [
    ("dossiers.ipynb", "Dossiers",
     "Retrouver ou créer le dossier d'un foyer (avec son accord) ; le rendez-vous est enregistré au fil de la saisie."),
    ("budget.ipynb", "Budget et échéancier",
     "Reste à vivre, capacité de remboursement et plan de remboursement entre créanciers, avec les dates."),
    ("cheque_energie.ipynb", "Chèque énergie",
     "Montant et droits du chèque énergie selon les revenus et la composition du foyer (2018 à aujourd'hui)."),
    ("facture_electricite.ipynb", "Facture d'électricité",
     "Vérifier une facture (même de rattrapage sur plusieurs prix), choisir l'option, facture impayée : les dates."),
    ("linky.ipynb", "Mon relevé Linky",
     "Lire un fichier Enedis (Linky) : consommation par mois, journée type, heures creuses, option conseillée."),
]


def show() -> w.Widget:
    cards = "".join(
        f'<div class="ck-card"><a href="./{esc(nb)}" style="font-size:1.3em;font-weight:600">{esc(title)}</a>'
        f'<div class="ck-sub">{esc(text)}</div></div>' for nb, title, text in DASHBOARDS)
    page = w.HTML(STYLE + cards)
    page.add_class("accueil-liste")
    return page
DASHBOARDS.append(("fsl.ipynb", "FSL — Fonds de Solidarité pour le Logement",
                   "Éligibilité au FSL du département, critère par critère, aide maximale et pièces à fournir."))
DASHBOARDS.append(("ecogestes.ipynb", "Éco-gestes",
                   "Les gestes qui font le plus économiser, en kWh et en euros par an, et l'économie d'un ensemble de gestes."))
DASHBOARDS.append(("listing.ipynb", "Listing partenaire",
                   "Analyser le fichier d'un fournisseur : chèque énergie et FSL foyer par foyer, lignes à corriger."))
DASHBOARDS.append(("appels.ipynb", "Liste d'appels (médiation sortante)",
                   "Le listing de la semaine d'un partenaire : tentatives de contact, issue, fichier retour et numéros erronés."))
DASHBOARDS.append(("activite.ipynb", "Bilan d'activité",
                   "Personnes reçues, actes, ateliers, résultats et taux de contact, par mois, site et partenaire."))
