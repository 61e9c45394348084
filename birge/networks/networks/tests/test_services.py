import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.models import Event
from birge.networks.events import Verb
from birge.networks.membership.models import NetworkMembership, Role
from birge.networks.networks.models import Kind, Network, Status, Visibility
from birge.networks.networks.services import network_close, network_create, network_update
from birge.orgs.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_the_founder_becomes_the_first_member_and_coordinator(kz_ngo, coordinator):
    network = network_create(actor=coordinator, founder=kz_ngo, name="  Жасыл желі ")
    assert network.name == "Жасыл желі"
    assert network.slug == "zhasyl-zheli"
    membership = NetworkMembership.objects.get(network=network)
    assert (membership.organization, membership.role) == (kz_ngo, Role.COORDINATOR)
    assert list(network.countries.values_list("code", flat=True)) == ["KZ"]
    event = Event.objects.get(verb=Verb.NETWORK_CREATED)
    assert (event.actor, event.target_id, event.new["founder"]) == (coordinator, str(network.pk), kz_ngo.pk)


def test_only_someone_who_speaks_for_the_founder_creates(kz_ngo, reader, outsider):
    for person in (reader, outsider):
        with pytest.raises(PermissionDenied):
            network_create(actor=person, founder=kz_ngo, name="Сеть")
    assert not Network.objects.exists()


def test_an_unpublished_organization_founds_nothing(reference, coordinator):
    from birge.orgs.members.models import Membership

    draft = OrganizationFactory(draft=True)
    Membership.objects.create(organization=draft, user=coordinator, role="owner")
    with pytest.raises(ValidationError) as raised:
        network_create(actor=coordinator, founder=draft, name="Сеть")
    assert "founder" in raised.value.error_dict
    assert not Network.objects.exists()


def test_a_name_is_required_and_control_characters_are_refused(kz_ngo, coordinator):
    with pytest.raises(ValidationError) as raised:
        network_create(actor=coordinator, founder=kz_ngo, name=" ")
    assert "name" in raised.value.error_dict
    with pytest.raises(ValidationError):
        network_create(actor=coordinator, founder=kz_ngo, name="Сеть\x07")
    assert not Network.objects.exists()


def test_a_secret_networks_address_says_nothing_of_its_name(kz_ngo, coordinator, secret_network):
    assert secret_network.slug.startswith("n-")
    assert "sapar" not in secret_network.slug
    # A public network of the same name takes the readable address, with no "-2" to betray the other.
    public = network_create(actor=coordinator, founder=kz_ngo, name=secret_network.name)
    assert public.slug == "set-taynyy-sapar"


def test_a_network_that_becomes_secret_changes_its_address(network, coordinator):
    old = network.slug
    network_update(actor=coordinator, network=network, visibility=Visibility.SECRET)
    network.refresh_from_db()
    assert network.slug != old and network.slug.startswith("n-")
    event = Event.objects.get(verb=Verb.NETWORK_CHANGED)
    assert event.old == {"visibility": "public"} and event.new == {"visibility": "secret"}


def test_a_national_hub_belongs_to_a_regional_body_only(kz_ngo, coordinator, network):
    body = network_create(
        actor=coordinator, founder=kz_ngo, name="Региональный орган", kind=Kind.REGIONAL_BODY
    )
    hub = network_create(actor=coordinator, founder=kz_ngo, name="Хаб", kind=Kind.NATIONAL_HUB, parent=body)
    assert hub.parent == body
    with pytest.raises(ValidationError) as raised:
        network_create(
            actor=coordinator, founder=kz_ngo, name="Хаб 2", kind=Kind.NATIONAL_HUB, parent=network
        )
    assert "parent" in raised.value.error_dict
    # No loops: the body cannot be put under its own hub.
    with pytest.raises(ValidationError):
        network_update(actor=coordinator, network=body, parent=hub)


def test_nobody_links_a_network_to_a_secret_one_they_do_not_know(kz_ngo, coordinator, kg_owner, kg_ngo):
    body = network_create(
        actor=kg_owner,
        founder=kg_ngo,
        name="Тайный орган",
        kind=Kind.REGIONAL_BODY,
        visibility=Visibility.SECRET,
    )
    with pytest.raises(ValidationError) as raised:
        network_create(actor=coordinator, founder=kz_ngo, name="Хаб", kind=Kind.NATIONAL_HUB, parent=body)
    assert "parent" in raised.value.error_dict


def test_only_coordinators_change_or_close(network, kg_owner, reader, coordinator):
    for person in (kg_owner, reader):
        with pytest.raises(PermissionDenied):
            network_update(actor=person, network=network, name="Другое")
        with pytest.raises(PermissionDenied):
            network_close(actor=person, network=network)
    network_close(actor=coordinator, network=network)
    network.refresh_from_db()
    assert network.status == Status.CLOSED and network.closed_at
    with pytest.raises(ValidationError):
        network_close(actor=coordinator, network=network)
    assert Event.objects.filter(verb=Verb.NETWORK_CLOSED).count() == 1
