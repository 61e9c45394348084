import pytest

from birge.core.testing import assert_within_budget
from birge.networks.membership.models import Admission, AdmissionStatus, NetworkMembership, Role
from birge.networks.membership.services import invite, request_join

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_a_coordinator_finds_and_invites_an_organization(client, network, coordinator, outsider_ngo, kg_ngo):
    client.force_login(coordinator)
    url = f"/en/networks/{network.slug}/members/"
    response = client.get(url, {"q": "Посторонний"})
    assert_within_budget(response)
    html = response.content.decode()
    assert outsider_ngo.name in html
    # Members are not offered again.
    assert (
        "No published organization outside the network matches"
        in client.get(url, {"q": kg_ngo.name}).content.decode()
    )
    response = client.post(
        f"{url}invite/", {"organization": outsider_ngo.slug, "role": "member", "message": "Добро пожаловать"}
    )
    assert response.status_code == 302
    assert Admission.objects.get().organization == outsider_ngo


def test_an_invitation_that_fails_says_why(client, network, coordinator, kg_ngo):
    client.force_login(coordinator)
    response = client.post(
        f"/en/networks/{network.slug}/members/invite/", {"organization": kg_ngo.slug, "role": "member"}
    )
    assert response.status_code == 400
    assert "already a member" in response.content.decode()
    response = client.post(
        f"/en/networks/{network.slug}/members/invite/", {"organization": "nobody-here", "role": "member"}
    )
    assert "No published organization has this address" in response.content.decode()


def test_members_page_is_for_coordinators(client, network, kg_owner, secret_network, outsider):
    client.force_login(kg_owner)
    assert client.get(f"/en/networks/{network.slug}/members/").status_code == 403
    client.force_login(outsider)
    assert client.get(f"/en/networks/{secret_network.slug}/members/").status_code == 404


def test_the_invited_organization_accepts_on_its_page(client, network, coordinator, outsider_ngo, outsider):
    admission = invite(actor=coordinator, network=network, organization=outsider_ngo)
    client.force_login(outsider)
    response = client.get("/en/networks/invitations/")
    assert_within_budget(response)
    assert network.name in response.content.decode()
    response = client.post(f"/en/networks/admissions/{admission.pk}/answer/", {"accept": "1"})
    assert response.status_code == 302 and response["Location"] == f"/en/networks/{network.slug}/"
    assert NetworkMembership.objects.filter(network=network, organization=outsider_ngo).exists()


def test_a_stranger_finds_no_admission(client, network, coordinator, outsider_ngo, kg_owner):
    admission = invite(actor=coordinator, network=network, organization=outsider_ngo)
    client.force_login(kg_owner)
    assert client.post(f"/en/networks/admissions/{admission.pk}/answer/", {"accept": "1"}).status_code == 404
    admission.refresh_from_db()
    assert admission.status == AdmissionStatus.PENDING


def test_asking_to_join_and_the_coordinator_accepting(client, network, outsider, outsider_ngo, coordinator):
    client.force_login(outsider)
    response = client.get(f"/en/networks/{network.slug}/join/")
    assert outsider_ngo.name in response.content.decode()
    response = client.post(
        f"/en/networks/{network.slug}/join/", {"organization": outsider_ngo.pk, "message": "x" * 2001}
    )
    assert response.status_code == 200 and "x" * 2001 in response.content.decode()
    response = client.post(
        f"/en/networks/{network.slug}/join/", {"organization": outsider_ngo.pk, "message": "Мы тоже"}
    )
    assert response.status_code == 302
    admission = Admission.objects.get()
    client.force_login(coordinator)
    html = client.get(f"/en/networks/{network.slug}/members/").content.decode()
    assert "Мы тоже" in html
    client.post(f"/en/networks/admissions/{admission.pk}/answer/", {"accept": "1"})
    assert NetworkMembership.objects.get(network=network, organization=outsider_ngo).role == Role.MEMBER


def test_a_removal_without_a_reason_comes_back_with_the_message(client, network, coordinator, tj_ngo):
    client.force_login(coordinator)
    url = f"/en/networks/{network.slug}/members/{tj_ngo.slug}/"
    response = client.post(url, {"remove": "1", "reason": ""})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    assert NetworkMembership.objects.filter(network=network, organization=tj_ngo).exists()
    assert client.post(url, {"remove": "1", "reason": "Ушли"}).status_code == 302
    assert not NetworkMembership.objects.filter(network=network, organization=tj_ngo).exists()


def test_changing_a_role_from_the_members_page(client, network, coordinator, kg_ngo):
    client.force_login(coordinator)
    client.post(f"/en/networks/{network.slug}/members/{kg_ngo.slug}/", {"role": "committee"})
    assert NetworkMembership.objects.get(network=network, organization=kg_ngo).role == Role.COMMITTEE


def test_leaving_from_the_page(client, network, kg_owner, kg_ngo, outsider):
    client.force_login(outsider)
    assert client.get(f"/en/networks/{network.slug}/leave/").status_code == 404
    client.force_login(kg_owner)
    assert client.post(f"/en/networks/{network.slug}/leave/", {"organization": kg_ngo.pk}).status_code == 302
    assert not NetworkMembership.objects.filter(network=network, organization=kg_ngo).exists()


def test_requests_reach_the_coordinators_inbox_page(client, network, outsider, outsider_ngo, coordinator):
    request_join(actor=outsider, network=network, organization=outsider_ngo)
    client.force_login(coordinator)
    assert outsider_ngo.name in client.get("/en/networks/invitations/").content.decode()
