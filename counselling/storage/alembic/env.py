"""Alembic environment of the dossier database.

The kit runs migrations itself (:func:`counselling.storage.engine.migrate`),
passing an open connection in ``config.attributes["connection"]``: there is no
``alembic.ini``. To write a new revision, copy the latest file of
``versions/``, give it the next number and set ``down_revision``.
"""

from __future__ import annotations

from alembic import context

from counselling.storage.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover — only reached when someone runs the alembic CLI
    raise SystemExit("Les migrations se lancent par le kit : Store() ou `counselling dossiers list`.")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
