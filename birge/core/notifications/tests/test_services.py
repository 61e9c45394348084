"""notify(): who is told (only people who may see the subject, by the pages' own rules), in which language,
how (at once with a way to stop it, in a digest, only in the inbox), and never of a change that rolled back
or to an address that bounces. Then reading, choices, unsubscribing and bounces as services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from birge.core.events import Verb
from birge.core.models import Country, Event
from birge.core.notifications import services
from birge.core.notifications.kinds import NOTICE_KINDS, Delivery
from birge.core.notifications.models import FailingAddress, NoticePreference, Notification
from birge.core.notifications.services import Address, notify
from birge.core.notifications.unsubscribe import read_token
from birge.orgs.claims.models import Claim
from birge.orgs.hubs.models import HubAdministrator
from birge.orgs.members.models import Role
from birge.orgs.partners.models import Partnership
from birge.orgs.passport.services import passport_share, passport_share_revoke
from birge.orgs.profiles.models import Kind, Visibility
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user

PASSPORT_SUBJECT = "{name} shared its due-diligence passport with you"


def recipients_of(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def mailed() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


# The people of birge/orgs/conftest.py, whose fixtures pytest gives only to tests under birge/orgs (importing
# them here would shadow them): an organization owned by alice, a member, a partner's member, and the hub
# admins of Kazakhstan and Tajikistan.


@pytest.fixture
def org(reference, alice):
    """A published Kazakh CSO owned by alice."""
    return with_member(OrganizationFactory(name="Арго", name_ru="Арго", name_en="Argo"), alice, Role.OWNER)


@pytest.fixture
def member(org):
    return with_member_user(org, "member@example.org", "Madina", Role.MEMBER)


@pytest.fixture
def partner(org):
    """A member of an organization that `org` lists as its partner."""
    user = make_user("partner@example.org", display_name="Parviz")
    Partnership.objects.create(
        organization=org, partner=with_member(OrganizationFactory(name="Партнёр"), user)
    )
    return user


@pytest.fixture
def hub_kz(reference):
    return hub_admin("hub.kz@example.org", "KZ")


@pytest.fixture
def hub_tj(reference):
    return hub_admin("hub.tj@example.org", "TJ")


def with_member_user(organization, email: str, name: str, role: str, language: str = "ru"):
    user = make_user(email, display_name=name, language=language)
    with_member(organization, user, role)
    return user


def hub_admin(email: str, country: str, language: str = "ru"):
    user = make_user(email, display_name=email.split("@")[0], language=language)
    HubAdministrator.objects.create(user=user, country=Country.objects.get(code=country))
    return user


@pytest.fixture
def ministry(reference):
    """A listed government body of Kazakhstan nobody manages."""
    return OrganizationFactory(kind="government", legal_form="ministry", name="Министерство информации")


@pytest.fixture
def claim(ministry, bob):
    return Claim.objects.create(
        organization=ministry, claimant=bob, position="Пресс-секретарь", evidence="№ 12"
    )


@pytest.fixture
def funder(reference):
    return OrganizationFactory(
        kind=Kind.DONOR, name="Фонд Степь", name_ru="Фонд Степь", name_en="Steppe Fund"
    )


@pytest.fixture
def funder_owner(funder):
    return with_member_user(funder, "frank@example.org", "Frank", Role.OWNER, language="en")


def tell_about_claim(people, claim, kind="orgs.claim_submitted"):
    return notify(
        people,
        kind=kind,
        about=claim,
        subject=format_lazy(gettext_lazy("a request to manage {name}"), name=claim.organization),
        template="orgs/claims/email/claim_submitted.txt",
        context={"organization": claim.organization, "claim": claim},
        link=("orgs:hub_claims", ()),
    )


def tell_passport_shared(people, organization, funder):
    return notify(
        people,
        kind="orgs.passport_shared",
        about=organization,
        subject=format_lazy(gettext_lazy(PASSPORT_SUBJECT), name=organization),
        template="orgs/passport/email/passport_shared.txt",
        context={"organization": organization, "funder": funder, "expires_on": timezone.localdate()},
        link=("orgs:passport", (organization.slug,)),
    )


def tell_member_joined(people, organization, newcomer):
    return notify(
        people,
        kind="orgs.member_joined",
        about=organization,
        subject=gettext_lazy("a new member joined"),
        template="orgs/members/email/member_joined.txt",
        context={"organization": organization, "member": newcomer},
        link=("orgs:members", (organization.slug,)),
    )


def tell_removed(people, organization):
    return notify(
        people,
        kind="orgs.member_removed",
        subject=format_lazy(gettext_lazy("you were removed from {name}"), name=organization),
        template="orgs/members/email/member_removed.txt",
        context={"organization": organization},
        link=("orgs:profile", (organization.slug,)),
    )


def prefer(user, kind: str, delivery: str) -> None:
    NoticePreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


# Only people who may see the subject ------------------------------------------------------------------------


def test_a_claim_reaches_the_hub_admin_of_its_country_only(
    claim, alice, bob, hub_kz, hub_tj, org, member, django_capture_on_commit_callbacks
):
    # Everyone near it, none of whom may decide it but the hub of Kazakhstan: the other country's hub, the
    # claimant himself, the owner and a member of another organization.
    with django_capture_on_commit_callbacks(execute=True):
        rows = tell_about_claim([hub_kz, hub_tj, bob, alice, member], claim)
    assert [row.recipient for row in rows] == [hub_kz]
    assert recipients_of("orgs.claim_submitted") == {hub_kz.email}
    assert mailed() == {hub_kz.email}


def test_a_claims_decision_reaches_its_claimant_only(
    claim, alice, bob, hub_kz, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tell_about_claim([hub_kz, alice, bob], claim, kind="orgs.claim_decided")
    assert recipients_of("orgs.claim_decided") == {bob.email}
    assert mailed() == {bob.email}


def test_submitting_a_claim_tells_the_hub_of_its_country_and_nobody_else(
    ministry, bob, hub_kz, hub_tj, site_admin, django_capture_on_commit_callbacks
):
    from birge.orgs.claims.services import claim_submit

    with django_capture_on_commit_callbacks(execute=True):
        claim_submit(
            actor=bob, organization=ministry, kind=Claim.Kind.CLAIM, position="Секретарь", evidence="Приказ"
        )
    assert recipients_of("orgs.claim_submitted") == {hub_kz.email}
    assert mailed() == {hub_kz.email}


@pytest.mark.parametrize(
    ("visibility", "published", "told"),
    [
        (Visibility.MEMBERS, True, {"alice", "member"}),
        (Visibility.PARTNERS, True, {"alice", "member", "partner"}),
        (Visibility.SIGNED_IN, True, {"alice", "member", "partner", "bob", "hub", "frank"}),
        # A draft's passport is for its members, whatever the setting says.
        (Visibility.SIGNED_IN, False, {"alice", "member"}),
        (Visibility.PUBLIC, False, {"alice", "member"}),
    ],
)
def test_a_passport_notice_reaches_only_people_who_can_read_the_passport(
    org, alice, member, partner, bob, hub_kz, funder, funder_owner, visibility, published, told
):
    org.passport_visibility = visibility
    org.published_at = timezone.now() if published else None
    org.save(update_fields=["passport_visibility", "published_at"])
    names = {"alice": alice, "member": member, "partner": partner, "bob": bob, "hub": hub_kz}
    names["frank"] = funder_owner
    tell_passport_shared(list(names.values()), org, funder)
    assert recipients_of("orgs.passport_shared") == {names[name].email for name in told}


def test_a_share_opens_the_passport_to_the_funder_and_its_revocation_closes_it(
    org, alice, bob, funder, funder_owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        share = passport_share(
            actor=alice, organization=org, funder=funder, expires_at=timezone.now() + timedelta(days=30)
        )
    # The service tells the funder's owners; they can read the passport now.
    assert recipients_of("orgs.passport_shared") == {funder_owner.email}
    assert mailed() == {funder_owner.email}
    passport_share_revoke(actor=alice, share=share)
    Notification.objects.all().delete()
    tell_passport_shared([funder_owner, bob], org, funder)
    assert not Notification.objects.exists()


def test_an_expired_share_tells_nobody(org, alice, funder, funder_owner):
    share = passport_share(
        actor=alice, organization=org, funder=funder, expires_at=timezone.now() + timedelta(days=30)
    )
    share.expires_at = timezone.now() - timedelta(minutes=1)
    share.save(update_fields=["expires_at"])
    Notification.objects.all().delete()
    tell_passport_shared([funder_owner], org, funder)
    assert not Notification.objects.exists()


def test_a_new_member_notice_reaches_members_only(
    org, alice, member, partner, bob, hub_kz, site_admin, django_capture_on_commit_callbacks
):
    newcomer = make_user("newcomer@example.org", display_name="Nurlan")
    with django_capture_on_commit_callbacks(execute=True):
        tell_member_joined([alice, member, partner, bob, hub_kz, site_admin], org, newcomer)
    assert recipients_of("orgs.member_joined") == {alice.email, member.email}
    assert mailed() == {alice.email, member.email}


def test_a_suspended_verification_reaches_the_hub_admins_of_the_country_only(
    org, alice, hub_kz, hub_tj, site_admin
):
    notify(
        [alice, hub_kz, hub_tj, site_admin],
        kind="orgs.verification_suspended",
        about=org,
        subject=gettext_lazy("a verified organization changed its name or registration"),
        template="orgs/verification/email/verification_suspended.txt",
        context={"organization": org},
        link=("orgs:verify", (org.slug,)),
    )
    # The site administrator decides for every hub, as the hub pages let them.
    assert recipients_of("orgs.verification_suspended") == {hub_kz.email, site_admin.email}


def test_a_kind_about_nothing_cannot_carry_a_subject(org, alice):
    # Without a `may_see` rule a kind is about nothing: given a subject, it tells nobody.
    rows = notify(
        [alice],
        kind="orgs.member_removed",
        about=org,
        subject="x",
        template="orgs/members/email/member_removed.txt",
        context={"organization": org},
    )
    assert rows == [] and not Notification.objects.exists()


def test_inactive_people_and_repeated_recipients_are_told_once_or_not_at_all(org, alice, member):
    member.is_active = False
    member.save(update_fields=["is_active"])
    tell_member_joined([alice, alice, member], org, member)
    assert list(Notification.objects.values_list("recipient__email", flat=True)) == [alice.email]


def test_an_address_is_never_told_about_a_subject_it_may_not_see(claim, django_capture_on_commit_callbacks):
    """An address without an account sees what an anonymous visitor sees: not a claim, which only the hub
    may read. (The invitation, about nothing in particular, is what addresses are for.)"""
    with django_capture_on_commit_callbacks(execute=True):
        tell_about_claim([Address("stranger@example.org", "en")], claim)
    assert mail.outbox == []


def test_an_unknown_kind_is_refused(alice):
    with pytest.raises(ValueError, match="orgs.nothing"):
        notify(
            [alice],
            kind="orgs.nothing",
            subject="x",
            template="core/announcements/email/announcement.txt",
            context={},
        )


# Language ---------------------------------------------------------------------------------------------------


def test_title_text_and_link_are_in_each_recipients_language(
    org, alice, funder, django_capture_on_commit_callbacks
):
    english = with_member_user(org, "emma@example.org", "Emma", Role.MEMBER, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        tell_passport_shared([alice, english], org, funder)

    russian = Notification.objects.get(recipient=alice)
    assert russian.title == "Арго: вам открыт доступ к паспорту благонадёжности"
    assert "Организация Арго открыла доступ" in russian.body and "Фонд Степь" in russian.body
    assert russian.url == f"/ru/orgs/{org.slug}/passport/"
    translated = Notification.objects.get(recipient=english)
    assert translated.title == "Argo shared its due-diligence passport with you"
    assert "Argo shared its due-diligence passport with Steppe Fund" in translated.body
    assert translated.url == f"/en/orgs/{org.slug}/passport/"
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address[alice.email].subject == "Birge: Арго: вам открыт доступ к паспорту благонадёжности"
    assert by_address[english.email].subject == "Birge: Argo shared its due-diligence passport with you"
    assert f"/en/orgs/{org.slug}/passport/" in by_address[english.email].body


def test_a_claim_is_announced_to_each_hub_admin_with_the_name_in_their_language(
    org, bob, hub_kz, django_capture_on_commit_callbacks
):
    """Through the directory's own service, asked from an English page: the Russian-speaking hub admin
    reads the organization's Russian name, the English-speaking one its English name."""
    from django.utils import translation

    from birge.orgs.claims.services import claim_submit

    english_hub = hub_admin("hub.en@example.org", "KZ", language="en")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        claim_submit(
            actor=bob, organization=org, kind=Claim.Kind.RECOVERY, position="Director", evidence="Order"
        )
    titles = dict(Notification.objects.values_list("recipient__email", "title"))
    assert titles == {
        hub_kz.email: "заявка на управление профилем Арго",
        english_hub.email: "a request to manage Argo",
    }


def test_an_emails_text_names_the_site(org, django_capture_on_commit_callbacks):
    """The directory's texts say "… on {{ site_name }}": notify gives every template the site's name."""
    english = make_user("emma@example.org", display_name="Emma", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        tell_removed([english], org)
    assert Notification.objects.get().body.startswith("You are no longer a member of Argo on Birge.")
    assert mail.outbox[0].body.startswith("You are no longer a member of Argo on Birge.")


# How it arrives ---------------------------------------------------------------------------------------------


def test_an_immediate_kind_is_emailed_with_a_one_click_unsubscribe(
    org, alice, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tell_member_joined([alice], org, member)
    [message] = mail.outbox
    assert message.to == [alice.email]
    link = message.extra_headers["List-Unsubscribe"]
    assert link.startswith("<http://127.0.0.1:8000/ru/notifications/unsubscribe/") and link.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    token = link.removesuffix("/>").rsplit("/", 1)[1]
    assert read_token(token) == (alice.pk, "orgs.member_joined")
    # The same link in the text, for mail programs without an unsubscribe button.
    assert link.strip("<>") in message.body
    notice = Notification.objects.get()
    assert notice.delivery == Delivery.IMMEDIATE and notice.emailed_at is not None


def test_a_locked_kind_ignores_the_preference_and_offers_no_unsubscribe(
    org, alice, django_capture_on_commit_callbacks
):
    prefer(alice, "orgs.member_removed", Delivery.INBOX)
    with django_capture_on_commit_callbacks(execute=True):
        tell_removed([alice], org)
    [message] = mail.outbox
    assert message.to == [alice.email]
    assert "List-Unsubscribe" not in message.extra_headers
    assert "List-Unsubscribe-Post" not in message.extra_headers
    assert "/notifications/unsubscribe/" not in message.body
    assert "/ru/notifications/settings/" in message.body
    assert Notification.objects.get().delivery == Delivery.IMMEDIATE


@pytest.mark.parametrize("delivery", [Delivery.DAILY, Delivery.WEEKLY, Delivery.INBOX])
def test_a_digest_or_inbox_preference_sends_nothing_at_once(
    org, alice, member, delivery, django_capture_on_commit_callbacks
):
    prefer(alice, "orgs.member_joined", delivery)
    with django_capture_on_commit_callbacks(execute=True):
        tell_member_joined([alice, member], org, member)
    assert mailed() == {member.email}
    notice = Notification.objects.get(recipient=alice)
    assert notice.delivery == delivery
    # A digest picks those not e-mailed yet; one only for the inbox never goes out.
    assert (notice.emailed_at is None) == (delivery in (Delivery.DAILY, Delivery.WEEKLY))


def test_an_address_is_emailed_without_an_inbox_row_or_unsubscribe(
    org, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rows = notify(
            [Address("new.person@example.org", "en")],
            kind="orgs.invitation",
            subject=format_lazy(gettext_lazy("an invitation to join {name}"), name=org),
            template="orgs/members/email/invitation.txt",
            context={"organization": org, "inviter": alice, "days": 14},
            link=("orgs:invitation_accept", ("t0ken",)),
        )
    assert rows == [] and not Notification.objects.exists()
    [message] = mail.outbox
    assert message.to == ["new.person@example.org"]
    assert message.subject == "Birge: an invitation to join Argo"
    assert "/en/orgs/invitations/t0ken/" in message.body
    assert "List-Unsubscribe" not in message.extra_headers


def test_nothing_is_written_or_sent_when_the_change_rolls_back(
    org, alice, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        tell_member_joined([alice, member], org, member)
        raise RuntimeError("the change failed")
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_nothing_leaves_before_the_commit(org, alice, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tell_member_joined([alice], org, member)
    assert mail.outbox == [] and callbacks
    for callback in callbacks:
        callback()
    assert mailed() == {alice.email}


def test_a_failing_address_gets_no_email_but_still_the_inbox_row(
    org, alice, member, django_capture_on_commit_callbacks
):
    services.address_failing(email="ALICE@Example.org ", reason="550 mailbox unavailable")
    with django_capture_on_commit_callbacks(execute=True):
        tell_member_joined([alice, member], org, member)
        notify(
            [Address("alice@example.org", "ru")],
            kind="orgs.invitation",
            subject="x",
            template="orgs/members/email/invitation.txt",
            context={"organization": org, "inviter": member, "days": 14},
        )
    assert mailed() == {member.email}
    assert Notification.objects.filter(recipient=alice).exists()
    event = Event.objects.get(verb=Verb.EMAIL_BOUNCED)
    assert event.new == {"reason": "550 mailbox unavailable"} and "alice" not in str(event.new)


# Reading, choices, unsubscribing, bounces -------------------------------------------------------------------


def test_opening_marks_only_ones_own_notification_read(org, alice, member, bob):
    tell_member_joined([alice, member], org, bob)
    mine = Notification.objects.get(recipient=alice)
    theirs = Notification.objects.get(recipient=member)
    with pytest.raises(PermissionDenied):
        services.notification_open(user=alice, notification_id=theirs.pk)
    assert services.notification_open(user=alice, notification_id=mine.pk) == mine
    mine.refresh_from_db(), theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
    assert services.notifications_read_all(user=member) == 1
    assert services.notifications_read_all(user=member) == 0


def test_choices_are_saved_with_an_audit_event_and_refused_for_locked_or_unknown(alice, bob):
    with pytest.raises(PermissionDenied):
        services.notice_preferences_set(actor=bob, user=alice, choices={"core.announcement": "weekly"})
    for choices in (
        {"orgs.member_removed": Delivery.INBOX},
        {"core.announcement": "sometimes"},
        {"orgs.nothing": Delivery.DAILY},
    ):
        with pytest.raises(ValidationError):
            services.notice_preferences_set(actor=alice, user=alice, choices=choices)
    assert not NoticePreference.objects.exists() and not Event.objects.exists()

    changed = services.notice_preferences_set(
        actor=alice,
        user=alice,
        choices={"core.announcement": Delivery.WEEKLY, "orgs.member_joined": "immediate"},
    )
    assert changed == {"core.announcement": Delivery.WEEKLY}
    assert services.deliveries_of(alice)["core.announcement"] == Delivery.WEEKLY
    event = Event.objects.get(verb=Verb.NOTICE_SETTINGS_CHANGED)
    assert (event.actor, event.old, event.new) == (
        alice,
        {"core.announcement": "daily"},
        {"core.announcement": "weekly"},
    )
    assert (
        services.notice_preferences_set(actor=alice, user=alice, choices={"core.announcement": "weekly"})
        == {}
    )
    assert Event.objects.filter(verb=Verb.NOTICE_SETTINGS_CHANGED).count() == 1


def test_a_digests_unsubscribe_turns_every_kind_it_carries_to_the_inbox(alice):
    prefer(alice, "orgs.member_joined", Delivery.WEEKLY)
    prefer(alice, "orgs.passport_shared", Delivery.DAILY)
    # Every kind that comes in the daily digest by default (core's announcements among them, and those of
    # whichever apps are installed), and the one alice chose to get daily.
    daily = {key for key, kind in NOTICE_KINDS.items() if kind.default == Delivery.DAILY and not kind.locked}
    assert "core.announcement" in daily
    changed = services.notice_unsubscribe(user=alice, kind="digest:daily")
    assert set(changed) == daily | {"orgs.passport_shared"}
    now = services.deliveries_of(alice)
    assert now["core.announcement"] == now["orgs.passport_shared"] == Delivery.INBOX
    assert now["orgs.member_joined"] == Delivery.WEEKLY
    assert now["orgs.member_removed"] == Delivery.IMMEDIATE
    assert Event.objects.get(verb=Verb.NOTICE_UNSUBSCRIBED).new == dict.fromkeys(
        daily | {"orgs.passport_shared"}, "inbox"
    )
    assert services.notice_unsubscribe(user=alice, kind="digest:daily") == []
    with pytest.raises(ValidationError):
        services.notice_unsubscribe(user=alice, kind="orgs.member_removed")


def test_only_the_owner_of_an_address_says_it_works_again(alice, bob):
    services.address_failing(email="alice@example.org", reason="550")
    with pytest.raises(PermissionDenied):
        services.address_works_again(actor=bob, email="alice@example.org")
    assert FailingAddress.objects.exists()
    assert services.address_works_again(actor=alice, email="Alice@example.org") is True
    assert not FailingAddress.objects.exists()
    assert Event.objects.filter(verb=Verb.EMAIL_RESUMED, actor=alice).count() == 1
    assert services.address_works_again(actor=alice, email="alice@example.org") is False
