"""The networks demo: the regional migration network of thirty organizations from four countries with its
adopted charter, a draft and an open decision to adopt it; a secret network unseen by visitors; a national
hub per country under the regional body; a mudslide response network with needs and pledges."""

from io import StringIO

import pytest
from django.db import transaction

from birge.core.reference import load_reference_data
from birge.networks import demo as networks_demo
from birge.networks.decisions.models import DecisionStatus
from birge.networks.membership.models import NetworkMembership, Role
from birge.networks.networks.models import Kind, Network, Visibility
from birge.orgs import demo as orgs_demo


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_reference_data()
        orgs_demo.load(StringIO())
        networks_demo.load(StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    pass


def test_the_migration_network_has_thirty_organizations_from_four_countries(demo):
    network = Network.objects.get(slug=networks_demo.MIGRATION_SLUG)
    members = NetworkMembership.objects.filter(network=network)
    assert members.count() == 30
    assert set(members.values_list("organization__country__code", flat=True)) == {"KZ", "KG", "TJ", "AZ"}
    assert members.filter(role=Role.COORDINATOR).count() == 1
    versions = network.charter_versions.order_by("number")
    assert [bool(version.adopted_at) for version in versions] == [True, False]
    decision = network.decisions.get(charter_version__isnull=False)
    assert decision.status == DecisionStatus.OPEN and decision.results_hidden
    assert decision.charter_version == versions.last()


def test_a_hub_per_country_under_the_regional_body(demo):
    body = Network.objects.get(kind=Kind.REGIONAL_BODY)
    hubs = Network.objects.filter(kind=Kind.NATIONAL_HUB)
    assert hubs.count() == 5
    assert {hub.parent_id for hub in hubs} == {body.pk}
    assert {hub.countries.get().code for hub in hubs} == {"KZ", "KG", "TJ", "AZ", "TM"}


def test_the_secret_network_is_unseen_by_visitors(demo, client):
    secret = Network.objects.get(visibility=Visibility.SECRET)
    assert secret.name == networks_demo.SECRET_NAME
    assert networks_demo.SECRET_NAME not in client.get("/ru/networks/").content.decode()
    assert client.get(f"/ru/networks/{secret.slug}/").status_code == 404


def test_the_mudslide_network_has_needs_and_pledges(demo, client):
    network = Network.objects.get(kind=Kind.RESPONSE)
    needs = list(network.incident.needs.all())
    assert len(needs) == 5
    for need in needs:
        assert need.pledged == sum(pledge.quantity for pledge in need.pledges.all())
    assert {pledge.organization.country.code for need in needs for pledge in need.pledges.all()} == {
        "KG",
        "KZ",
        "TJ",
    }


def test_loading_again_changes_nothing(demo):
    before = (Network.objects.count(), NetworkMembership.objects.count())
    out = StringIO()
    networks_demo.load(out)
    assert "already loaded" in out.getvalue()
    assert (Network.objects.count(), NetworkMembership.objects.count()) == before
