import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.networks.events import Verb
from birge.networks.membership.models import Admission, AdmissionStatus, NetworkMembership, Role
from birge.networks.membership.services import (
    admission_answer,
    admission_withdraw,
    invite,
    member_leave,
    member_remove,
    member_set_role,
    request_join,
)
from birge.networks.networks.services import network_close
from birge.orgs.permissions import Viewer
from birge.orgs.profiles.models import Visibility as FieldVisibility
from birge.orgs.tests.factories import OrganizationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_an_invitation_reaches_the_people_who_speak_for_the_organization(
    network, coordinator, outsider_ngo, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admission = invite(
            actor=coordinator, network=network, organization=outsider_ngo, message="Присоединяйтесь"
        )
    assert admission.status == AdmissionStatus.PENDING
    notice = Notification.objects.get(recipient=outsider, kind="networks.admission")
    assert network.name in notice.body and "Присоединяйтесь" in notice.body
    assert [mail.to for mail in mailoutbox] == [[outsider.email]]
    assert Event.objects.get(verb=Verb.INVITED).new == {"organization": outsider_ngo.pk, "role": "member"}


def test_an_invitation_into_a_secret_network_reaches_the_invited_organization(
    secret_network, kg_owner, outsider_ngo, outsider
):
    invite(actor=kg_owner, network=secret_network, organization=outsider_ngo)
    assert Notification.objects.filter(recipient=outsider, kind="networks.admission").count() == 1


def test_only_coordinators_invite(network, kg_owner, reader, outsider_ngo):
    for person in (kg_owner, reader):
        with pytest.raises(PermissionDenied):
            invite(actor=person, network=network, organization=outsider_ngo)
    assert not Admission.objects.exists()


def test_members_and_pending_organizations_are_not_invited_twice(network, coordinator, kg_ngo, outsider_ngo):
    with pytest.raises(ValidationError, match="already a member"):
        invite(actor=coordinator, network=network, organization=kg_ngo)
    invite(actor=coordinator, network=network, organization=outsider_ngo)
    with pytest.raises(ValidationError, match="waiting for an answer"):
        invite(actor=coordinator, network=network, organization=outsider_ngo)
    assert Admission.objects.count() == 1


def test_a_draft_organization_is_not_invited(network, coordinator, reference):
    draft = OrganizationFactory(draft=True)
    with pytest.raises(ValidationError):
        invite(actor=coordinator, network=network, organization=draft)


def test_accepting_an_invitation_makes_the_organization_a_member_in_the_role_offered(
    network, coordinator, outsider_ngo, outsider
):
    admission = invite(actor=coordinator, network=network, organization=outsider_ngo, role=Role.COMMITTEE)
    with pytest.raises(PermissionDenied):
        admission_answer(actor=coordinator, admission=admission, accept=True)
    admission_answer(actor=outsider, admission=admission, accept=True)
    assert NetworkMembership.objects.get(network=network, organization=outsider_ngo).role == Role.COMMITTEE
    with pytest.raises(ValidationError, match="answered already"):
        admission_answer(actor=outsider, admission=admission, accept=True)
    assert Notification.objects.filter(recipient=coordinator, kind="networks.admission").count() == 1


def test_a_request_to_join_is_answered_by_the_coordinators(network, coordinator, outsider_ngo, outsider):
    admission = request_join(
        actor=outsider, network=network, organization=outsider_ngo, message="Мы работаем с мигрантами"
    )
    assert Notification.objects.filter(recipient=coordinator, kind="networks.admission").count() == 1
    with pytest.raises(PermissionDenied):
        admission_answer(actor=outsider, admission=admission, accept=True)
    admission_answer(actor=coordinator, admission=admission, accept=False, reason="Пока нет")
    admission.refresh_from_db()
    assert admission.status == AdmissionStatus.DECLINED and admission.reason == "Пока нет"
    assert not NetworkMembership.objects.filter(organization=outsider_ngo).exists()
    assert Event.objects.filter(verb=Verb.JOIN_ANSWERED).count() == 1


def test_nobody_asks_to_join_a_secret_network(secret_network, outsider, outsider_ngo):
    with pytest.raises(PermissionDenied):
        request_join(actor=outsider, network=secret_network, organization=outsider_ngo)
    assert not Admission.objects.exists()


def test_a_plain_member_of_an_organization_does_not_ask_for_it(network, reference, outsider_ngo, reader):
    from birge.orgs.members.models import Membership

    Membership.objects.create(organization=outsider_ngo, user=reader, role="member")
    with pytest.raises(PermissionDenied):
        request_join(actor=reader, network=network, organization=outsider_ngo)


def test_the_side_that_asked_withdraws(network, coordinator, outsider_ngo, outsider):
    admission = invite(actor=coordinator, network=network, organization=outsider_ngo)
    with pytest.raises(PermissionDenied):
        admission_withdraw(actor=outsider, admission=admission)
    admission_withdraw(actor=coordinator, admission=admission)
    admission.refresh_from_db()
    assert admission.status == AdmissionStatus.WITHDRAWN


def test_a_closed_network_takes_no_new_members(network, coordinator, outsider_ngo):
    network_close(actor=coordinator, network=network)
    with pytest.raises(ValidationError, match="closed"):
        invite(actor=coordinator, network=network, organization=outsider_ngo)


def test_roles_change_but_a_network_keeps_a_coordinator(network, coordinator, kz_ngo, kg_ngo, kg_owner):
    with pytest.raises(ValidationError, match="needs a coordinator"):
        member_set_role(actor=coordinator, network=network, organization=kz_ngo, role=Role.MEMBER)
    member_set_role(actor=coordinator, network=network, organization=kg_ngo, role=Role.COORDINATOR)
    member_set_role(actor=coordinator, network=network, organization=kz_ngo, role=Role.MEMBER)
    assert NetworkMembership.objects.get(network=network, organization=kz_ngo).role == Role.MEMBER
    with pytest.raises(PermissionDenied):
        member_set_role(actor=coordinator, network=network, organization=kz_ngo, role=Role.COORDINATOR)
    assert Notification.objects.filter(recipient=kg_owner, kind="networks.membership").count() == 1


def test_leaving(network, kg_ngo, kg_owner, coordinator, kz_ngo):
    with pytest.raises(PermissionDenied):
        member_leave(actor=coordinator, network=network, organization=kg_ngo)
    member_leave(actor=kg_owner, network=network, organization=kg_ngo)
    assert not NetworkMembership.objects.filter(network=network, organization=kg_ngo).exists()
    with pytest.raises(ValidationError, match="needs a coordinator"):
        member_leave(actor=coordinator, network=network, organization=kz_ngo)
    assert Event.objects.filter(verb=Verb.MEMBER_LEFT).count() == 1


def test_removal_needs_a_reason_and_tells_it(network, coordinator, tj_ngo, tj_owner):
    with pytest.raises(ValidationError) as raised:
        member_remove(actor=coordinator, network=network, organization=tj_ngo, reason=" ")
    assert "reason" in raised.value.error_dict
    member_remove(actor=coordinator, network=network, organization=tj_ngo, reason="Не участвует год")
    assert not NetworkMembership.objects.filter(network=network, organization=tj_ngo).exists()
    notice = Notification.objects.get(recipient=tj_owner, kind="networks.membership")
    assert "Не участвует год" in notice.body
    assert Event.objects.get(verb=Verb.MEMBER_REMOVED).new["reason"] == "Не участвует год"


def test_the_removed_organization_of_a_secret_network_is_told_why(
    secret_network, kg_owner, outsider_ngo, outsider
):
    from birge.networks.conftest import add_member

    add_member(secret_network, outsider_ngo)
    member_remove(actor=kg_owner, network=secret_network, organization=outsider_ngo, reason="Утечка")
    assert Notification.objects.filter(recipient=outsider, kind="networks.membership").count() == 1


def test_members_of_a_shared_network_are_partners_for_the_directory(network, kg_ngo, tj_owner, outsider):
    kg_ngo.phone_visibility = FieldVisibility.PARTNERS
    kg_ngo.save()
    assert Viewer.of(tj_owner).level(kg_ngo) == FieldVisibility.PARTNERS
    assert Viewer.of(outsider).level(kg_ngo) == FieldVisibility.SIGNED_IN
    assert Viewer.of(tj_owner).may_see(kg_ngo, kg_ngo.phone_visibility)
