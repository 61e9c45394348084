"""What the 360Giving and OCDS exports share: the identifiers Birge gives to grants, organizations and
people, the register's addresses, and how amounts and moments are written.

Both standards are read by machines that join files from many publishers, so an organization has the same
identifier in both exports, and a person has none that leads back to them.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from birge.core.notifications.emails import absolute_url
from birge.funding.awards.models import Award, anonymous_recipient
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.visibility import localized

# The prefixes and the licence are settings (BIRGE_360G_PREFIX, BIRGE_OCID_PREFIX, BIRGE_OPEN_DATA_LICENSE):
# a site registers its own prefixes before it publishes.


def grant_prefix() -> str:
    return settings.BIRGE_360G_PREFIX


def ocid_prefix() -> str:
    return settings.BIRGE_OCID_PREFIX


def license_url() -> str:
    # The standards recommend an open licence and ask for its canonical URI.
    return settings.BIRGE_OPEN_DATA_LICENSE


def organization_id(organization: Organization) -> str:
    """Its org-id.guide identifier where known (what other publishers use for it too), else one under
    Birge's prefix that stays the same as long as the profile's address does."""
    return organization.identifier or f"{grant_prefix()}-ORG-{organization.slug}"


def organization_name(organization: Organization) -> str:
    # In the reader's language, else in any the organization wrote its name in.
    return localized(organization, "name").value


def individual_id(award: Award) -> str:
    """A person or an initiative group: the award's anonymous number, never anything of theirs."""
    return f"{grant_prefix()}-{anonymous_recipient(award.pk)}"


def individual_name() -> str:
    # The generic name 360Giving's schema suggests for a grant to a person.
    return _("Individual recipient")


def award_url(award: Award) -> str:
    """The award's entry in the public register, as an absolute address."""
    return absolute_url(reverse("register:award", args=[award.pk]))


def number(amount: Decimal) -> int | float:
    """An amount as a JSON number. Whole amounts stay integers; amounts with cents go through a float, which
    holds any amount of up to 15 significant digits exactly (a trillion tenge with its tiyn)."""
    if amount == amount.to_integral_value():
        return int(amount)
    return float(amount)


def moment(value: dt.datetime) -> str:
    """A date-time as RFC 3339 requires (both standards' "date-time"): with its offset, here UTC."""
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def day_moment(day: dt.date, zone: str, *, end: bool = False) -> str:
    """A calendar day as a date-time in the call's own time zone: its first second, or its last for the
    end of a period (a project "ends on" a day and works through it)."""
    try:
        tzinfo = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tzinfo = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return dt.datetime.combine(day, dt.time(23, 59, 59) if end else dt.time.min, tzinfo).isoformat()


def last_change(awards: list[Award]) -> dt.datetime:
    """When what the export holds last changed: a package made on demand carries that date, so two
    downloads of unchanged data are the same file."""
    return max((award.updated_at for award in awards), default=None) or timezone.now()
