"""The dossier: one model of the household that every page reads and writes.

:mod:`.model` holds the shape (pydantic, schema-versioned), :mod:`.adapters`
turns a dossier into the plain inputs of the calculators and their results
back into the dossier.
"""

from .model import (SCHEMA_VERSION, Act, Bill, BudgetLine, Consent, Debt, Dossier, EnergyContract,
                    Identity, Instalment, IssuedDocument, Member, Note, Payment, Plan, Reading, RightCheck,
                    changed_sections, dossier_from_json, dossier_to_json, new_id, new_reference)

__all__ = ["SCHEMA_VERSION", "Act", "Bill", "BudgetLine", "Consent", "Debt", "Dossier", "EnergyContract",
           "Identity", "Instalment", "IssuedDocument", "Member", "Note", "Payment", "Plan", "Reading",
           "RightCheck", "changed_sections", "dossier_from_json", "dossier_to_json", "new_id", "new_reference"]
