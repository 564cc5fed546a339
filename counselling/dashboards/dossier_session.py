"""One dossier open on a page: the working copy, the last saved copy, autosave.

The page writes what is typed into :attr:`Session.dossier` and calls
:meth:`Session.commit` (a short delay after the last key): the dossier is
validated, then saved in one transaction with its version. Nothing typed is
lost on a fault: the widgets keep their text, the working copy keeps the last
valid state, and the next change retries the save.
"""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError

from ..dossier.model import Dossier, validation_error
from ..storage import ConflictError, Store, Stored, saved_at_text


class Session:
    """A dossier being worked on by one counsellor."""

    def __init__(self, store: Store, stored: Stored, user: str):
        self.store = store
        self.user = user
        self._adopt(stored)

    def _adopt(self, stored: Stored) -> None:
        self.saved: Dossier = stored.dossier
        self.dossier: Dossier = stored.dossier.model_copy(deep=True)
        self.version = stored.version
        self.updated_at: dt.datetime = stored.updated_at
        self.conflict: ConflictError | None = None

    @property
    def reference(self) -> str:
        return self.dossier.reference

    def status(self) -> str:
        """« Enregistré à 14 h 32 », or what is pending."""
        if self.conflict is not None:
            return "⚠ Non enregistré : le dossier a été modifié ailleurs (voir le message)."
        if self.dirty():
            return "Modifications en cours d'enregistrement…"
        return saved_at_text(self.updated_at)

    def dirty(self) -> bool:
        return self.dossier != self.saved

    def commit(self) -> bool:
        """Validate and save the working copy if it changed. Returns True when
        something was written.

        Raises InputError (the dossier's rules, in French), ConflictError
        (someone else saved it meanwhile: nothing written, the working copy is
        kept) or StorageError (the database could not write).
        """
        try:
            checked = Dossier.model_validate(self.dossier.model_dump())
        except ValidationError as error:
            raise validation_error(error, "Dossier") from None
        if checked == self.saved:
            return False
        try:
            version = self.store.save(checked, self.version, self.user)
        except ConflictError as error:
            self.conflict = error
            raise
        self.saved = checked.model_copy(deep=True)
        self.version = version
        self.updated_at = dt.datetime.now(dt.timezone.utc)
        return True

    def reload(self) -> Dossier:
        """Drop the working copy and open the stored version (after a conflict);
        returns the working copy that was dropped, for the page to offer it."""
        mine = self.dossier
        self._adopt(self.store.load(self.reference))
        return mine

    def overwrite(self) -> None:
        """After a conflict, save this working copy over the other version (the
        other one stays in the audit trail as a saved version number)."""
        current = self.store.load(self.reference)
        self.version = current.version
        self.conflict = None
        self.commit()
