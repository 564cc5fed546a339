"""The outgoing-mediation call list: a screened partner listing becomes a
list of customers to contact, with every attempt, the next step and the
outcome; weekly listings are merged; a return file and the wrong numbers go
back to the partner.

Personal data: a line keeps only the fields the partner sent and the
counsellor mapped (reference, and for instance name, phone, département),
plus the screening summary; nothing else is typed about the person here (the
dossier, opened with consent, holds the rest). Lines are purged like dossiers
(:meth:`CallList.purge`), a partner's lines can be erased at once
(:meth:`CallList.erase_partner`). See ``docs/activite.md``.

Merging: the same reference in two listings is one line whose ``listings``
grows (its history is kept); the same reference sent with different data
(another name, another phone…) is kept as a second line (``variant`` 1, 2…)
and both are flagged ``conflit`` for the counsellor to check.

Each attempt is also an act of the activity record (kind
``mediation_sortante``, ``reached`` = the person answered), written in the
same transaction: the report's contact rate comes from the call list.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import pandas as pd
import sqlalchemy as sa

from ..errors import InputError
from ..imports.listing import FIELDS
from ..storage.schema import call_attempts, call_lines, dossiers
from .record import ActivityAct, act_row, write_acts
from .vocabulary import vocabulary

SCREENING = ("cheque_montant", "fsl_statut")
CLOSED = ("rendez_vous", "solution", "injoignable", "refus")
RETURN_COLUMNS = ("issue", "date_issue", "tentatives")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _plain(value):
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, (int, float, bool)) else str(value)


class CallList:
    """The call list of one partner in the database of ``store``.

    Parameters
    ----------
    store : counselling.storage.Store
    partner : str
        The partner's name as the activity record counts it.
    site : str, optional
        The site making the calls (for the activity record).
    max_attempts : int, optional
        Attempts without reaching the person before « injoignable »
        [tentatives]; default: ``reglages.appels_tentatives_max`` of the
        vocabulary.
    """

    def __init__(self, store, partner: str, site: str | None = None, max_attempts: int | None = None):
        partner = " ".join((partner or "").split())
        if not partner:
            raise InputError("partenaire", "Partenaire", "le nom du partenaire manque", "le nom du partenaire")
        self.store, self.partner, self.site = store, partner, site
        self.max_attempts = max_attempts or vocabulary().reglages.appels_tentatives_max

    # ------------------------------------------------------------------ merge

    def merge_listing(self, frame: pd.DataFrame, mapping: dict[str, str], label: str,
                      today: dt.date | None = None) -> dict[str, int]:
        """Add a (screened) listing of the week to the call list.

        Parameters
        ----------
        frame : DataFrame
            Rows of :func:`counselling.imports.listing.read_listing` (or of
            the screening); only valid rows with a reference are taken.
        mapping : dict
            {our field: the partner's column}, as given to the reader: the
            fields kept are those the partner sent; the column names are kept
            for the return file.
        label : str
            The listing's name (« semaine 47 »).

        Returns
        -------
        dict
            ``nouveaux``, ``deja_connus``, ``donnees_differentes`` (kept as a
            second line) [lignes].
        """
        today = today or dt.date.today()
        label = " ".join((label or "").split())
        if not label:
            raise InputError("listing", "Nom du listing", "le nom manque", "par exemple « semaine 47 »")
        sent = [f for f in FIELDS if f in mapping]
        rows = frame[frame["valide"].astype(bool)] if "valide" in frame.columns else frame
        rows = rows[rows["reference"].notna()]
        counts = {"nouveaux": 0, "deja_connus": 0, "donnees_differentes": 0}
        now = _now()
        with self.store._write("fusionner le listing") as conn:  # noqa: SLF001
            for _, row in rows.iterrows():
                fields = {f: _plain(row.get(f)) for f in sent}
                fields["reference"] = str(row["reference"]).strip()
                screening = {c: _plain(row.get(c)) for c in SCREENING if c in row.index}
                counts[self._merge_one(conn, fields, screening, mapping, label, today, now)] += 1
        return counts

    def _merge_one(self, conn, fields, screening, mapping, label, today, now) -> str:
        ref = fields["reference"]
        existing = conn.execute(sa.select(call_lines).where(call_lines.c.partner == self.partner,
                                                            call_lines.c.customer_ref == ref)).mappings().all()
        for line in existing:
            if json.loads(line["data"])["champs"] == fields:
                listings = json.loads(line["listings"])
                if label not in listings:
                    listings.append(label)
                conn.execute(sa.update(call_lines).where(call_lines.c.id == line["id"]).values(
                    listings=json.dumps(listings, ensure_ascii=False), updated_at=now,
                    last_activity=max(today, line["last_activity"])))
                return "deja_connus"
        data = {"champs": fields, "colonnes": {f: mapping[f] for f in fields if f in mapping}, "criblage": screening}
        conn.execute(sa.insert(call_lines).values(
            partner=self.partner, customer_ref=ref, variant=len(existing),
            data=json.dumps(data, ensure_ascii=False), listings=json.dumps([label], ensure_ascii=False),
            site=self.site, status="a_appeler", created_at=now, updated_at=now, last_activity=today))
        return "donnees_differentes" if existing else "nouveaux"

    # ------------------------------------------------------------------ attempts and outcome

    def attempt(self, line_id: int, day, channel: str, result: str, by: str, *, next_step: str | None = None,
                next_date=None) -> str:
        """Record a contact attempt (and its act in the activity record).
        Returns the line's status afterwards."""
        from ..inputs import parse_date

        calls = vocabulary().appels
        day = parse_date(day, "date", "Date de la tentative", maximum=dt.date.today() + dt.timedelta(days=1))
        if channel not in calls.canaux:
            raise InputError("canal", "Canal", f"« {channel} » n'est pas un canal connu", ", ".join(calls.canaux))
        if result not in calls.resultats:
            raise InputError("resultat", "Résultat de la tentative", f"« {result} » n'est pas connu",
                             ", ".join(calls.resultats))
        next_date = parse_date(next_date, "prochaine_date", "Date de la prochaine étape") if next_date else None
        with self.store._write("noter la tentative de contact") as conn:  # noqa: SLF001
            line = self._line(conn, line_id)
            attempt_id = conn.execute(sa.insert(call_attempts).values(
                line_id=line_id, day=day, channel=channel, result=result, by=by[:200], recorded_at=_now())
                .returning(call_attempts.c.id)).scalar_one()
            status = self._status_after(conn, line, result)
            conn.execute(sa.update(call_lines).where(call_lines.c.id == line_id).values(
                status=status, next_step=next_step, next_date=next_date, updated_at=_now(),
                last_activity=max(day, line["last_activity"])))
            act = ActivityAct(day=day, site=line["site"] or self.site or "(site non indiqué)", counsellor=by,
                              kind=vocabulary().kinds_of("sortante")[0], partner=self.partner,
                              reached=result == "joint")
            write_acts(conn, [act_row(act, f"appel:{attempt_id}", "appels")])
        return status

    def _status_after(self, conn, line, result: str) -> str:
        if line["status"] in CLOSED and line["status"] != "injoignable":
            return line["status"]
        if result == "joint":
            return "en_cours"
        if result == "refus":
            return "refus"
        results = list(conn.execute(sa.select(call_attempts.c.result)
                                    .where(call_attempts.c.line_id == line["id"])).scalars())
        if "joint" not in results and len(results) >= self.max_attempts:
            return "injoignable"
        return "en_cours" if line["status"] == "a_appeler" else line["status"]

    def set_outcome(self, line_id: int, outcome: str, *, dossier_ref: str | None = None,
                    next_step: str | None = None, next_date=None) -> None:
        """Set the outcome of a line. « rendez_vous » needs the reference of
        the dossier opened with the person's consent (it must exist)."""
        issues = vocabulary().appels.issues
        if outcome not in issues:
            raise InputError("issue", "Issue", f"« {outcome} » n'est pas connue", ", ".join(issues))
        with self.store._write("noter l'issue") as conn:  # noqa: SLF001
            self._line(conn, line_id)
            if outcome == "rendez_vous":
                found = dossier_ref and conn.execute(sa.select(dossiers.c.id).where(
                    dossiers.c.reference == dossier_ref)).first()
                if not found:
                    raise InputError("dossier", "Dossier ouvert", "aucun dossier enregistré avec cette référence",
                                     "la référence du dossier ouvert avec l'accord de la personne")
            conn.execute(sa.update(call_lines).where(call_lines.c.id == line_id).values(
                status=outcome, dossier_ref=dossier_ref, next_step=next_step, updated_at=_now(),
                next_date=next_date, last_activity=dt.date.today()))

    def _line(self, conn, line_id: int):
        line = conn.execute(sa.select(call_lines).where(call_lines.c.id == line_id,
                                                        call_lines.c.partner == self.partner)).mappings().first()
        if line is None:
            raise InputError("ligne", "Ligne de la liste d'appels", f"la ligne {line_id} n'existe pas (ou plus)",
                             "une ligne de la liste de ce partenaire")
        return line

    # ------------------------------------------------------------------ reading

    def lines(self) -> pd.DataFrame:
        """One row per line: ``id``, ``reference``, ``variant``, ``conflit``
        (the reference was sent with different data), ``listings``, the
        fields sent, ``tentatives``, ``derniere_tentative``, ``dernier_resultat``,
        ``statut``, ``prochaine_etape``, ``prochaine_date``."""
        with self.store._read("lire la liste d'appels") as conn:  # noqa: SLF001
            rows = conn.execute(sa.select(call_lines).where(call_lines.c.partner == self.partner)
                                .order_by(call_lines.c.customer_ref, call_lines.c.variant)).mappings().all()
            attempts = conn.execute(
                sa.select(call_attempts).join(call_lines, call_lines.c.id == call_attempts.c.line_id)
                .where(call_lines.c.partner == self.partner).order_by(call_attempts.c.day, call_attempts.c.id)
            ).mappings().all()
        by_line: dict[int, list] = {}
        for a in attempts:
            by_line.setdefault(a["line_id"], []).append(a)
        variants = pd.Series([r["customer_ref"] for r in rows]).value_counts().to_dict() if rows else {}
        out = []
        for r in rows:
            data = json.loads(r["data"])
            tries = by_line.get(r["id"], [])
            out.append({"id": r["id"], "reference": r["customer_ref"], "variant": r["variant"],
                        "conflit": variants.get(r["customer_ref"], 0) > 1,
                        "listings": ", ".join(json.loads(r["listings"])), **data["champs"], **data["criblage"],
                        "tentatives": len(tries), "derniere_tentative": tries[-1]["day"] if tries else None,
                        "dernier_resultat": tries[-1]["result"] if tries else None,
                        "statut": r["status"], "prochaine_etape": r["next_step"], "prochaine_date": r["next_date"],
                        "dossier": r["dossier_ref"]})
        return pd.DataFrame(out)

    def history(self, line_id: int) -> list[dict]:
        """The attempts of a line, oldest first."""
        with self.store._read("lire l'historique") as conn:  # noqa: SLF001
            self._line(conn, line_id)
            return [dict(a) for a in conn.execute(sa.select(call_attempts).where(call_attempts.c.line_id == line_id)
                                                  .order_by(call_attempts.c.day, call_attempts.c.id)).mappings()]

    def _sent(self):
        with self.store._read("préparer le fichier du partenaire") as conn:  # noqa: SLF001
            rows = conn.execute(sa.select(call_lines).where(call_lines.c.partner == self.partner)
                                .order_by(call_lines.c.customer_ref, call_lines.c.variant)).mappings().all()
            wrong = set(conn.execute(sa.select(call_attempts.c.line_id).where(
                call_attempts.c.result == "faux_numero")).scalars())
            counts = dict(conn.execute(sa.select(call_attempts.c.line_id, sa.func.count())
                                       .group_by(call_attempts.c.line_id)).all())
        return rows, wrong, counts

    def return_file(self) -> pd.DataFrame:
        """The file returned to the partner: per customer reference (under
        the partner's own column name), the outcome, its date and the number
        of attempts. No other field: nothing the partner did not send, no
        dossier reference, no note."""
        rows, _wrong, counts = self._sent()
        issues = vocabulary().appels.issues
        out = []
        for r in rows:
            data = json.loads(r["data"])
            column = data["colonnes"].get("reference", "reference")
            out.append({column: r["customer_ref"], "issue": issues[r["status"]],
                        "date_issue": r["last_activity"].isoformat(), "tentatives": counts.get(r["id"], 0)})
        frame = pd.DataFrame(out)
        if len(frame):
            frame = frame.drop_duplicates()
        return frame

    def wrong_numbers(self) -> pd.DataFrame:
        """Customers whose number was found wrong or unassigned: the
        reference and the number as the partner sent them (columns named as
        in the partner's file)."""
        rows, wrong, _counts = self._sent()
        out = []
        for r in rows:
            if r["id"] not in wrong:
                continue
            data = json.loads(r["data"])
            names = data["colonnes"]
            record = {names.get("reference", "reference"): r["customer_ref"]}
            if "telephone" in data["champs"]:
                record[names.get("telephone", "telephone")] = data["champs"]["telephone"]
            out.append(record)
        return pd.DataFrame(out)

    # ------------------------------------------------------------------ personal data

    def purge(self, before: dt.date) -> int:
        """Delete the lines (and attempts) with nothing since ``before``;
        returns how many. The acts they produced stay counted (no personal data)."""
        with self.store._write("purger la liste d'appels") as conn:  # noqa: SLF001
            ids = list(conn.execute(sa.select(call_lines.c.id).where(
                call_lines.c.partner == self.partner, call_lines.c.last_activity < before)).scalars())
            self._delete(conn, ids)
        self.store.wipe()
        return len(ids)

    def erase_partner(self) -> int:
        """Delete every line of this partner (end of the agreement)."""
        with self.store._write("effacer la liste d'appels") as conn:  # noqa: SLF001
            ids = list(conn.execute(sa.select(call_lines.c.id).where(call_lines.c.partner == self.partner)).scalars())
            self._delete(conn, ids)
        self.store.wipe()
        return len(ids)

    @staticmethod
    def _delete(conn, ids: list[int]) -> None:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            conn.execute(sa.delete(call_attempts).where(call_attempts.c.line_id.in_(chunk)))
            conn.execute(sa.delete(call_lines).where(call_lines.c.id.in_(chunk)))
