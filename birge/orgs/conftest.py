"""Named people around one organization: its owner (alice), an editor, a member, a partner's member, an
outsider (bob), and the hub admin of its country."""

import pytest

from birge.orgs.hubs.models import HubAdministrator
from birge.orgs.members.models import Role
from birge.orgs.partners.models import Partnership
from birge.orgs.search import index_organizations
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user


@pytest.fixture
def org(reference, alice):
    """A published Kazakh CSO owned by alice, in the search index."""
    organization = with_member(
        OrganizationFactory(name="Арго", name_ru="Арго", name_en="Argo"), alice, Role.OWNER
    )
    index_organizations([organization.pk])
    return organization


@pytest.fixture
def editor(org):
    user = make_user("editor@example.org", display_name="Erlan")
    with_member(org, user, Role.EDITOR)
    return user


@pytest.fixture
def member(org):
    user = make_user("member@example.org", display_name="Madina")
    with_member(org, user, Role.MEMBER)
    return user


@pytest.fixture
def partner(org):
    """A member of an organization that `org` lists as its partner."""
    user = make_user("partner@example.org", display_name="Parviz")
    other = with_member(OrganizationFactory(name="Партнёр"), user, Role.OWNER)
    Partnership.objects.create(organization=org, partner=other)
    return user


@pytest.fixture
def hub_kz(reference):
    from birge.core.models import Country

    user = make_user("hub.kz@example.org", display_name="Hub KZ")
    HubAdministrator.objects.create(user=user, country=Country.objects.get(code="KZ"))
    return user


@pytest.fixture
def hub_tj(reference):
    from birge.core.models import Country

    user = make_user("hub.tj@example.org", display_name="Hub TJ")
    HubAdministrator.objects.create(user=user, country=Country.objects.get(code="TJ"))
    return user
