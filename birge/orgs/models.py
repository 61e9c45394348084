"""The directory: organizations, the people in them, their verification and their due-diligence passport."""

from birge.orgs.claims.models import Claim
from birge.orgs.hubs.models import HubAdministrator
from birge.orgs.members.models import Invitation, Membership, Role
from birge.orgs.partners.models import Partnership
from birge.orgs.passport.models import (
    Passport,
    PassportAudit,
    PassportFinancialYear,
    PassportPolicy,
    PassportRead,
    PassportShare,
)
from birge.orgs.profiles.models import BudgetBand, Kind, LegalForm, Organization, Status, Visibility
from birge.orgs.verification.models import Verification

__all__ = [
    "BudgetBand",
    "Claim",
    "HubAdministrator",
    "Invitation",
    "Kind",
    "LegalForm",
    "Membership",
    "Organization",
    "Partnership",
    "Passport",
    "PassportAudit",
    "PassportFinancialYear",
    "PassportPolicy",
    "PassportRead",
    "PassportShare",
    "Role",
    "Status",
    "Verification",
    "Visibility",
]
