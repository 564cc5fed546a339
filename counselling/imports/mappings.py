"""Column mappings of partner listings remembered from one week to the next.

After a counsellor maps a partner's file and analyses it, the mapping is
saved with the file's header; next week's file from the same partner (the
same columns) gets the same mapping back. Only column names are stored, no
personal data, in a small JSON file of the user's configuration folder
(platformdirs, application « counselling-kit »; ``COUNSELLING_CONFIG_DIR``
overrides the folder, for tests and shared installs)::

    remember_mapping(columns, mapping)    # after a successful analysis
    remembered_mapping(columns)           # → {our field: their column} or None

A header that changed a little (a column added, « RFR 2024 » become
« RFR 2025 ») gets the remembered mapping whose columns it still has most of,
restricted to those columns.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from .listing import COMPOSITION, FIELDS, TERRITORY, header_key

FILE_NAME = "correspondances_listings.json"
MAX_REMEMBERED = 200  # partners × header versions kept (the oldest go first)


def mappings_path() -> Path:
    """The JSON file of remembered mappings."""
    folder = os.environ.get("COUNSELLING_CONFIG_DIR")
    if not folder:
        from platformdirs import user_config_dir

        from ..storage.config import APP_NAME

        folder = user_config_dir(APP_NAME, appauthor=False)
    return Path(folder) / FILE_NAME


def _signature(columns) -> str:
    return "|".join(sorted(header_key(c) for c in columns))


def _load(path: Path) -> list[dict]:
    """The remembered entries; an unreadable file counts as none (it is a
    convenience: the counsellor maps the columns again)."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("correspondance"), dict)] \
        if isinstance(entries, list) else []


def remember_mapping(columns, mapping: dict[str, str], *, partner: str = "") -> Path:
    """Save ``mapping`` for files with these ``columns`` (replacing the one
    saved for the same header). Returns the JSON file."""
    path = mappings_path()
    signature = _signature(columns)
    entries = [e for e in _load(path) if e.get("entete") != signature]
    entries.append({"entete": signature, "colonnes": [str(c) for c in columns], "partenaire": partner,
                    "correspondance": {f: c for f, c in mapping.items() if f in FIELDS},
                    "enregistre_le": dt.date.today().isoformat()})
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(entries[-MAX_REMEMBERED:], ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(path)
    return path


def usable(mapping: dict[str, str]) -> bool:
    """Whether a mapping has what :func:`~counselling.imports.listing.read_listing`
    requires (reference, household size, territory)."""
    return "reference" in mapping and ("personnes" in mapping or COMPOSITION <= set(mapping)) \
        and any(f in mapping for f in TERRITORY)


def remembered_mapping(columns) -> dict[str, str] | None:
    """The mapping saved for this header (or the closest remembered one,
    limited to the columns this file has and still complete), else None."""
    present = {str(c) for c in columns}
    signature = _signature(columns)
    best, best_count = None, 0
    for entry in reversed(_load(mappings_path())):  # the newest first
        kept = {f: c for f, c in entry["correspondance"].items()
                if f in FIELDS and isinstance(c, str) and c in present}
        if entry.get("entete") == signature:
            return kept
        if usable(kept) and len(kept) > best_count:
            best, best_count = kept, len(kept)
    return best
