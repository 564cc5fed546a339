"""Import of an activity CSV into the record: bad lines refused with their
number and reason, lines already stored refused as such, the rest recorded
in one transaction (importing the same file twice counts nothing twice)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa

from ..formatting import how_many
from ..imports.activite import Refused, read_activity_csv
from ..storage.schema import activity_acts
from .record import act_row, write_acts


@dataclass
class ImportReport:
    imported: int
    refused: list[Refused] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"{how_many(self.imported, 'acte importé', 'actes importés')}, "
                 f"{how_many(len(self.refused), 'ligne refusée', 'lignes refusées')}."]
        return "\n".join(lines + [str(r) for r in self.refused])


def import_activity(store, source, today: dt.date | None = None) -> ImportReport:
    """Read ``source`` (see :func:`counselling.imports.activite.read_activity_csv`)
    and record its acts."""
    today = today or dt.date.today()
    lines, refused = read_activity_csv(source, today)
    with store._write("importer le journal d'activité") as conn:  # noqa: SLF001
        stored = set()
        keys = [line.key for line in lines]
        for start in range(0, len(keys), 500):
            stored |= set(conn.execute(sa.select(activity_acts.c.act_key)
                                       .where(activity_acts.c.act_key.in_(keys[start:start + 500]))).scalars())
        fresh = [line for line in lines if line.key not in stored]
        refused += [Refused(line.ligne, "acte déjà enregistré (import précédent) : il n'est pas compté deux fois")
                    for line in lines if line.key in stored]
        written = write_acts(conn, [act_row(line.act, line.key, "import") for line in fresh])
    return ImportReport(len(written), sorted(refused, key=lambda r: r.ligne))
