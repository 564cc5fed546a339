"""The structure that issues the documents: name, address, logo, signatory.

Read from a YAML settings file: ``$COUNSELLING_STRUCTURE`` when set, else
``structure.yaml`` in the user's configuration folder (platformdirs, app
« counselling-kit »), else the French default shipped with the kit
(``structure_defaut.yaml`` beside this module), which a structure copies and
edits. A missing or unreadable logo is not an error: the document is issued
without it and the preview says which file was not found.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml
from platformdirs import user_config_dir
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import CounsellingError

DEFAULT = Path(__file__).resolve().parent / "structure_defaut.yaml"


class SettingsError(CounsellingError):
    """The structure's settings file cannot be read: the message names it."""


class Structure(BaseModel):
    """Who issues the documents (printed on every page and in every letter)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    nom: str = Field(min_length=2, max_length=200)
    site: str | None = Field(default=None, max_length=200,
                             description="Site (lieu d'accueil) pour l'activité ; par défaut le nom de la structure")
    service: str | None = Field(default=None, max_length=200)
    adresse: list[str] = Field(default_factory=list, max_length=6)
    telephone: str | None = Field(default=None, max_length=40)
    courriel: str | None = Field(default=None, max_length=200)
    ville: str = Field(default="", max_length=100, description="Pour « Fait à … le … »")
    signataire: str | None = Field(default=None, max_length=200)
    fonction_signataire: str | None = Field(default=None, max_length=200)
    logo: str | None = Field(default=None, description="Chemin du logo (PNG, JPEG ou SVG), relatif au fichier")
    base: Path | None = Field(default=None, exclude=True, description="Dossier du fichier de réglages")

    def site_name(self) -> str:
        """The site counted in the activity record (the structure's name when no site is set)."""
        return self.site or self.nom

    def logo_path(self) -> Path | None:
        """The logo file when it exists, else None (see :meth:`logo_missing`)."""
        if not self.logo:
            return None
        path = Path(self.logo)
        if not path.is_absolute() and self.base is not None:
            path = self.base / path
        return path if path.is_file() else None

    def logo_missing(self) -> str | None:
        """French notice when a logo is configured but its file is absent."""
        if self.logo and self.logo_path() is None:
            return f"Logo introuvable : « {self.logo} » (le document est produit sans logo)."
        return None


def settings_path() -> Path:
    env = os.environ.get("COUNSELLING_STRUCTURE")
    if env:
        return Path(env)
    user = Path(user_config_dir("counselling-kit")) / "structure.yaml"
    return user if user.is_file() else DEFAULT


def load_structure(path: str | os.PathLike | None = None) -> Structure:
    """Read the structure's settings (see the module docstring)."""
    path = Path(path) if path is not None else settings_path()
    return _load(path.resolve(), path.stat().st_mtime_ns if path.exists() else 0)


@lru_cache(maxsize=8)
def _load(path: Path, _mtime: int) -> Structure:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SettingsError(f"Réglages de la structure introuvables : {path} ({error.strerror}). "
                            "Copier structure_defaut.yaml et l'adapter.") from None
    except yaml.YAMLError as error:
        raise SettingsError(f"Réglages de la structure illisibles : {path} ({error}).") from None
    if not isinstance(raw, dict):
        raise SettingsError(f"Réglages de la structure : {path} doit contenir nom, adresse, signataire…")
    try:
        return Structure(**raw, base=path.parent)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SettingsError(f"Réglages de la structure ({path}), champ « {where} » : {first['msg']}.") from None
