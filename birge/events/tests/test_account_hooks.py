"""What a person's data export holds of events, and what deleting their account does to their places."""

import pytest

from birge.accounts.services import account_delete, account_export
from birge.core.notifications.models import Notification
from birge.events.registration.models import Registration, Status
from birge.events.registration.services import register

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_persons_registrations_with_their_answers(kz_ngo, kg_owner):
    from birge.events.conftest import make_event

    event = make_event([kz_ngo], ask_dietary=True)
    register(kg_owner, event, dietary="без орехов")

    (row,) = account_export(actor=kg_owner, user=kg_owner)["events"]["registrations"]
    assert row["event"] == event.title and row["status"] == Status.CONFIRMED
    assert row["dietary"] == "без орехов"


def test_deleting_the_account_gives_its_place_to_the_next_in_line(webinar, outsider, tj_owner, kg_owner):
    webinar.capacity = 1
    webinar.save(update_fields=["capacity"])
    register(outsider, webinar)
    waiting = register(tj_owner, webinar)
    assert waiting.status == Status.WAITLISTED
    outsider.memberships.all().delete()  # the last owner of an organization with others may not go

    account_delete(actor=outsider, user=outsider)

    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert not Registration.objects.filter(person_id=outsider.pk).exists()
    assert Notification.objects.filter(recipient=tj_owner, kind="events.registration").count() == 2
