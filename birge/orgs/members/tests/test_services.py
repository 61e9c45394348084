import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.models import Event
from birge.orgs.events import Verb
from birge.orgs.members.models import Membership, Role
from birge.orgs.members.services import (
    invitation_accept,
    invitation_create,
    invitation_revoke,
    member_change_role,
    member_leave,
    member_remove,
)
from conftest import make_user


def test_owner_invites_and_the_invited_person_joins(org, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invitation_create(
            actor=alice, organization=org, email="New@Example.org", role=Role.EDITOR
        )
    assert mail.outbox[-1].to == ["new@example.org"] and token in mail.outbox[-1].body
    assert token not in invitation.token_hash
    newcomer = make_user("new@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        membership = invitation_accept(user=newcomer, token=token)
    assert membership.role == Role.EDITOR
    assert mail.outbox[-1].to == [alice.email]  # the owner hears of it
    assert Event.objects.filter(verb=Verb.ORG_MEMBER_JOINED, actor=newcomer).exists()
    with pytest.raises(ValidationError):
        invitation_accept(user=newcomer, token=token)  # used once


def test_forwarded_invitation_does_not_let_someone_else_in(org, alice, bob):
    _invitation, token = invitation_create(
        actor=alice, organization=org, email="carol@example.org", role=Role.MEMBER
    )
    with pytest.raises(PermissionDenied):
        invitation_accept(user=bob, token=token)
    assert not org.memberships.filter(user=bob).exists()


def test_unconfirmed_address_cannot_accept(org, alice, bob):
    _invitation, token = invitation_create(actor=alice, organization=org, email=bob.email, role=Role.MEMBER)
    EmailAddress.objects.filter(user=bob).update(verified=False)
    with pytest.raises(PermissionDenied):
        invitation_accept(user=bob, token=token)


def test_only_owners_invite_and_revoked_invitations_fail(org, alice, editor, bob):
    with pytest.raises(PermissionDenied):
        invitation_create(actor=editor, organization=org, email="x@example.org", role=Role.MEMBER)
    invitation, token = invitation_create(actor=alice, organization=org, email=bob.email, role=Role.MEMBER)
    invitation_revoke(actor=alice, invitation=invitation)
    with pytest.raises(ValidationError):
        invitation_accept(user=bob, token=token)


def test_inviting_a_member_again_is_refused(org, alice, member):
    with pytest.raises(ValidationError) as error:
        invitation_create(actor=alice, organization=org, email=member.email, role=Role.MEMBER)
    assert "email" in error.value.error_dict


def test_last_owner_cannot_step_down_or_leave_while_others_remain(org, alice, member):
    own = Membership.objects.get(organization=org, user=alice)
    with pytest.raises(ValidationError):
        member_change_role(actor=alice, membership=own, role=Role.MEMBER)
    with pytest.raises(ValidationError):
        member_leave(user=alice, organization=org)
    other = Membership.objects.get(organization=org, user=member)
    member_change_role(actor=alice, membership=other, role=Role.OWNER)
    member_leave(user=alice, organization=org)
    assert not org.memberships.filter(user=alice).exists()
    assert Event.objects.filter(verb=Verb.ORG_MEMBER_LEFT, actor=alice).exists()


def test_owner_removes_a_member_who_is_told(org, alice, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member_remove(actor=alice, membership=Membership.objects.get(user=member))
    assert not org.memberships.filter(user=member).exists()
    assert mail.outbox[-1].to == [member.email]
    assert Event.objects.get(verb=Verb.ORG_MEMBER_REMOVED).old == {"member": member.email}


def test_members_and_editors_cannot_change_roles(org, editor, member):
    with pytest.raises(PermissionDenied):
        member_change_role(actor=editor, membership=Membership.objects.get(user=member), role=Role.OWNER)


def test_a_user_may_belong_to_several_organizations(org, alice, reference):
    from birge.orgs.tests.factories import OrganizationFactory, with_member

    with_member(OrganizationFactory(), alice, Role.MEMBER)
    assert Membership.objects.filter(user=alice).count() == 2
