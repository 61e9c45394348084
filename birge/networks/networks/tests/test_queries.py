"""The network list and a network's page take as many queries for many networks and members as for few,
for each role that opens them."""

import pytest

from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.networks.tests.growth import more_members, more_networks

pytestmark = pytest.mark.django_db

# The most queries each page may take, by role (today's counts; lower them as the pages get cheaper). The
# network's page has its activity feed: the window of the audit log, its scopes, and the networks and
# organizations its items name.
LIST = {"anonymous": 3, "outsider": 8, "reader": 8, "coordinator": 8}
PAGE = {"anonymous": 11, "outsider": 16, "reader": 16, "coordinator": 17}


@pytest.fixture
def people(coordinator, reader, outsider, outsider_ngo):
    return {"anonymous": None, "outsider": outsider, "reader": reader, "coordinator": coordinator}


@pytest.mark.parametrize("role", LIST)
def test_the_list_takes_as_many_queries_for_many_networks(client, network, people, kg_owner, kg_ngo, role):
    if people[role]:
        client.force_login(people[role])
    client.get("/en/networks/")
    more_networks(kg_owner, kg_ngo, to=2)
    few = counted_get(client, "/en/networks/")
    more_networks(kg_owner, kg_ngo, to=12)
    many = counted_get(client, "/en/networks/")
    assert many.response.status_code == 200
    assert_within_budget(many.response)
    assert_same_queries(few, many, at_most=LIST[role])


@pytest.mark.parametrize("role", PAGE)
def test_the_network_page_takes_as_many_queries_for_many_members(client, network, people, role):
    if people[role]:
        client.force_login(people[role])
    url = f"/en/networks/{network.slug}/"
    client.get(url)
    more_members(network, to=2)
    few = counted_get(client, url)
    more_members(network, to=15)
    many = counted_get(client, url)
    assert many.response.status_code == 200
    assert many.response.content.decode().count("Член ") == 17
    assert_within_budget(many.response)
    assert_same_queries(few, many, at_most=PAGE[role])
