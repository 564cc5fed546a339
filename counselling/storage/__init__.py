"""Where dossiers are kept: SQLite by default, PostgreSQL for a network of
sites (SQLAlchemy 2, Alembic migrations applied at start).

Public names::

    Store(url=None)            create, load, save, find, list, export, import_,
                               erase, purge, stale, audit, wipe
    Stored, Summary, AuditEntry
    StorageError, ConflictError, DossierNotFound, DuplicateReference
    current_user(), database_url(), purge_limit(), retention_months()
    saved_at_text(updated_at)  « Enregistré à 14 h 32 »

See ``docs/dossiers.md``.
"""

from .config import current_user, database_url, default_db_path, purge_limit, retention_months
from .errors import ConflictError, DossierNotFound, DuplicateReference, StorageError
from .store import AuditEntry, Store, Stored, Summary, search_key
from .timefmt import clock_fr, saved_at_text

__all__ = ["AuditEntry", "ConflictError", "DossierNotFound", "DuplicateReference", "StorageError", "Store",
           "Stored", "Summary", "clock_fr", "current_user", "database_url", "default_db_path", "purge_limit",
           "retention_months", "saved_at_text", "search_key"]
