"""The members page and the invitations page take as many queries for many members and requests as for
few."""

import pytest

from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.networks.membership.services import invite
from birge.networks.tests.growth import more_members
from birge.orgs.tests.factories import OrganizationFactory, with_member

pytestmark = pytest.mark.django_db


def test_the_members_page_takes_as_many_queries_for_many_members(client, network, coordinator):
    client.force_login(coordinator)
    url = f"/en/networks/{network.slug}/members/"
    client.get(url, {"q": "Член"})
    more_members(network, to=2)
    few = counted_get(client, url, q="Орг")
    more_members(network, to=12)
    many = counted_get(client, url, q="Орг")
    assert many.response.status_code == 200
    assert_within_budget(many.response)
    assert_same_queries(few, many, at_most=12)


def test_the_invitations_page_takes_as_many_queries_for_many_invitations(client, reference, outsider):
    from birge.networks.networks.services import network_create
    from conftest import make_user

    mine = with_member(OrganizationFactory(), outsider)

    def invited(to: int) -> None:
        for n in range(to):
            owner = make_user(f"founder{n}-{to}@example.org")
            founder = with_member(OrganizationFactory(), owner)
            network = network_create(actor=owner, founder=founder, name=f"Сеть {n}-{to}")
            invite(actor=owner, network=network, organization=mine, message="Ждём")

    client.force_login(outsider)
    client.get("/en/networks/invitations/")
    invited(2)
    few = counted_get(client, "/en/networks/invitations/")
    invited(10)
    many = counted_get(client, "/en/networks/invitations/")
    assert many.response.content.decode().count("Ждём") == 12
    assert_within_budget(many.response)
    assert_same_queries(few, many, at_most=6)
