"""The read-model schema: every capability's tables on one ``MetaData``.

Alembic (``migrations/case_api``) owns this schema; the projector empties
``PROJECTED_TABLES`` before a rebuild.
"""

from __future__ import annotations

from case_api.accountability.tables import (
    accountability_cases,
    accountability_corrective_opinions,
    accountability_decisions,
    accountability_meetings,
    accountability_parties,
    accountability_recoveries,
)

# Credentials and sessions share this module but are not projected: a rebuild keeps them.
from case_api.accounts.tables import account_events, accounts
from case_api.casebook.tables import typical_cases
from case_api.cases.tables import (
    case_agencies,
    case_answers,
    case_hearings,
    case_suggestions,
    case_summaries,
    case_timeline,
)
from case_api.clients.tables import api_client_changes, api_clients
from case_api.courts import tables as _courts  # noqa: F401  (not projected: written by deliveries)
from case_api.deadlines.tables import calendar_overrides, deadline_changes, deadlines
from case_api.documents.tables import case_documents
from case_api.interviews.tables import interviews
from case_api.mediation.tables import mediation_attempts, mediation_centres, mediators
from case_api.platform.tables import metadata
from case_api.registry.tables import administrative_acts, agencies, jurisdictions
from case_api.risks.tables import risk_registrations

__all__ = ["PROJECTED_TABLES", "metadata"]

PROJECTED_TABLES = [
    risk_registrations,
    interviews,
    mediation_centres,
    mediators,
    mediation_attempts,
    case_timeline,
    case_agencies,
    case_summaries,
    case_hearings,
    case_answers,
    case_suggestions,
    jurisdictions,
    agencies,
    administrative_acts,
    deadlines,
    calendar_overrides,
    deadline_changes,
    accountability_cases,
    accountability_parties,
    accountability_decisions,
    accountability_recoveries,
    accountability_meetings,
    accountability_corrective_opinions,
    api_clients,
    api_client_changes,
    case_documents,
    typical_cases,
    accounts,
    account_events,
]
