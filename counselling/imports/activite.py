"""Reader of an activity log exported by another tool (CSV, ``;`` or ``,``,
UTF-8 or Latin-1), one act per line, no personal data.

Columns (French names, case and accents of the header ignored)::

    date ; site ; conseiller ; type ; partenaire ; motifs ; resultats ;
    duree_minutes ; participants ; joint ; dossier ; identifiant

``date``, ``site``, ``conseiller`` and ``type`` are required; ``motifs`` and
``resultats`` hold several codes (or labels) separated by ``|`` or ``,``;
``joint`` (oui/non) is for outgoing mediation; ``dossier`` is a pseudonymous
dossier reference (never a name); ``identifiant`` is the act's identifier in
the other tool. Each line gets a stable key: ``import:<identifiant>`` when
given, else a hash of every field (two identical lines without identifier
are one act). A line that cannot be read is refused with its number (line 1
is the header) and the reason; the others are read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import CounsellingError, InputError
from ..formatting import listed
from ..inputs import parse_bool, parse_date, parse_int

COLUMNS = {"date": "Date", "site": "Site", "conseiller": "Conseiller", "type": "Type d'acte",
           "partenaire": "Partenaire", "motifs": "Motifs", "resultats": "Résultats",
           "duree_minutes": "Durée (minutes)", "participants": "Participants", "joint": "Personne jointe",
           "dossier": "Dossier", "identifiant": "Identifiant"}
REQUIRED = ("date", "site", "conseiller", "type")


@dataclass(frozen=True)
class Refused:
    """A line not imported: its number (1 = header) and why, in French."""

    ligne: int
    motif: str

    def __str__(self) -> str:
        return f"Ligne {self.ligne} : {self.motif}"


@dataclass(frozen=True)
class ReadLine:
    ligne: int
    key: str
    act: object  # counselling.activity.record.ActivityAct


def _header_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.strip().casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z]+", "_", plain).strip("_")


_ALIASES = {"duree": "duree_minutes", "duree_min": "duree_minutes", "resultat": "resultats", "motif": "motifs",
            "type_d_acte": "type", "personne_jointe": "joint", "reference_dossier": "dossier", "id": "identifiant"}


def _text(source) -> tuple[str, str]:
    name = str(getattr(source, "name", source))
    data = source.read() if hasattr(source, "read") else Path(source).read_bytes()
    if isinstance(data, str):
        return data, name
    try:
        return data.decode("utf-8-sig"), name
    except UnicodeDecodeError:
        return data.decode("latin-1"), name


def _codes(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[|,;]", text or "") if part.strip()]


def read_activity_csv(source, today: dt.date) -> tuple[list[ReadLine], list[Refused]]:
    """Read the lines of an activity CSV; refuse the bad ones.

    Parameters
    ----------
    source : path or file-like
    today : date
        A date after ``today``, or older than the vocabulary's
        ``import_annees_max`` years, is refused.

    Returns
    -------
    (lines, refused)
        ``lines``: the acts read, with their line number and key (a line
        repeating an earlier line of the file is refused as a duplicate);
        ``refused``: :class:`Refused`, by line number.

    Raises
    ------
    InputError
        The file is not a CSV, or a required column is missing.
    """
    from ..activity.record import ActivityAct
    from ..activity.vocabulary import vocabulary

    text, name = _text(source)
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    header = next(reader, None)
    if not header:
        raise InputError("fichier", "Fichier d'activité", "le fichier est vide", "un CSV dont la première ligne nomme les colonnes")
    keys = [_ALIASES.get(_header_key(h), _header_key(h)) for h in header]
    missing = [COLUMNS[c] for c in REQUIRED if c not in keys]
    if missing:
        raise InputError("colonnes", "Colonnes du fichier d'activité",
                         listed(missing, "colonne absente", "colonnes absentes"),
                         "les colonnes " + ", ".join(COLUMNS[c] for c in REQUIRED) + " au moins")
    oldest = dt.date(today.year - vocabulary().reglages.import_annees_max, today.month, min(today.day, 28))
    lines, refused, seen = [], [], {}
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        row = {k: (cells[i].strip() if i < len(cells) else "") for i, k in enumerate(keys)}
        try:
            act = _act(row, today, oldest, ActivityAct)
        except CounsellingError as error:
            refused.append(Refused(number, str(error)))
            continue
        key = f"import:{row['identifiant']}" if row.get("identifiant") else act.natural_key()
        if key in seen:
            refused.append(Refused(number, f"doublon de la ligne {seen[key]} : l'acte n'est compté qu'une fois"))
            continue
        seen[key] = number
        lines.append(ReadLine(number, key, act))
    return lines, refused


def _act(row: dict, today: dt.date, oldest: dt.date, model):
    from pydantic import ValidationError

    from ..tariffs import validation_message

    for column in REQUIRED:
        if not row.get(column):
            raise InputError(column, COLUMNS[column], "la valeur manque", "une valeur sur chaque ligne")
    day = parse_date(row["date"], "date", COLUMNS["date"], minimum=oldest, maximum=today)
    values = {"day": day, "site": row["site"], "counsellor": row["conseiller"], "kind": row["type"],
              "partner": row.get("partenaire", ""), "reasons": _codes(row.get("motifs", "")),
              "outcomes": _codes(row.get("resultats", ""))}
    for column, field in (("duree_minutes", "duration_minutes"), ("participants", "participants")):
        if row.get(column):
            values[field] = parse_int(row[column], column, COLUMNS[column], minimum=0)
    if row.get("joint"):
        values["reached"] = parse_bool(row["joint"], "joint", COLUMNS["joint"])
    if row.get("dossier"):
        values["dossier_ref"] = row["dossier"].upper()
    try:
        return model(**values)
    except ValidationError as error:
        message = validation_message(error)
        for field, column in (("kind", "type"), ("reasons", "motifs"), ("outcomes", "resultats"),
                              ("dossier_ref", "dossier"), ("counsellor", "conseiller")):
            message = message.replace(f"{field} :", f"{COLUMNS[column]} :")
        raise CounsellingError(message) from None
