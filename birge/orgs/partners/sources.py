"""Other ways than a listed partnership for organizations to count as partners.

The partner rule is decided in `orgs.permissions.partner_organization_ids`; apps that bring organizations
together (a shared network, a joint project) register a source here in their `AppConfig.ready()`, so that
the rule widens in that one place and every page, list, export and e-mail follows, without the directory
importing them."""

from collections.abc import Callable

from django.db.models import QuerySet

# name -> source: given the organizations a person belongs to, a query of the ids of the organizations that
# count that person as a partner through the app (`values_list(..., flat=True)` without ordering; all the
# sources and the listed partnerships are read in one query, as a union).
PARTNER_SOURCES: dict[str, Callable[[set[int]], QuerySet]] = {}


def register_partner_source(name: str, source: Callable[[set[int]], QuerySet]) -> None:
    PARTNER_SOURCES[name] = source
