"""Reader of the weekly listings of « fragile » clients sent by energy suppliers.

A listing is a CSV (``;`` or ``,``, UTF-8 or Latin-1) or an Excel file whose
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

import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import territories
from ..errors import InputError

# our field → (French label, kind, required)
FIELDS: dict[str, tuple[str, str, bool]] = {
    "reference": ("Référence client", "texte", True),
    "departement": ("Département", "departement", False),  # or code_postal, or commune (see TERRITORY)
    "code_postal": ("Code postal", "texte", False),
    "personnes": ("Nombre de personnes du foyer", "entier", True),
    "nom": ("Nom", "texte", False),
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
        lines = [f"{len(self.frame)} ligne(s) lue(s) : {len(self.frame) - bad} valide(s), {bad} avec "
                 f"erreur(s), {dup} référence(s) en doublon."]
        lines += [str(e) for e in self.errors]
        return "\n".join(lines)


def read_columns(source, sheet=None) -> list[str]:
    """The column names of a partner listing (for mapping them to our fields
    before reading it); same file errors as :func:`read_listing`."""
    raw, _name = _read_raw(source, sheet)
    return [str(c) for c in raw.columns]


def _read_raw(source, sheet) -> tuple[pd.DataFrame, str]:
    name = str(getattr(source, "name", source))
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        try:
            raw = pd.read_excel(source, sheet_name=sheet or 0, dtype=str)
        except Exception as exc:  # noqa: BLE001 — any reader error becomes a French message
            raise InputError("fichier", "Fichier du partenaire", f"lecture Excel impossible ({exc})",
                             "un fichier Excel .xlsx dont la première ligne nomme les colonnes") from None
        return raw, name
    data = source.read() if hasattr(source, "read") else Path(source).read_bytes()
    if isinstance(data, str):
        text = data
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") >= first.count(",") else ","
    try:
        raw = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except Exception as exc:  # noqa: BLE001
        raise InputError("fichier", "Fichier du partenaire", f"lecture CSV impossible ({exc})",
                         "un fichier CSV séparé par des points-virgules ou des virgules") from None
    return raw, name


def _numbers(text: pd.Series) -> pd.Series:
    cleaned = (text.str.replace(r"[\s\u00a0\u202f'€]", "", regex=True)
               .str.replace(r"^(-?\d{1,3}(?:\.\d{3})+),(\d+)$", r"\1.\2", regex=True))
    both = cleaned.str.contains(",", regex=False) & cleaned.str.contains(".", regex=False)
    cleaned = cleaned.where(~both, cleaned.str.replace(".", "", regex=False))
    cleaned = cleaned.str.replace(",", ".", regex=False)
    return pd.to_numeric(cleaned, errors="coerce")


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
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise InputError("correspondance", "Correspondance des colonnes",
                         f"champ(s) inconnu(s) : {', '.join(unknown)}",
                         "des champs parmi " + ", ".join(FIELDS))
    missing_fields = [f for f, (_, _, required) in FIELDS.items() if required and f not in mapping]
    if not any(f in mapping for f in TERRITORY):
        missing_fields.append("departement")
    if missing_fields:
        raise InputError("correspondance", "Correspondance des colonnes",
                         "colonne non indiquée pour : " + ", ".join(FIELDS[f][0] for f in missing_fields),
                         "une colonne du fichier pour chaque champ obligatoire")
    raw, name = _read_raw(source, sheet)
    raw.columns = [str(c).strip() for c in raw.columns]
    absent = [f"« {col} » ({FIELDS[f][0]})" for f, col in mapping.items() if col.strip() not in raw.columns]
    if absent:
        raise InputError("colonnes", "Colonnes du fichier",
                         "colonne(s) absente(s) du fichier : " + ", ".join(absent),
                         "les colonnes présentes : " + ", ".join(f"« {c} »" for c in raw.columns))

    n = len(raw)
    lines = np.arange(2, n + 2)
    frame = pd.DataFrame({"ligne": lines}, index=pd.RangeIndex(n))
    messages = pd.Series([""] * n, dtype="object")
    errors: list[RowError] = []

    def flag(mask: np.ndarray, fld: str, texts: pd.Series | str, gravity: str = "erreur") -> None:
        if not mask.any():
            return
        rows = np.flatnonzero(mask)
        for row in rows:
            text = texts if isinstance(texts, str) else texts.iloc[row]
            errors.append(RowError(int(lines[row]), fld, text, gravity))
            if gravity == "erreur":  # a warning leaves the row valid
                messages.iloc[row] = (messages.iloc[row] + " ; " if messages.iloc[row] else "") + text

    for fld, (label, kind, required) in FIELDS.items():
        if fld not in mapping:
            frame[fld] = pd.NA if kind in ("texte", "departement") else np.nan
            continue
        if fld == "departement":
            required = not any(f in mapping for f in TERRITORY[1:])
        text = raw[mapping[fld].strip()].fillna("").astype(str).str.strip()
        empty = (text == "").to_numpy()
        if required:
            flag(empty, fld, f"{label} manquant(e)")
        if kind == "texte":
            frame[fld] = text.where(~empty, pd.NA).astype("string")
        elif kind == "departement":
            code = text.str.upper().str.replace(r"^(\d)$", r"0\1", regex=True)
            postcodes = code.str.fullmatch(r"\d{4,5}").to_numpy()  # a postal code in the département column
            if postcodes.any():
                found = territories.resolve_many(code[postcodes], None, fld, label)
                code[postcodes] = [c or t for c, t in zip((r[0] for r in found), code[postcodes])]
            bad = ~empty & ~code.str.fullmatch(r"\d{2}M?|2[AB]|97\d").to_numpy()
            flag(bad, fld, "« " + text + " » n'est pas un code de département (ex. 77, 2A, 69M)")
            frame[fld] = code.where(~empty & ~bad, pd.NA).astype("string")
        elif kind == "date":
            days = pd.to_datetime(text, format="mixed", dayfirst=True, errors="coerce")
            bad = ~empty & days.isna().to_numpy()
            flag(bad, fld, f"{label} : « " + text + " » n'est pas une date (JJ/MM/AAAA)")
            frame[fld] = days
        else:
            values = _numbers(text)
            bad_number = ~empty & values.isna().to_numpy()
            flag(bad_number, fld, f"{label} : « " + text + " » n'est pas un nombre")
            negative = (values < 0).fillna(False).to_numpy()
            flag(negative, fld, f"{label} : « " + text + " » est négatif")
            bad = bad_number | negative
            if kind == "entier":
                not_int = ~bad & ~empty & (values != values.round()).fillna(False).to_numpy()
                flag(not_int, fld, f"{label} : « " + text + " » n'est pas un nombre entier")
                bad |= not_int
                if fld == "personnes":
                    out = ~bad & ~empty & ((values < 1) | (values > MAX_PERSONS)).fillna(False).to_numpy()
                    flag(out, fld, f"{label} : « " + text + f" » hors de 1 à {MAX_PERSONS}")
                    bad |= out
            else:
                cents = (values * 100).round()
                extra = ~bad & ~empty & ((values * 100 - cents).abs() > 1e-6).fillna(False).to_numpy()
                flag(extra, fld, f"{label} : « " + text + " » a plus de deux décimales")
                bad |= extra
                values = cents / 100
            frame[fld] = values.where(~bad, np.nan).astype("float64")

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
                                   f"référence « {ref.iloc[row]} » en doublon (lignes {where})",
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
