"""Appointing and removing hub administrators: only a site administrator (or the operator's console) does
it, it is audited, and the person appointed hears of it in their language."""

import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from birge.core.models import Country, Event
from birge.orgs.events import Verb
from birge.orgs.hubs.models import HubAdministrator
from birge.orgs.hubs.services import hub_admin_assign, hub_admin_remove
from birge.orgs.permissions import hub_country_ids, is_hub_admin
from conftest import make_user


@pytest.fixture
def tajikistan(reference):
    return Country.objects.get(code="TJ")


def test_a_site_administrator_appoints_and_it_is_audited_and_mailed(
    site_admin, tajikistan, django_capture_on_commit_callbacks
):
    nigora = make_user("nigora@example.tj", display_name="Нигора", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        appointment = hub_admin_assign(actor=site_admin, user=nigora, country=tajikistan)
    assert HubAdministrator.objects.get() == appointment
    assert (appointment.user, appointment.country) == (nigora, tajikistan)
    assert appointment.appointed_by == site_admin
    assert hub_country_ids(nigora) == {tajikistan.pk} and is_hub_admin(nigora)
    event = Event.objects.get(verb=Verb.HUB_ADMIN_ASSIGNED)
    assert (event.actor, event.target_id, event.new) == (site_admin, str(nigora.pk), {"country": "TJ"})
    [message] = mail.outbox
    assert message.to == [nigora.email]
    assert "the organizations of Tajikistan" in message.body  # her language, not the appointer's
    assert "/en/orgs/hub/verification/" in message.body


def test_nobody_else_appoints_or_removes_and_nothing_is_written(
    org, alice, hub_kz, tajikistan, django_capture_on_commit_callbacks
):
    for actor in (alice, hub_kz):
        with pytest.raises(PermissionDenied), django_capture_on_commit_callbacks(execute=True):
            hub_admin_assign(actor=actor, user=alice, country=tajikistan)
        with pytest.raises(PermissionDenied):
            hub_admin_remove(actor=actor, user=hub_kz, country=Country.objects.get(code="KZ"))
    assert list(HubAdministrator.objects.values_list("user", flat=True)) == [hub_kz.pk]
    assert not Event.objects.filter(verb__in=[Verb.HUB_ADMIN_ASSIGNED, Verb.HUB_ADMIN_REMOVED]).exists()
    assert not mail.outbox


def test_appointing_twice_is_a_clear_error(site_admin, bob, tajikistan):
    hub_admin_assign(actor=site_admin, user=bob, country=tajikistan)
    with translation.override("en"), pytest.raises(ValidationError, match="Bob is already hub admin"):
        hub_admin_assign(actor=site_admin, user=bob, country=tajikistan)
    assert HubAdministrator.objects.count() == 1
    assert Event.objects.filter(verb=Verb.HUB_ADMIN_ASSIGNED).count() == 1


def test_only_the_platforms_countries_have_hubs(site_admin, bob, reference):
    with pytest.raises(ValidationError):
        hub_admin_assign(actor=site_admin, user=bob, country=Country.objects.filter(is_home=False).first())
    assert not HubAdministrator.objects.exists()


def test_removing_ends_the_appointment_and_is_audited(site_admin, bob, tajikistan):
    hub_admin_assign(actor=site_admin, user=bob, country=tajikistan)
    hub_admin_remove(actor=site_admin, user=bob, country=tajikistan)
    assert not HubAdministrator.objects.exists() and not is_hub_admin(bob)
    event = Event.objects.get(verb=Verb.HUB_ADMIN_REMOVED)
    assert (event.actor, event.old) == (site_admin, {"country": "TJ"})
    with translation.override("en"), pytest.raises(ValidationError, match="Bob is not hub admin"):
        hub_admin_remove(actor=site_admin, user=bob, country=tajikistan)


def test_the_operator_appoints_from_the_command_line(reference, alice):
    call_command("hub_admin", "ALICE@example.org", "kg", stdout=io.StringIO())
    assert list(alice.hub_appointments.values_list("country__code", flat=True)) == ["KG"]
    event = Event.objects.get(verb=Verb.HUB_ADMIN_ASSIGNED)
    assert event.actor is None and event.new == {"country": "KG"}
    assert HubAdministrator.objects.get().appointed_by is None
    with translation.override("en"), pytest.raises(CommandError, match="already hub administrator"):
        call_command("hub_admin", "alice@example.org", "KG", stdout=io.StringIO())
    call_command("hub_admin", "alice@example.org", "KG", remove=True, stdout=io.StringIO())
    assert not alice.hub_appointments.exists()
    with pytest.raises(CommandError, match="not one of the platform's countries"):
        call_command("hub_admin", "alice@example.org", "RU", stdout=io.StringIO())
    with pytest.raises(CommandError, match="No account"):
        call_command("hub_admin", "nobody@example.org", "KG", stdout=io.StringIO())


def test_deleting_an_account_ends_its_appointments_and_keeps_those_it_made(site_admin, bob, tajikistan):
    HubAdministrator.objects.create(user=bob, country=tajikistan, appointed_by=site_admin)
    site_admin.delete()
    assert HubAdministrator.objects.get().appointed_by is None
    bob.delete()
    assert not HubAdministrator.objects.exists()
