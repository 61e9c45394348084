"""Announcements and urgent alerts: coordinators only, what is recorded, and who is e-mailed when."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.models import Event
from birge.core.notifications.kinds import Delivery
from birge.core.notifications.models import NoticePreference, Notification
from birge.networks.announcements.models import Announcement
from birge.networks.announcements.services import MAX_BODY, announce
from birge.networks.conftest import organization_in
from birge.networks.events import Verb
from birge.networks.networks.models import Network, Visibility
from birge.networks.networks.services import network_close
from birge.orgs.members.models import Role as OrgRole
from birge.orgs.tests.factories import with_member
from conftest import make_user

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def volunteer(kg_ngo):
    """A plain member of the Kyrgyz organization."""
    person = make_user("volunteer@example.org", display_name="Nurlan")
    with_member(kg_ngo, person, OrgRole.MEMBER)
    return person


@pytest.fixture
def everyone(network, coordinator, reader, kg_owner, tj_owner, volunteer):
    """Every person of every member organization of `network`."""
    return [coordinator, reader, kg_owner, tj_owner, volunteer]


def emailed() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_a_coordinator_announces_and_members_get_it_in_their_digest(
    network, coordinator, everyone, volunteer, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        announcement = announce(
            actor=coordinator, network=network, title="Собрание 5 мая", body="Повестка: **бюджет**."
        )

    assert (announcement.network, announcement.author, announcement.urgent) == (network, coordinator, False)
    notices = Notification.objects.filter(kind="networks.announcement")
    assert {n.recipient for n in notices} == set(everyone)
    assert outsider not in {n.recipient for n in notices}
    assert {n.delivery for n in notices} == {Delivery.DAILY}
    assert mail.outbox == []  # the digest's, not now
    event = Event.objects.get(verb=Verb.ANNOUNCED)
    assert (event.actor, event.target_id, event.new["urgent"]) == (coordinator, str(announcement.pk), False)
    assert not Event.objects.filter(verb=Verb.ALERTED).exists()


def test_an_announcement_e_mails_at_once_only_those_who_chose_so(
    network, coordinator, kg_owner, reader, django_capture_on_commit_callbacks
):
    NoticePreference.objects.create(user=kg_owner, kind="networks.announcement", delivery=Delivery.IMMEDIATE)
    NoticePreference.objects.create(user=reader, kind="networks.announcement", delivery=Delivery.WEEKLY)

    with django_capture_on_commit_callbacks(execute=True):
        announce(actor=coordinator, network=network, title="Собрание", body="В пятницу.")

    assert emailed() == {kg_owner.email}
    assert "Собрание" in mail.outbox[0].subject and "В пятницу." in mail.outbox[0].body


def test_an_urgent_alert_is_e_mailed_at_once_to_every_person_of_every_member_organization(
    network, coordinator, everyone, volunteer, outsider, django_capture_on_commit_callbacks
):
    # The volunteer wants announcements and discussions in the daily digest; a setting stored for alerts
    # (the settings page offers none: the kind is locked) changes nothing either.
    for kind in ("networks.announcement", "networks.discussion", "networks.alert"):
        NoticePreference.objects.create(user=volunteer, kind=kind, delivery=Delivery.DAILY)

    with django_capture_on_commit_callbacks(execute=True):
        alert = announce(
            actor=coordinator,
            network=network,
            title="Задержания на границе",
            body="Нужны юристы в Оше сегодня.",
            urgent=True,
        )

    assert alert.urgent
    assert emailed() == {person.email for person in everyone}
    assert outsider.email not in emailed()
    # Each e-mailed in their own language: Russian, for every one of them.
    assert {m.subject for m in mail.outbox} == {"Birge: Срочно: Задержания на границе"}
    # A public network's alert carries its text; there is no way to unsubscribe from a locked kind.
    assert all("Нужны юристы в Оше сегодня." in m.body for m in mail.outbox)
    notices = Notification.objects.filter(kind="networks.alert")
    assert {n.recipient for n in notices} == set(everyone) and {n.delivery for n in notices} == {
        Delivery.IMMEDIATE
    }
    event = Event.objects.get(verb=Verb.ALERTED)
    assert (event.actor, event.target_id) == (coordinator, str(alert.pk))
    assert not Event.objects.filter(verb=Verb.ANNOUNCED).exists()


def test_an_alert_of_a_members_only_network_keeps_its_text_on_the_platform(
    network, coordinator, kg_owner, django_capture_on_commit_callbacks
):
    Network.objects.filter(pk=network.pk).update(visibility=Visibility.MEMBERS_ONLY)
    network.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        alert = announce(
            actor=coordinator, network=network, title="Срочно", body="Адрес убежища: ...", urgent=True
        )

    assert kg_owner.email in emailed()
    message = next(m for m in mail.outbox if m.to == [kg_owner.email])
    assert "Адрес убежища" not in message.body
    assert f"/networks/{network.slug}/announcements/{alert.pk}/" in message.body


def test_an_alert_of_a_secret_network_reaches_its_members_only(
    secret_network, kg_owner, coordinator, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        announce(actor=kg_owner, network=secret_network, title="Срочно", body="Текст", urgent=True)
    assert emailed() == {kg_owner.email}


def test_only_coordinators_announce_and_nothing_is_written_otherwise(
    network, kg_owner, tj_owner, reader, outsider, django_capture_on_commit_callbacks
):
    # A member's owner, a committee member's owner, a plain member of the coordinating organization, an
    # outsider: none of them coordinates.
    for who in (kg_owner, tj_owner, reader, outsider):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
            announce(actor=who, network=network, title="Срочно", body="Текст", urgent=True)
    assert not Announcement.objects.exists() and not Notification.objects.exists() and mail.outbox == []
    assert not Event.objects.filter(verb__in=[Verb.ANNOUNCED, Verb.ALERTED]).exists()


def test_an_editor_of_the_coordinating_organization_announces_too(network, kz_ngo):
    editor = make_user("editor@example.org")
    with_member(kz_ngo, editor, OrgRole.EDITOR)
    assert announce(actor=editor, network=network, title="Новость", body="Текст").author == editor


def test_a_title_and_a_text_are_needed_within_limits(network, coordinator):
    with pytest.raises(ValidationError) as caught:
        announce(actor=coordinator, network=network, title="", body=" ")
    assert caught.value.message_dict == {
        "title": ["Give the announcement a title."],
        "body": ["Write the announcement."],
    }
    with pytest.raises(ValidationError) as caught:
        announce(actor=coordinator, network=network, title="Т", body="я" * (MAX_BODY + 1))
    assert caught.value.message_dict["body"] == [
        f"The text is {MAX_BODY + 1} characters long; keep it under {MAX_BODY}."
    ]
    with pytest.raises(ValidationError):
        announce(actor=coordinator, network=network, title="Два\nряда", body="Текст")
    assert not Announcement.objects.exists() and not Notification.objects.exists()


def test_a_closed_network_takes_no_announcement(network, coordinator):
    network_close(actor=coordinator, network=network)
    with pytest.raises(ValidationError):
        announce(actor=coordinator, network=network, title="Поздно", body="Текст", urgent=True)
    assert not Announcement.objects.exists()


def test_people_of_an_organization_that_joins_later_get_the_next_alert(
    network, coordinator, outsider, outsider_ngo, django_capture_on_commit_callbacks
):
    from birge.networks.conftest import add_member

    add_member(network, outsider_ngo)
    newcomer = make_user("new@example.org")
    organization_in("KG", newcomer)  # another organization, outside the network: not why they are told
    with_member(outsider_ngo, newcomer, OrgRole.MEMBER)

    with django_capture_on_commit_callbacks(execute=True):
        announce(actor=coordinator, network=network, title="Срочно", body="Текст", urgent=True)

    assert {outsider.email, newcomer.email} <= emailed()
