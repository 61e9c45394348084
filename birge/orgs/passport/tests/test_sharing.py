"""Sharing a passport with a funder, revoking it, who may read it, and the log of the funder's reads."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from birge.core.models import Event
from birge.orgs.events import Verb
from birge.orgs.members.models import Role
from birge.orgs.partners.models import Partnership
from birge.orgs.passport import services
from birge.orgs.passport.models import PassportRead, PassportShare
from birge.orgs.passport.permissions import can_read_passport, can_share_passport
from birge.orgs.passport.tests.helpers import join, make_org, share
from birge.orgs.profiles.models import Kind, Organization, Visibility
from conftest import make_user

# The e-mail to a funder links to the passport page. Until `birge.orgs.urls` is mounted by `birge.urls`:


# Sharing and reading --------------------------------------------------------------------------------------


def test_only_the_owner_may_share(owner, editor, member, org, funder):
    assert can_share_passport(owner, org) and not can_share_passport(editor, org)
    for actor in (editor, member):
        with pytest.raises(PermissionDenied):
            share(actor, org, funder)
    assert not PassportShare.objects.exists()


@pytest.mark.parametrize(
    ("funder_slug", "days", "field"),
    [
        ("argo", 30, "funder"),
        ("draft-fund", 30, "funder"),
        ("steppe-fund", -1, "expires_on"),
        ("steppe-fund", 367, "expires_on"),
    ],
)
def test_share_is_refused_for_self_unpublished_past_or_beyond_a_year(
    owner, org, funder, funder_slug, days, field
):
    make_org("draft-fund", kind=Kind.DONOR, published=False)
    target = Organization.objects.get(slug=funder_slug)
    with pytest.raises(ValidationError) as error:
        share(owner, org, target, days=days)
    assert list(error.value.message_dict) == [field]
    assert not PassportShare.objects.exists() and not Event.objects.exists()


def test_sharing_emails_the_funders_owners_once_committed(
    owner, org, funder, funder_owner, funder_member, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = share(owner, org, funder)
    assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert [message.to for message in mailoutbox] == [["frank@example.org"]]
    message = mailoutbox[0]
    assert "Argo" in message.subject and "/en/orgs/argo/passport/" in message.body
    assert "Steppe Fund" in message.body
    event = Event.objects.get(verb=Verb.PASSPORT_SHARED)
    assert event.new["funder"] == "steppe-fund" and event.new["share"] == created.pk


def test_a_rolled_back_share_sends_no_email(owner, org, funder, funder_owner, monkeypatch, mailoutbox):
    def broken(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("birge.orgs.passport.services.record_event", broken)
    with pytest.raises(RuntimeError):
        share(owner, org, funder)
    assert mailoutbox == [] and not PassportShare.objects.exists()


def test_sharing_again_moves_the_date_of_the_active_share(owner, org, funder):
    first = share(owner, org, funder, days=10)
    again = share(owner, org, funder, days=100)
    assert again.pk == first.pk and PassportShare.objects.count() == 1
    assert Event.objects.filter(verb=Verb.PASSPORT_SHARED).latest("id").old["expires_at"]


def test_funder_member_reads_while_the_share_is_active(owner, org, funder, funder_member, outsider):
    assert not can_read_passport(funder_member, org)
    share(owner, org, funder)
    assert can_read_passport(funder_member, org)
    assert not can_read_passport(outsider, org)


def test_funder_cannot_read_after_share_expires(owner, org, funder, funder_member):
    created = share(owner, org, funder)
    PassportShare.objects.filter(pk=created.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert not can_read_passport(funder_member, org)
    with pytest.raises(PermissionDenied):
        services.passport_open(reader=funder_member, organization=org)
    assert not PassportRead.objects.exists()


def test_funder_cannot_read_after_revoke(owner, editor, org, funder, funder_member):
    created = share(owner, org, funder)
    with pytest.raises(PermissionDenied):
        services.passport_share_revoke(actor=editor, share=created)
    services.passport_share_revoke(actor=owner, share=created)
    assert not can_read_passport(funder_member, org)
    event = Event.objects.get(verb=Verb.PASSPORT_SHARE_REVOKED)
    assert (event.actor, event.new["funder"]) == (owner, "steppe-fund")


def test_each_funder_read_is_logged_with_an_audit_entry(owner, org, funder, funder_member, member):
    created = share(owner, org, funder)
    services.passport_open(reader=funder_member, organization=org)
    services.passport_open(reader=member, organization=org)  # a member's read is not a funder's
    assert list(PassportRead.objects.values_list("share", "reader", "what")) == [
        (created.pk, funder_member.pk, "passport")
    ]
    event = Event.objects.get(verb=Verb.PASSPORT_READ)
    assert (event.actor, event.new["what"], event.new["funder"]) == (funder_member, "passport", "steppe-fund")


def test_a_read_cannot_be_recorded_on_a_revoked_share(owner, org, funder, funder_member):
    created = services.passport_share_revoke(actor=owner, share=share(owner, org, funder))
    with pytest.raises(PermissionDenied):
        services.passport_record_read(reader=funder_member, share=created, what="passport")


@pytest.mark.parametrize(
    ("visibility", "anonymous", "signed_in", "partner"),
    [
        (Visibility.PUBLIC, True, True, True),
        (Visibility.SIGNED_IN, False, True, True),
        (Visibility.PARTNERS, False, False, True),
        (Visibility.MEMBERS, False, False, False),
    ],
)
def test_visibility_decides_who_else_reads(org, outsider, visibility, anonymous, signed_in, partner):
    Organization.objects.filter(pk=org.pk).update(passport_visibility=visibility)
    org.refresh_from_db()
    partner_org = make_org("partner")
    Partnership.objects.create(organization=org, partner=partner_org)
    partner_user = join(make_user("pat@example.org"), partner_org)
    assert can_read_passport(AnonymousUser(), org) is anonymous
    assert can_read_passport(outsider, org) is signed_in
    assert can_read_passport(partner_user, org) is partner


def test_a_draft_organization_shows_its_passport_only_to_members(member, outsider):
    draft = make_org("draft", published=False, passport_visibility=Visibility.PUBLIC)
    join(member, draft)
    assert can_read_passport(member, draft) and not can_read_passport(outsider, draft)


def test_a_member_of_both_reads_as_a_member_and_is_not_logged(owner, org, funder, funder_owner):
    join(funder_owner, org, Role.MEMBER)
    share(owner, org, funder)
    assert services.passport_open(reader=funder_owner, organization=org).share is None
    assert not PassportRead.objects.exists()


def test_a_member_of_another_funder_cannot_read(owner, org, funder):
    share(owner, org, funder)
    other = join(make_user("olga@example.org"), make_org("other-fund", kind=Kind.DONOR))
    assert not can_read_passport(other, org)
