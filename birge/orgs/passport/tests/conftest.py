"""The people and organizations the passport tests share, named for their role: the owner (alice), an
editor (bob), a member, an outsider, and the owner and a member of a funder."""

import pytest

from birge.orgs.members.models import Role
from birge.orgs.passport.tests.helpers import join, make_org
from birge.orgs.profiles.models import Kind
from conftest import make_user


@pytest.fixture
def org(db):
    return make_org("argo", name="Argo")


@pytest.fixture
def funder(db):
    return make_org("steppe-fund", kind=Kind.DONOR, name="Steppe Fund", identifier="KZ-BIN-123456789012")


@pytest.fixture
def owner(alice, org):
    return join(alice, org, Role.OWNER)


@pytest.fixture
def editor(bob, org):
    return join(bob, org, Role.EDITOR)


@pytest.fixture
def member(org):
    return join(make_user("carol@example.org", display_name="Carol"), org)


@pytest.fixture
def outsider(db):
    return make_user("dave@example.org", display_name="Dave")


@pytest.fixture
def funder_owner(funder):
    return join(make_user("frank@example.org", display_name="Frank", language="en"), funder, Role.OWNER)


@pytest.fixture
def funder_member(funder):
    return join(make_user("fiona@example.org", display_name="Fiona"), funder)
