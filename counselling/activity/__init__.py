"""The activity record: acts counted without personal data, reports per
period, site and partner, and the outgoing-mediation call list.

Public names::

    ActivityAct, record_act, record_acts       recording (record.py)
    import_activity, ImportReport              CSV from another tool (importing.py)
    activity_report, ActivityReport, partner_review, sites, partners   (report.py)
    vocabulary()                               kinds, reasons, outcomes (vocabulary.py)
    CallList                                   the call list (calls.py)

See ``docs/activite.md``.
"""

from .importing import ImportReport, import_activity
from .record import ActivityAct, Recorded, record_act, record_acts
from .report import ActivityReport, activity_report, partner_review, partners, sites
from .vocabulary import vocabulary

__all__ = ["ActivityAct", "ActivityReport", "ImportReport", "Recorded", "activity_report", "import_activity",
           "partner_review", "partners", "record_act", "record_acts", "sites", "vocabulary"]
