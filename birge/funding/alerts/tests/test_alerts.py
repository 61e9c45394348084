"""E-mail alerts of new calls: saving the list's search, the page of one's alerts, deleting one, and who is
told when a call is announced: the owners of matching alerts, once; never about a draft."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from birge.core.audit import Event
from birge.core.notifications.models import Notification
from birge.core.testing import assert_same_queries, counted_get
from birge.funding.alerts.models import CallAlert
from birge.funding.alerts.services import MAX_ALERTS, alert_save, alerts_for_new_call
from birge.funding.calls.models import Status
from birge.funding.calls.reads import CallFilters
from birge.funding.calls.services import RESERVED_SLUGS, call_publish
from birge.funding.events import Verb
from birge.funding.programs.models import Mechanism
from conftest import make_user

KIND = "funding.call_alert"
LIST = "/ru/calls/"
ALERTS = "/ru/calls/alerts/"
NEW = "/ru/calls/alerts/new/"


def told(call) -> list[str]:
    return sorted(
        Notification.objects.filter(kind=KIND, about_id=str(call.pk)).values_list(
            "recipient__email", flat=True
        )
    )


# Saving -----------------------------------------------------------------------------------------------------


def test_a_signed_in_person_saves_the_lists_search_as_an_alert(client, reference, alice):
    client.force_login(alice)
    page = client.get(LIST, {"country": "KZ", "mechanism": Mechanism.STATE_GRANT}).content.decode()
    assert 'action="/ru/calls/alerts/new/"' in page and 'name="country" value="KZ"' in page

    response = client.post(NEW, {"country": "KZ", "mechanism": Mechanism.STATE_GRANT, "amount": "1e6"})

    assert response.status_code == 302 and response["Location"] == ALERTS
    alert = CallAlert.objects.get(user=alice)
    assert alert.filters == {"country": "KZ", "mechanism": "state_grant", "amount": "1000000"}
    event = Event.objects.get(verb=Verb.ALERT_SAVED)
    assert event.actor == alice and event.new == {"filters": alert.filters}


def test_saving_the_same_search_again_keeps_one_alert(client, reference, alice):
    client.force_login(alice)
    client.post(NEW, {"country": "KZ"})
    response = client.post(NEW, {"country": "kz", "past": "1"})  # the same search, as the list reads it

    assert response.status_code == 302
    assert CallAlert.objects.filter(user=alice).count() == 1
    assert Event.objects.filter(verb=Verb.ALERT_SAVED).count() == 1


def test_someone_signed_out_is_offered_to_log_in_and_cannot_save(client, reference):
    page = client.get(LIST, {"country": "KZ"}).content.decode()
    assert "/ru/calls/alerts/new/" not in page
    assert "/ru/accounts/login/?next=" in page

    response = client.post(NEW, {"country": "KZ"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not CallAlert.objects.exists()


def test_a_person_keeps_at_most_ten_alerts_and_is_told_why(client, reference, alice):
    for amount in range(MAX_ALERTS):
        alert_save(actor=alice, filters=CallFilters(amount=amount * 1000))
    with pytest.raises(ValidationError) as refused:
        alert_save(actor=alice, filters=CallFilters(country="KZ"))
    assert "10" in refused.value.messages[0]

    client.force_login(alice)
    response = client.post("/en/calls/alerts/new/", {"country": "KZ"}, follow=True)
    assert (
        "You have 10 alerts, the most one may keep. Delete one to save another." in response.content.decode()
    )
    assert CallAlert.objects.filter(user=alice).count() == MAX_ALERTS
    # The saved search itself is still a new alert once one is deleted.
    CallAlert.objects.filter(user=alice).first().delete()
    assert alert_save(actor=alice, filters=CallFilters(country="KZ"))[1] is True


# The page and deleting --------------------------------------------------------------------------------------


def test_the_alerts_page_says_each_search_in_words(client, reference, alice):
    alert_save(actor=alice, filters=CallFilters(country="KZ", mechanism=Mechanism.DONOR_GRANT))
    alert_save(actor=alice, filters=CallFilters())
    client.force_login(alice)

    page = client.get("/en/calls/alerts/").content.decode()

    assert "country: Kazakhstan; mechanism: donor grant" in page
    assert "every new call" in page
    assert page.count('action="/en/calls/alerts/') == 2


def test_the_alerts_page_asks_to_log_in(client, db):
    response = client.get(ALERTS)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_the_owner_deletes_an_alert(client, reference, alice, bob):
    alert, _created = alert_save(actor=alice, filters=CallFilters(country="KZ"))
    url = f"/ru/calls/alerts/{alert.pk}/delete/"

    client.force_login(bob)
    assert client.post(url).status_code == 404
    assert CallAlert.objects.filter(pk=alert.pk).exists()

    client.force_login(alice)
    assert client.get(url).status_code == 405  # a link followed deletes nothing
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == ALERTS
    assert not CallAlert.objects.filter(pk=alert.pk).exists()
    event = Event.objects.get(verb=Verb.ALERT_DELETED)
    assert event.actor == alice and event.old == {"filters": {"country": "KZ"}}


@pytest.mark.parametrize("rows", [1, 5])
def test_the_alerts_page_takes_as_many_queries_for_many_alerts_as_for_one(
    client, reference, alice, rows, django_assert_max_num_queries
):
    client.force_login(alice)
    client.get(ALERTS)  # the reference names are read once, then kept
    alert_save(actor=alice, filters=CallFilters(country="KZ", theme="job-creation"))
    few = counted_get(client, ALERTS)
    for n in range(1, rows):
        alert_save(actor=alice, filters=CallFilters(region="KZ-ALA", amount=n, applicant="individual"))
    with django_assert_max_num_queries(3):  # the session, the user, the alerts
        many = counted_get(client, ALERTS)
    assert len(many.response.context["rows"]) == rows
    assert_same_queries(few, many, at_most=3)


# Who is told ------------------------------------------------------------------------------------------------


@pytest.fixture
def searchers(reference, alice, bob):
    """alice looks for state grants in Kazakhstan, bob for donor grants, carol for everything (twice: two
    alerts that both match tell her once)."""
    carol = make_user("carol@example.org", display_name="Carol", language="en")
    alert_save(actor=alice, filters=CallFilters(country="KZ", mechanism=Mechanism.STATE_GRANT))
    alert_save(actor=bob, filters=CallFilters(mechanism=Mechanism.DONOR_GRANT))
    alert_save(actor=carol, filters=CallFilters())
    alert_save(actor=carol, filters=CallFilters(applicant="organization"))
    return alice, bob, carol


def test_the_owners_of_matching_alerts_are_told_once_when_a_call_is_announced(
    ready_call, manager, searchers, django_capture_on_commit_callbacks
):
    alice, bob, carol = searchers

    with django_capture_on_commit_callbacks(execute=True):
        call_publish(actor=manager, call=ready_call)

    assert told(ready_call) == sorted([alice.email, carol.email])
    assert alerts_for_new_call(ready_call) == 0  # run again: nobody is told twice
    assert told(ready_call) == sorted([alice.email, carol.email])
    assert not CallAlert.objects.filter(user=bob, last_sent_at__isnull=False).exists()
    assert CallAlert.objects.filter(user=alice, last_sent_at__isnull=False).count() == 1

    to_carol = next(message for message in mail.outbox if message.to == [carol.email])
    assert ready_call.title in to_carol.subject and "Ministry of Culture" in to_carol.subject
    assert "Operator: Ministry of Culture" in to_carol.body
    assert "Closes: " in to_carol.body and "(Asia/Almaty)" in to_carol.body
    assert f"/en/calls/{ready_call.slug}/" in to_carol.body  # in her language


def test_nobody_is_told_of_a_draft(ready_call, searchers):
    assert ready_call.status == Status.DRAFT
    assert alerts_for_new_call(ready_call) == 0
    assert told(ready_call) == []
    assert not mail.outbox


def test_an_announcement_that_fails_tells_nobody(
    ready_call, manager, searchers, django_capture_on_commit_callbacks
):
    ready_call.summary = ""
    ready_call.save(update_fields=["summary"])
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        call_publish(actor=manager, call=ready_call)
    assert told(ready_call) == []


def test_alerts_is_not_a_calls_address():
    assert "alerts" in RESERVED_SLUGS
