"""Reader of the weekly listings of « fragile » clients sent by energy suppliers.

A listing is a CSV (``;`` or ``,``, UTF-8 with or without BOM, cp1252 or Latin-1) or an Excel file whose
columns are named by the partner. The user maps them once::

    mapping = {"reference": "N° client", "departement": "Dépt", "personnes": "Nb pers",
               "rfr": "RFR", "ressources_mensuelles": "Ressources"}
    listing = read_listing("semaine_47.csv", mapping)
    listing.frame        # every row, our field names, a « ligne » and a « valide » column
    listing.errors       # [RowError(ligne=7, champ="rfr", message="…"), …] in French

Bad values are reported with their line number (line 1 = the header) and
left empty in the frame; the other fields of the row and every other row are
kept. Duplicate references are flagged (``doublon``), never dropped. A
missing column raises :class:`~counselling.errors.InputError` naming it.
Parsing is vectorised (pandas): tens of thousands of rows in well under a
second.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import territories
from ..errors import InputError, clip, quote
from ..formatting import how_many, listed
from ..inputs import distinct_cells, parse_dates, parse_numbers

# our field → (French label, kind, required)
FIELDS: dict[str, tuple[str, str, bool]] = {
    "reference": ("Référence client", "texte", True),
    "departement": ("Département", "departement", False),  # or code_postal, or commune (see TERRITORY)
    "code_postal": ("Code postal", "texte", False),
    "personnes": ("Nombre de personnes du foyer", "entier", True),
    "nom": ("Nom", "texte", False),
    "telephone": ("Téléphone", "texte", False),
    "commune": ("Commune", "texte", False),
    "adultes": ("Nombre d'adultes", "entier", False),
    "enfants": ("Nombre d'enfants à charge", "entier", False),
    "enfants_residence_alternee": ("Enfants en résidence alternée", "entier", False),
    "rfr": ("Revenu fiscal de référence", "montant", False),
    "ressources_mensuelles": ("Ressources mensuelles du foyer", "montant", False),
    "quotient": ("Quotient familial ou social", "montant", False),
    "dette": ("Montant de la dette", "montant", False),
    "date_premiere_relance": ("Date de la première relance", "date", False),
}
MAX_PERSONS = 30

#: How partners name our fields (supplier solidarity listings, water
#: companies, CCAS exports), written as :func:`header_key` gives them (no
#: accents, lower case, punctuation as spaces). A column whose key is one of
#: these, or starts with one followed by more words (« rfr 2024 »,
#: « dette eau ttc »), is a first guess that the counsellor checks.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "reference": ("reference client", "reference abonne", "reference", "ref client", "ref dossier", "ref",
                  "n client", "no client", "num client", "numero client", "n abonne", "numero abonne",
                  "n dossier", "numero dossier", "num dossier", "identifiant", "id client", "n contrat",
                  "numero de contrat", "reference contrat"),
    "nom": ("nom", "nom prenom", "nom du beneficiaire", "beneficiaire", "titulaire", "nom du titulaire",
            "nom de famille", "nom usage", "nom du client", "client"),
    "telephone": ("telephone", "tel", "n telephone", "numero de telephone", "portable", "tel portable",
                  "mobile"),
    "departement": ("departement", "dept", "dep", "dpt", "code departement", "n departement"),
    "code_postal": ("code postal", "cp", "c p", "code postal commune", "cp commune"),
    "commune": ("commune", "ville", "localite", "commune de residence", "ville de residence"),
    "personnes": ("nombre de personnes du foyer", "nombre de personnes", "nb personnes", "nb pers",
                  "nbre personnes", "nb de personnes", "personnes", "composition foyer",
                  "composition du foyer", "taille du foyer", "taille foyer", "nb occupants",
                  "nb d occupants", "nombre d occupants", "occupants", "personnes au foyer"),
    "adultes": ("nombre d adultes", "nb adultes", "nb d adultes", "adultes"),
    "enfants": ("nombre d enfants a charge", "nombre d enfants", "nb enfants", "nb d enfants",
                "enfants a charge", "enfants"),
    "enfants_residence_alternee": ("enfants en residence alternee", "residence alternee",
                                   "nb enfants en residence alternee"),
    "rfr": ("revenu fiscal de reference", "revenu fiscal", "rfr", "revenu fiscal ref"),
    "ressources_mensuelles": ("ressources mensuelles du foyer", "ressources mensuelles", "ressources",
                              "revenus mensuels", "revenu mensuel", "total ressources", "ressources du foyer"),
    "quotient": ("quotient familial ou social", "quotient familial", "quotient social", "quotient", "qf",
                 "qf caf"),
    "dette": ("montant de la dette", "montant impaye", "montant des impayes", "impaye", "impayes", "dette",
              "montant du", "solde debiteur", "solde du", "reste du", "creance"),
    "date_premiere_relance": ("date de la premiere relance", "date premiere relance", "date 1ere relance",
                              "date 1re relance", "date relance", "date de relance", "relance"),
}


def header_key(name) -> str:
    """A column name as :data:`HEADER_SYNONYMS` writes it: accents removed,
    lower case, « ° », punctuation and underscores as spaces (``"N° client"``
    → ``"n client"``, ``"Nb d'occupants"`` → ``"nb d occupants"``)."""
    text = "".join(c for c in unicodedata.normalize("NFKD", str(name)) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def guess_mapping(columns) -> dict[str, str]:
    """A first mapping {our field: their column} by header names: an exact
    synonym (or our field's code or French label) first, then a column that
    starts with one; each column serves one field. The counsellor checks it."""
    candidates = []
    for column in columns:
        key = header_key(column)
        for fld, words in HEADER_SYNONYMS.items():
            for word in (*words, header_key(fld), header_key(FIELDS[fld][0])):
                if key == word:
                    candidates.append((2, len(word), fld, column))
                elif key.startswith(word + " "):
                    candidates.append((1, len(word), fld, column))
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for _score, _length, fld, column in sorted(candidates, key=lambda c: (-c[0], -c[1])):
        if fld not in mapping and column not in used:
            mapping[fld] = column
            used.add(column)
    return {fld: mapping[fld] for fld in FIELDS if fld in mapping}

COMPOSITION = {"adultes", "enfants"}  # their sum stands for « personnes » when the file has no total
TERRITORY = ("departement", "code_postal", "commune")  # at least one, to find the FSL territory


@dataclass(frozen=True)
class RowError:
    """A problem on one line of the listing (line 1 is the header)."""

    ligne: int
    champ: str
    message: str
    gravite: str = "erreur"  # or "avertissement" (duplicates)

    def __str__(self) -> str:
        return f"Ligne {self.ligne} : {self.message}"


@dataclass
class Listing:
    frame: pd.DataFrame
    errors: list[RowError] = field(default_factory=list)
    source: str = ""

    @property
    def valid(self) -> pd.DataFrame:
        return self.frame[self.frame["valide"]]

    def report(self) -> str:
        """French summary: counts, then each problem."""
        bad = int((~self.frame["valide"]).sum())
        dup = int(self.frame["doublon"].sum())
        read = len(self.frame)
        lines = [f"{how_many(read, 'ligne lue', 'lignes lues')} : {how_many(read - bad, 'valide', 'valides')}, "
                 f"{bad} avec {'erreur' if bad <= 1 else 'erreurs'}, "
                 f"{how_many(dup, 'référence', 'références')} en doublon."]
        lines += [str(e) for e in self.errors]
        return "\n".join(lines)


def read_columns(source, sheet=None) -> list[str]:
    """The column names of a partner listing (for mapping them to our fields
    before reading it); same file errors as :func:`read_listing`."""
    raw, _name = _read_raw(source, sheet)
    return [str(c) for c in raw.columns]


#: Largest partner listing read [octets]: a million rows of a usual listing
#: (method choice: beyond it, split the file).
MAX_BYTES = 200 * 1024 * 1024
FILE_FIELD, FILE_LABEL = "fichier", "Fichier du partenaire"
EXPECTED_FILE = "un fichier CSV ou Excel du partenaire dont la première ligne nomme les colonnes"


def _source_bytes(source) -> tuple[bytes, str]:
    """Content and name of a path, bytes or open file; a French error for
    anything else (None, a folder, a missing path, a number)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), ""
    elif hasattr(source, "read"):
        name = str(getattr(source, "name", "") or "")
        data = source.read()
        data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    elif isinstance(source, (str, Path)) and str(source).strip():
        path = Path(source)
        name = path.name
        if path.is_dir():
            raise InputError(FILE_FIELD, FILE_LABEL, f"{quote(str(source))} est un dossier", EXPECTED_FILE)
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise _too_big(size)
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(FILE_FIELD, FILE_LABEL, f"le fichier {quote(str(source))} ne peut pas être ouvert "
                             f"({exc.strerror or 'erreur de lecture'})", EXPECTED_FILE) from None
    elif source is None or isinstance(source, str):
        raise InputError(FILE_FIELD, FILE_LABEL, "aucun fichier n'a été choisi", EXPECTED_FILE)
    else:
        raise InputError(FILE_FIELD, FILE_LABEL, f"{quote(source)} n'est pas un fichier", EXPECTED_FILE)
    if len(data) > MAX_BYTES:
        raise _too_big(len(data))
    return data, name


def _too_big(size: int) -> InputError:
    from . import megabytes

    return InputError(FILE_FIELD, FILE_LABEL, f"le fichier fait {megabytes(size)} Mo, au-delà des "
                      f"{megabytes(MAX_BYTES)} Mo que le kit lit", "un fichier plus petit (le découper en plusieurs "
                      "listings)")


def _read_raw(source, sheet, columns=None) -> tuple[pd.DataFrame, str]:
    """The file as text cells; only ``columns`` (names, spaces ignored) when given."""
    usecols = None if columns is None else (lambda name: str(name).strip() in columns)
    data, name = _source_bytes(source)
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls") or data[:2] == b"PK":
        try:
            raw = pd.read_excel(io.BytesIO(data), sheet_name=sheet or 0, dtype=str)
        except Exception as exc:  # noqa: BLE001 — any reader error becomes a French message
            raise InputError(FILE_FIELD, FILE_LABEL, f"lecture Excel impossible ({clip(exc, 120)})",
                             "un fichier Excel .xlsx dont la première ligne nomme les colonnes") from None
        return raw, name
    first = data[:65536].split(b"\n", 1)[0]
    sep = ";" if first.count(b";") >= first.count(b",") else ","
    encoding = detect_encoding(data)
    try:
        every = pd.read_csv(io.BytesIO(data), sep=sep, dtype=str, nrows=0, encoding=encoding).columns
        raw = pd.read_csv(io.BytesIO(data), sep=sep, dtype=str, keep_default_na=False, encoding=encoding,
                          usecols=usecols)
    except pd.errors.EmptyDataError:
        raise InputError(FILE_FIELD, FILE_LABEL, "le fichier est vide", EXPECTED_FILE) from None
    except Exception as exc:  # noqa: BLE001
        raise InputError(FILE_FIELD, FILE_LABEL, f"lecture CSV impossible ({clip(exc, 120)})",
                         "un fichier CSV séparé par des points-virgules ou des virgules") from None
    raw.attrs["colonnes"] = [str(c).strip() for c in every]
    raw.attrs["encodage"] = encoding
    return raw, name


#: Encodings of partner CSV files, in the order tried: UTF-8 (with or without
#: BOM), then Windows' cp1252 (Excel « CSV (séparateur : point-virgule) »:
#: « € » is byte 0x80, which Latin-1 would read as an invisible control
#: character, shown « ▯ »), then Latin-1, which reads any byte.
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


def detect_encoding(data: bytes) -> str:
    """The first of :data:`ENCODINGS` that decodes the whole file (checked
    a megabyte at a time: no second copy of a big file)."""
    step = 1 << 20
    for encoding in ENCODINGS[:-1]:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(data), step):
                decoder.decode(data[start:start + step], final=start + step >= len(data))
        except UnicodeDecodeError:
            continue
        return encoding
    return ENCODINGS[-1]


def _read_distinct(text: pd.Series, kind: str, fld: str, label: str,
                   required: bool) -> tuple[np.ndarray, np.ndarray]:
    """Value and French problem ("" when fine) of each distinct cell of a
    column (``text``: stripped, "" when empty): a listing of a million rows
    has few distinct amounts, codes and dates."""
    empty = (text == "").to_numpy()
    problem = np.full(len(text), "", dtype=object)

    def shown(mask: np.ndarray, before: str, after: str) -> np.ndarray:
        return np.array([before + quote(t) + after for t in text[mask]], dtype=object)

    if required:
        problem[empty] = f"{label} : valeur manquante"
    if kind == "texte":
        return text.where(~empty, None).to_numpy(dtype=object), problem
    if kind == "departement":
        code = text.str.upper().str.replace(r"^(\d)$", r"0\1", regex=True)
        postcodes = code.str.fullmatch(r"\d{4,5}").to_numpy(dtype=bool)  # a postal code in the département column
        if postcodes.any():
            found = territories.resolve_many(code[postcodes], None, fld, label)
            code[postcodes] = [c or t for c, t in zip((r[0] for r in found), code[postcodes])]
        bad = ~empty & ~code.str.fullmatch(r"\d{2}M?|2[AB]|97\d").to_numpy(dtype=bool)
        problem[bad] = shown(bad, "", " n'est pas un code de département (ex. 77, 2A, 69M)")
        return code.where(~empty & ~bad, None).to_numpy(dtype=object), problem
    if kind == "date":
        days, problems = parse_dates(text)
        bad = (problems != "").to_numpy()
        problem[bad] = f"{label} : " + problems[bad] + " (JJ/MM/AAAA)"
        return days.to_numpy(), problem
    values, problems = parse_numbers(text)
    values = values.to_numpy()
    refused = (problems != "").to_numpy()
    problem[refused & ~empty] = f"{label} : " + problems[refused & ~empty]
    checks = [(values < 0, " est négatif")]
    if kind == "entier":
        checks.append((values != np.round(values), " n'est pas un nombre entier"))
        if fld == "personnes":
            checks.append(((values < 1) | (values > MAX_PERSONS), f" hors de 1 à {MAX_PERSONS}"))
    else:
        cents = np.round(values * 100)
        checks.append((np.abs(values * 100 - cents) > 1e-6, " a plus de deux décimales"))
        values = cents / 100
    bad = refused.copy()
    for mask, words in checks:
        mask = mask & ~bad & ~empty
        problem[mask] = shown(mask, f"{label} : ", words)
        bad |= mask
    return np.where(bad, np.nan, values), problem


def _column(values: np.ndarray, kind: str):
    """A frame column of the listing's kind (text as pandas strings)."""
    if kind in ("texte", "departement"):
        return pd.array(values, dtype="string")
    if kind == "date":
        return values
    return values.astype("float64")


def read_listing(source, mapping: dict[str, str], *, sheet: str | int | None = None) -> Listing:
    """Read and check a partner listing.

    Parameters
    ----------
    source : path or file-like
        CSV or Excel (by extension; a file-like without a name is read as CSV).
    mapping : dict
        {our field: their column}; our fields are the keys of :data:`FIELDS`.
    sheet : str or int, optional
        Excel sheet (default: the first).

    Returns
    -------
    Listing
        ``frame`` (every row: our fields, ``ligne``, ``valide``, ``doublon``,
        ``erreurs``), ``errors`` (list of :class:`RowError`).
    """
    if not isinstance(mapping, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in mapping.items()):
        raise InputError("correspondance", "Correspondance des colonnes",
                         f"{quote(mapping)} n'est pas une correspondance de colonnes",
                         "des paires champ : nom de colonne du fichier, par exemple {\"reference\": \"N° client\"}")
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise InputError("correspondance", "Correspondance des colonnes",
                         listed((clip(u) for u in unknown), "champ inconnu", "champs inconnus"),
                         "des champs parmi " + ", ".join(FIELDS))
    missing_fields = [f for f, (_, _, required) in FIELDS.items() if required and f not in mapping
                      and not (f == "personnes" and COMPOSITION <= set(mapping))]
    if not any(f in mapping for f in TERRITORY):
        missing_fields.append("departement")
    if missing_fields:
        raise InputError("correspondance", "Correspondance des colonnes",
                         "colonne non indiquée pour : " + ", ".join(FIELDS[f][0] for f in missing_fields),
                         "une colonne du fichier pour chaque champ obligatoire")
    raw, name = _read_raw(source, sheet, {column.strip() for column in mapping.values()})
    raw.columns = [str(c).strip() for c in raw.columns]
    absent = [f"{quote(col)} ({FIELDS[f][0]})" for f, col in mapping.items() if col.strip() not in raw.columns]
    if absent:
        raise InputError("colonnes", "Colonnes du fichier",
                         listed(absent, "colonne absente du fichier", "colonnes absentes du fichier"),
                         clip("les colonnes présentes : " + ", ".join(
                             quote(c) for c in raw.attrs.get("colonnes", raw.columns)), 400))

    n = len(raw)
    lines = np.arange(2, n + 2)
    frame = pd.DataFrame({"ligne": lines}, index=pd.RangeIndex(n))
    messages = pd.Series([""] * n, dtype="object")
    errors: list[RowError] = []

    def flag(mask: np.ndarray, fld: str, texts, gravity: str = "erreur") -> None:
        if not mask.any():
            return
        rows = np.flatnonzero(mask)
        for row in rows:
            if isinstance(texts, str):
                text = texts
            else:
                text = texts.iloc[row] if isinstance(texts, pd.Series) else texts[row]
            errors.append(RowError(int(lines[row]), fld, text, gravity))
            if gravity == "erreur":  # a warning leaves the row valid
                messages.iloc[row] = (messages.iloc[row] + " ; " if messages.iloc[row] else "") + text

    for fld, (label, kind, required) in FIELDS.items():
        if fld not in mapping:
            frame[fld] = pd.NA if kind in ("texte", "departement") else np.nan
            continue
        if fld == "departement":
            required = not any(f in mapping for f in TERRITORY[1:])
        codes, distinct = distinct_cells(raw[mapping[fld].strip()])
        value, problem = _read_distinct(pd.Series(distinct, dtype=object), kind, fld, label, required)
        frame[fld] = _column(value[codes], kind)
        wrong = (problem != "")[codes]
        flag(wrong, fld, problem[codes])

    if "personnes" not in mapping:  # a CCAS file gives adults and children, not the total
        frame["personnes"] = frame["adultes"] + frame["enfants"]
        flag(frame["personnes"].isna().to_numpy(), "personnes",
             f"{FIELDS['personnes'][0]} : valeur manquante (adultes + enfants)")
    _territory(frame, flag)

    # cross-field checks
    have = frame[["adultes", "enfants", "personnes"]].notna().all(axis=1).to_numpy()
    mismatch = have & (frame["adultes"] + frame["enfants"] != frame["personnes"]).to_numpy()
    flag(mismatch, "personnes", "le nombre de personnes n'est pas adultes + enfants")
    alt = frame["enfants_residence_alternee"]
    too_many = (alt.notna() & frame["personnes"].notna() & (alt > frame["personnes"] - 1)).to_numpy()
    flag(too_many, "enfants_residence_alternee",
         "plus d'enfants en résidence alternée que de personnes moins une")

    frame["valide"] = (messages == "").to_numpy()
    ref = frame["reference"]
    dup = (ref.notna() & ref.duplicated(keep=False)).to_numpy()
    if dup.any():
        groups = pd.Series(lines[dup]).groupby(ref[dup].to_numpy()).apply(list).to_dict()
        for row in np.flatnonzero(dup):
            where = ", ".join(str(x) for x in groups[ref.iloc[row]])
            errors.append(RowError(int(lines[row]), "reference",
                                   f"référence {quote(ref.iloc[row])} en doublon (lignes {clip(where, 80)})",
                                   "avertissement"))
    frame["doublon"] = dup
    frame["erreurs"] = messages.to_numpy()
    errors.sort(key=lambda e: (e.ligne, e.champ))
    return Listing(frame=frame, errors=errors, source=name)


def _territory(frame: pd.DataFrame, flag) -> None:
    """FSL territory of each row from its postal code and/or commune
    (``69003`` → ``69M``; a postal code shared inside and outside a métropole
    needs the commune), checked against the département column when there is
    one. Writes the ``departement`` column (the territory code)."""
    postcode, commune = frame["code_postal"], frame["commune"]
    if postcode.isna().all() and commune.isna().all():
        return
    query = (postcode.fillna("") + " " + commune.fillna("")).str.strip()
    rows = territories.resolve_many(query, frame["departement"], "code_postal", FIELDS["code_postal"][0])
    field = "code_postal" if postcode.notna().any() else "commune"
    label = FIELDS[field][0]
    codes = [r[0] for r in rows]
    blocking = np.array([bool(r[1]) and r[2] for r in rows])
    warning = np.array([bool(r[1]) and not r[2] for r in rows])
    texts = pd.Series([f"{label} : {r[1]}" for r in rows])
    flag(blocking, field, texts)
    flag(warning, field, texts, "avertissement")
    none = np.array([c is None and not r[1] for c, r in zip(codes, rows)])
    flag(none, field, "Département, code postal ou commune manquant")
    frame["departement"] = pd.Series(codes, index=frame.index, dtype="string")
