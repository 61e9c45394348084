import pytest

from birge.core.testing import assert_same_queries, counted_get
from birge.networks.conftest import SECRET_NAME
from birge.networks.tests.growth import more_members, more_networks

pytestmark = pytest.mark.django_db


def test_the_api_lists_listed_networks_and_never_a_secret_one(client, network, secret_network, kg_owner):
    body = client.get("/api/v1/networks/").json()
    assert [item["slug"] for item in body["results"]] == [network.slug]
    assert body["results"][0]["members"] == 3
    # Not even for a member signed in: the API answers as the site answers a visitor.
    client.force_login(kg_owner)
    assert SECRET_NAME not in client.get("/api/v1/networks/", {"q": "Sapar"}).content.decode()
    assert client.get(f"/api/v1/networks/{secret_network.slug}/").status_code == 404


def test_one_network_with_its_published_members(client, network, kg_ngo):
    kg_ngo.published_at = None
    kg_ngo.save()
    body = client.get(f"/api/v1/networks/{network.slug}/").json()
    assert body["name"] == network.name
    assert body["members"] == 3
    assert {row["country"] for row in body["member_organizations"]} == {"KZ", "TJ"}
    assert kg_ngo.slug not in [row["organization"] for row in body["member_organizations"]]


def test_filters_and_a_latin_search(client, network):
    assert client.get("/api/v1/networks/", {"q": "trudovoy"}).json()["count"] == 1
    assert client.get("/api/v1/networks/", {"country": "AZ"}).json()["count"] == 0
    assert client.get("/api/v1/networks/", {"kind": "nonsense"}).status_code == 422


def test_the_lists_take_as_many_queries_for_many_networks_and_members(client, network, kg_owner, kg_ngo):
    client.get("/api/v1/networks/")
    few = counted_get(client, "/api/v1/networks/")
    few_one = counted_get(client, f"/api/v1/networks/{network.slug}/")
    more_networks(kg_owner, kg_ngo, to=9)
    more_members(network, to=10)
    many = counted_get(client, "/api/v1/networks/")
    many_one = counted_get(client, f"/api/v1/networks/{network.slug}/")
    assert many.response.json()["count"] == 7
    assert_same_queries(few, many, at_most=4)
    assert_same_queries(few_one, many_one, at_most=4)
