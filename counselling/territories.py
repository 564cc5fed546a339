"""Finding the FSL territory of a household: by département code or name,
commune, or postal code.

Data: ``tariffs/territoires/territoires.yaml`` (départements, collectivités
d'outre-mer, métropoles with their member communes by INSEE code) and
``tariffs/territoires/communes.csv`` (every commune with its département and
postal codes), both built from the Code officiel géographique, the DGCL's
composition of the EPCI and La Poste's base of postal codes (see the source
in the YAML and ``tools/build_territoires.py``).

The territory of a commune is its département, or ``<département>M`` when the
commune belongs to a métropole **and** a file ``tariffs/fsl/<département>M.yaml``
exists (the métropole runs its own FSL): Lyon → ``69M``, Givors → ``69`` once
``69.yaml`` exists. A postal code shared by communes of several territories
(inside and outside a métropole, or across two départements) gives every
candidate with its communes, never a guess: :func:`territory_code` then asks
for the commune.

Names are compared without accents, case or punctuation (« Cote d'Or »,
« côte-d'or » and « Côte-d'Or » are the same); « St » and « Ste » stand for
Saint and Sainte.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .tariffs import read_yaml, tariffs_dir

FIELD, LABEL = "territoire", "Commune ou code postal"
_CODE = re.compile(r"^(\d{2}|2[AB]|97\d)(M?)$")


@dataclass(frozen=True)
class Commune:
    """A commune of the Code officiel géographique."""

    code_insee: str
    nom: str
    departement: str
    codes_postaux: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """One FSL territory a query may designate: ``code`` (``69M``, ``2A``),
    its name, the communes of the query found there, and whether the kit has
    its règlement (``tariffs/fsl/<code>.yaml``)."""

    code: str
    nom: str
    communes: tuple[str, ...] = ()
    has_file: bool = False

    def label(self) -> str:
        where = f" ({', '.join(self.communes[:6])}{', …' if len(self.communes) > 6 else ''})" \
            if self.communes else ""
        return f"{self.nom} ({self.code}){where}"


@dataclass(frozen=True)
class Match:
    """What a query designates: one candidate (``code`` is then set) or
    several (ask for the commune)."""

    query: str
    kind: str  # departement, commune, code_postal
    candidates: tuple[Candidate, ...]

    @property
    def code(self) -> str | None:
        return self.candidates[0].code if len(self.candidates) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class _Data:
    departements: dict[str, str]
    outre_mer: dict[str, str]
    metropoles: dict[str, dict]
    communes: dict[str, Commune]
    by_postcode: dict[str, tuple[str, ...]]
    aliases: tuple[tuple[str, str], ...]  # (name, INSEE of its commune)
    member_of: dict[str, str]  # INSEE → métropole key (69M)
    source: str


def _folder() -> Path:
    return tariffs_dir() / "territoires"


@lru_cache(maxsize=1)
def _data() -> _Data:
    meta = read_yaml(_folder() / "territoires.yaml")
    communes: dict[str, Commune] = {}
    by_postcode: dict[str, list[str]] = {}
    aliases = []
    with open(_folder() / meta["communes_csv"]["fichier"], encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            if row["rattachee_a"]:
                aliases.append((row["nom"], row["rattachee_a"]))
                continue
            codes = tuple(row["codes_postaux"].split())
            communes[row["code_insee"]] = Commune(row["code_insee"], row["nom"], row["departement"], codes)
            for code in codes:
                by_postcode.setdefault(code, []).append(row["code_insee"])
    member_of = {}
    for key, metro in meta["metropoles"].items():
        for insee in metro["membres"]:
            if insee in communes and communes[insee].departement == metro["departement"]:
                member_of[insee] = key
    return _Data(
        departements={str(k): v for k, v in meta["departements"].items()},
        outre_mer={str(k): v for k, v in meta["collectivites_outre_mer"].items()},
        metropoles={str(k): v for k, v in meta["metropoles"].items()},
        communes=communes,
        by_postcode={k: tuple(v) for k, v in by_postcode.items()},
        aliases=tuple(aliases),
        member_of=member_of,
        source=meta["source"]["title"],
    )


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[str, ...]]:
    """{normalised name: INSEE codes}: communes, then former communes and
    arrondissements (pointing to their commune). Built on first name query."""
    data = _data()
    by_name: dict[str, list[str]] = {}
    for insee, commune in data.communes.items():
        by_name.setdefault(normalise(commune.nom), []).append(insee)
    for name, parent in data.aliases:
        names = by_name.setdefault(normalise(name), [])
        if parent not in names:
            names.append(parent)
    return {k: tuple(v) for k, v in by_name.items()}


def clear_cache() -> None:
    _data.cache_clear()
    _by_name.cache_clear()
    _postcode_territories.cache_clear()


def _fsl_codes() -> frozenset[str]:
    """Codes of the shipped FSL files (read each time: tests and researchers add files)."""
    from . import fsl_rules

    return frozenset(fsl_rules.known_codes())


def source() -> str:
    """Title of the source of the territory data."""
    return _data().source


def normalise(text: str) -> str:
    """Lower case, no accents, words separated by one space; « st » → saint."""
    text = re.sub(r"[\W_]+", " ", str(text))  # ’ - ' and the like separate words
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join({"st": "saint", "ste": "sainte"}.get(w, w) for w in words)


# --------------------------------------------------------------------------- names and twins


def departements() -> dict[str, str]:
    """{code: name} of the 101 départements (``01``…``95``, ``2A``, ``2B``, ``971``…``976``)."""
    return dict(_data().departements)


def metropoles() -> dict[str, str]:
    """{key: name} of the métropoles known to the kit (``69M``: Métropole de Lyon…)."""
    return {key: m["nom"] for key, m in _data().metropoles.items()}


def territory_name(code: str) -> str:
    """« Rhône », « Métropole de Lyon », or the code itself when unknown."""
    data = _data()
    if code in data.metropoles:
        return data.metropoles[code]["nom"]
    return data.departements.get(code) or data.outre_mer.get(code) or code


def metropole_twin(code: str, fsl_codes: frozenset[str] | None = None) -> str | None:
    """``31M`` for ``31`` when ``tariffs/fsl/31M.yaml`` exists (the métropole
    runs its own FSL on its communes; ``fsl_codes``: the shipped files, read
    when not given), else None."""
    twin = f"{code}M"
    present = _fsl_codes() if fsl_codes is None else fsl_codes
    return twin if twin in present and twin in _data().metropoles else None


def territory_of_commune(insee: str, fsl_codes: frozenset[str] | None = None) -> str:
    """FSL territory of a commune (INSEE code): its métropole when the
    métropole has its own FSL file (among ``fsl_codes``, default: the shipped
    files), else its département."""
    data = _data()
    key = data.member_of.get(insee)
    if key is not None and key in (_fsl_codes() if fsl_codes is None else fsl_codes):
        return key
    return data.communes[insee].departement


def _candidates(insees, kind: str, query: str) -> Match:
    data = _data()
    codes = _fsl_codes()
    grouped: dict[str, list[str]] = {}
    for insee in insees:
        grouped.setdefault(territory_of_commune(insee, codes), []).append(data.communes[insee].nom)
    candidates = tuple(Candidate(code, territory_name(code), tuple(sorted(set(names))), code in codes)
                       for code, names in sorted(grouped.items()))
    return Match(query, kind, candidates)


def _refuse_overseas_collectivity(code: str, text: str) -> None:
    data = _data()
    if code in data.outre_mer:
        raise InputError(FIELD, LABEL, f"« {text} » : {data.outre_mer[code]} est une collectivité d'outre-mer, "
                                       "pas un département ; le kit n'a pas de règlement FSL pour ce territoire",
                         "une commune ou un code postal d'un département (971 à 976 pour les départements "
                         "d'outre-mer) ; pour ce territoire, se renseigner auprès de la collectivité")


# --------------------------------------------------------------------------- lookup


def postal_code(value) -> str | None:
    """A postal code as five digits (``1000`` or ``1000.0`` read from a
    spreadsheet → ``01000``), or None if ``value`` is not one."""
    text = re.sub(r"[\s\u00a0\u202f]", "", str(value))
    text = re.sub(r"\.0+$", "", text)
    if re.fullmatch(r"\d{4}", text):
        text = "0" + text
    return text if re.fullmatch(r"\d{5}", text) else None


def find_territory(value, field: str = FIELD, label: str = LABEL) -> Match:
    """Every FSL territory ``value`` may designate.

    Parameters
    ----------
    value : str or int
        A territory code (``77``, ``2A``, ``974``, ``69M``), a département
        name (« Côte-d'Or »), a commune (« Villeurbanne »), a postal code
        (``69100``), or a commune and its postal code (« 69380 Lissieu »).
    field, label : str
        Field name and label of the form, for the error message.

    Returns
    -------
    Match
        ``candidates`` (one or more :class:`Candidate`); ``code`` when only one.

    Raises
    ------
    InputError
        Empty value, unknown code, name or postal code, or a collectivité
        d'outre-mer (not a département).
    """
    text = "" if value is None else str(value).strip()
    if not text:
        raise InputError(field, label, "aucune valeur saisie",
                         "un numéro de département, une commune ou un code postal")
    data = _data()
    code = text.upper()
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    if _CODE.fullmatch(code):
        _refuse_overseas_collectivity(code.rstrip("M"), text)
        if code in data.departements or code in data.metropoles:
            return Match(text, "departement", (Candidate(code, territory_name(code), (), code in _fsl_codes()),))
        raise InputError(field, label, f"« {text} » n'est pas un code de département",
                         "un code de 01 à 95, 2A, 2B, 971 à 976, ou 69M pour une métropole")
    number = re.search(r"\d[\d\s]*\d", text)
    postcode = postal_code(number.group()) if number else None
    if postcode is not None:
        insees = data.by_postcode.get(postcode)
        if not insees:
            raise InputError(field, label, f"code postal « {postcode} » absent de la base officielle des "
                                           "codes postaux (code CEDEX ou erroné ?)",
                             "le code postal de la commune du logement, ou le nom de la commune")
        rest = normalise(text.replace(number.group(), " "))
        if rest:
            named = [i for i in insees if normalise(data.communes[i].nom) == rest]
            if not named:
                raise InputError(field, label, f"aucune commune « {rest} » au code postal {postcode}",
                                 "une commune de ce code postal : "
                                 + ", ".join(sorted(data.communes[i].nom for i in insees)))
            insees = named
        for insee in insees:
            _refuse_overseas_collectivity(data.communes[insee].departement, text)
        return _candidates(insees, "code_postal", text)
    key = normalise(text)
    departments = [c for c, name in data.departements.items() if normalise(name) == key]
    metros = [c for c, m in data.metropoles.items() if normalise(m["nom"]) == key and c in _fsl_codes()]
    insees = _by_name().get(key, ())
    if not (departments or metros or insees):
        collectivity = [c for c, name in data.outre_mer.items() if normalise(name) == key]
        if collectivity:
            _refuse_overseas_collectivity(collectivity[0], text)
        raise InputError(field, label, f"« {text} » : ni un département ni une commune connus",
                         "un numéro de département (ex. 69), un nom de département, une commune (ex. "
                         "Villeurbanne) ou un code postal (ex. 69100)")
    for insee in insees:
        _refuse_overseas_collectivity(data.communes[insee].departement, text)
    match = _candidates(insees, "commune", text)
    extra = [Candidate(c, territory_name(c), (), c in _fsl_codes()) for c in departments + metros
             if c not in {m.code for m in match.candidates}]
    kind = "commune" if insees else "departement"
    return Match(text, kind, tuple(sorted(match.candidates + tuple(extra), key=lambda c: c.code)))


def territory_code(value, field: str = FIELD, label: str = LABEL) -> str:
    """The one FSL territory code ``value`` designates; when it designates
    several (a postal code shared inside and outside a métropole, « Vienne »),
    an :class:`InputError` lists them and asks for the commune."""
    match = find_territory(value, field, label)
    if match.ambiguous:
        raise InputError(field, label, f"« {match.query} » désigne plusieurs territoires : "
                                       + " ; ".join(c.label() for c in match.candidates),
                         "le nom de la commune (ex. « " + _example(match) + " »)")
    return match.code


def _example(match: Match) -> str:
    for candidate in match.candidates:
        if candidate.communes:
            postcode = postal_code(match.query)
            return f"{postcode} {candidate.communes[0]}" if postcode else candidate.communes[0]
    return match.candidates[0].nom


# --------------------------------------------------------------------------- many at once


def territory_codes(values, field: str = FIELD, label: str = LABEL) -> tuple[list, list]:
    """Territory code of many values (a listing column): (codes, problems),
    one per value; a code is None when the value is empty, unknown or
    ambiguous, and its problem (French) says why (see :func:`resolve_many`)."""
    rows = resolve_many(values, None, field, label)
    return [r[0] for r in rows], [r[1] for r in rows]


def resolve_many(queries, departements=None, field: str = FIELD,
                 label: str = LABEL) -> list[tuple[str | None, str, bool]]:
    """Territory of each row of a listing from its commune and/or postal code
    (``queries``) and, when the listing has one, its département column.

    Returns one ``(code, problem, blocking)`` per row:

    * the query designates one territory (among those of the row's
      département, when given) → ``(code, "", False)``;
    * no query → ``(département or None, "", False)``;
    * the query is unknown, ambiguous, or outside the row's département:
      with a département, it is kept and the problem is a warning
      (``blocking`` False); without one, ``(None, problem, True)``.
    """
    queries = list(queries)
    departements = [None] * len(queries) if departements is None else list(departements)
    codes_now = _fsl_codes()
    by_postcode = _postcode_territories(codes_now)
    seen: dict[tuple[str, str], tuple[str | None, str, bool]] = {}
    out = []
    for query, dept in zip(queries, departements):
        text, dept = _text(query), _text(dept) or None
        key = (text, dept or "")
        if key not in seen:
            seen[key] = _resolve_one(text, dept, by_postcode, field, label)
        out.append(seen[key])
    return out


def _text(value) -> str:
    """A cell as text: "" for None, NaN or pandas' NA."""
    text = "" if value is None else str(value).strip()
    return "" if text in ("nan", "<NA>", "NaT", "None") else text


def _resolve_one(text: str, dept: str | None, by_postcode, field: str, label: str):
    if not text:
        return dept, "", False
    postcode = postal_code(text)
    if dept is None and postcode in by_postcode:
        code, problem = by_postcode[postcode]
        return code, problem, code is None
    try:
        match = find_territory(text, field, label)
    except InputError as exc:
        return (dept, f"{exc.problem} : département {dept} conservé", False) if dept else (None, exc.problem, True)
    candidates = match.candidates
    if dept is not None:
        candidates = tuple(c for c in candidates if c.code == dept or c.code.rstrip("M") == dept.rstrip("M"))
        if not candidates:
            names = " ; ".join(c.label() for c in match.candidates)
            return dept, f"« {text} » est hors du département {dept} ({names}) : département {dept} conservé", False
    if len(candidates) == 1:
        return candidates[0].code, "", False
    names = " ; ".join(c.label() for c in candidates)
    problem = f"« {text} » désigne plusieurs territoires ({names}) : indiquer la commune"
    return (dept, problem + f" ; département {dept} conservé", False) if dept else (None, problem, True)


@lru_cache(maxsize=4)
def _postcode_territories(fsl_codes: frozenset[str]) -> dict[str, tuple[str | None, str]]:
    """{postal code: (territory, "")} for postal codes of one territory,
    {postal code: (None, why)} for shared ones and collectivités d'outre-mer."""
    data = _data()
    table = {}
    for postcode, insees in data.by_postcode.items():
        found = {territory_of_commune(i, fsl_codes) for i in insees}
        if len(found) == 1 and not found & set(data.outre_mer):
            table[postcode] = (found.pop(), "")
        else:
            try:
                table[postcode] = (territory_code(postcode), "")
            except InputError as exc:
                table[postcode] = (None, exc.problem)
    return table
