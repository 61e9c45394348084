from birge.core.audit import changed_fields, record_event
from birge.core.events import Verb
from birge.core.models import Event


def test_record_event_keeps_actor_target_and_values(alice):
    event = record_event(alice, Verb.ADMIN_PRIVATE_READ, alice, {"language": "ru"}, {"language": "ky"})
    stored = Event.objects.get(pk=event.pk)
    assert stored.actor == alice
    assert stored.verb == "site.admin_private_read"
    assert stored.target_id == str(alice.pk)
    assert stored.target_repr == "Alice"
    assert (stored.old, stored.new) == ({"language": "ru"}, {"language": "ky"})


def test_an_anonymous_actor_is_recorded_as_the_system(db):
    from django.contrib.auth.models import AnonymousUser

    event = record_event(AnonymousUser(), Verb.BACKUP_CREATED)
    assert event.actor is None and event.target_type is None


def test_changed_fields_lists_only_what_changed(alice):
    before = {"display_name": "Alice", "language": "ru"}
    alice.language = "kk"
    assert changed_fields(alice, before, ["display_name", "language"]) == (
        {"language": "ru"},
        {"language": "kk"},
    )
