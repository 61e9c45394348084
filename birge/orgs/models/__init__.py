"""The directory: organizations, the people in them, their verification and their due-diligence passport."""

from .membership import Claim, Invitation, Membership, Partnership, Role
from .organization import (
    BudgetBand,
    Kind,
    LegalForm,
    Organization,
    Status,
    Verification,
    Visibility,
)
from .passport import (
    Passport,
    PassportAudit,
    PassportFinancialYear,
    PassportPolicy,
    PassportRead,
    PassportShare,
)
from .search import SearchEntry, SearchTag, SearchWord  # noqa: F401 (the search index; not public API)

__all__ = [
    "BudgetBand",
    "Claim",
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
