"""Schema migrations: a base created by the first revision opens after the
upgrade with its data; the migrated schema is the one the code queries."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from counselling.dossier.model import dossier_to_json
from counselling.storage import Store
from counselling.storage.config import database_url
from counselling.storage.engine import head_revision, make_engine, migrate
from counselling.storage.schema import metadata

from .conftest import make_dossier

FIRST = "0001"


def _revision(engine) -> str:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def test_base_of_the_first_revision_opens_after_upgrade(db_url):
    engine = make_engine(database_url(db_url))
    migrate(engine, FIRST)
    assert _revision(engine) == FIRST
    dossier = make_dossier("Ancienne", "Base")
    now = dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.timezone.utc)
    with engine.begin() as conn:  # rows written as the first revision's code wrote them
        conn.execute(sa.text(
            "INSERT INTO dossiers (reference, version, document, name, name_key, name_key_alt, site, "
            "created_at, updated_at, last_act) VALUES (:r, 3, :doc, 'Base Ancienne', 'ancienne base', "
            "'base ancienne', :site, :now, :now, :day)"),
            {"r": dossier.reference, "doc": dossier_to_json(dossier, indent=None), "site": dossier.site,
             "now": now, "day": dossier.cree_le})
        conn.execute(sa.text("INSERT INTO audit (reference, at, who, action) VALUES (:r, :now, 'agathe', 'creation')"),
                     {"r": dossier.reference, "now": now})
    engine.dispose()

    with Store(db_url) as store:  # opening upgrades to head
        assert _revision(store.engine) == head_revision()
        stored = store.load(dossier.reference)
        assert stored.dossier == dossier and stored.version == 3 and stored.updated_at == now
        assert [s.reference for s in store.find("ancienne")] == [dossier.reference]
        assert store.save(dossier.model_copy(update={"site": "Nouveau"}), expected_version=3, by="bruno") == 4
        assert [e.action for e in store.audit(dossier.reference)] == ["creation", "modification"]


def test_migrated_schema_matches_the_tables_the_code_uses(db_url):
    with Store(db_url) as store, store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_opening_twice_is_idempotent(db_url):
    with Store(db_url) as store:
        store.create(make_dossier(), by="agathe")
    with Store(db_url) as store:
        assert store.count() == 1
