import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError

from birge.accounts import services
from birge.accounts.events import Verb
from birge.accounts.models import DELETED_USER_EMAIL, User
from birge.core.audit import record_event
from birge.core.models import Event


def test_profile_update_saves_and_audits_only_what_changed(alice):
    services.profile_update(
        actor=alice, user=alice, display_name="  Alice K. ", language="kk", time_zone="Asia/Almaty"
    )
    alice.refresh_from_db()
    assert (alice.display_name, alice.language) == ("Alice K.", "kk")
    event = Event.objects.get(verb=Verb.ACCOUNT_PROFILE_UPDATED)
    assert event.old == {"display_name": "Alice", "language": "ru"}
    assert event.new == {"display_name": "Alice K.", "language": "kk"}


def test_profile_update_without_change_writes_no_audit_entry(alice):
    services.profile_update(
        actor=alice, user=alice, display_name="Alice", language="ru", time_zone=alice.time_zone
    )
    assert not Event.objects.filter(verb=Verb.ACCOUNT_PROFILE_UPDATED).exists()


def test_nobody_else_may_change_a_profile(alice, bob):
    with pytest.raises(PermissionDenied):
        services.profile_update(actor=bob, user=alice, display_name="x", language="ru", time_zone="UTC")
    with pytest.raises(PermissionDenied):
        services.account_export(actor=bob, user=alice)
    with pytest.raises(PermissionDenied):
        services.account_delete(actor=bob, user=alice)
    assert User.objects.filter(pk=alice.pk).exists()


def test_unknown_language_is_refused(alice):
    with pytest.raises(ValueError):
        services.profile_set_language(actor=alice, user=alice, language="xx")


def test_export_has_the_account_and_its_activity_but_no_secrets(alice):
    record_event(alice, Verb.ACCOUNT_LOGGED_IN, alice)
    data = services.account_export(actor=alice, user=alice)
    assert data["account"]["email"] == "alice@example.org"
    assert data["email_addresses"] == [{"email": "alice@example.org", "verified": True, "primary": True}]
    assert [entry["action"] for entry in data["activity"]] == ["account.logged_in"]
    flat = str(data)
    assert alice.password not in flat and "password" not in flat
    assert Event.objects.filter(verb=Verb.ACCOUNT_DATA_EXPORTED, actor=alice).exists()


def test_deletion_keeps_the_facts_but_not_the_person(alice):
    services.profile_update(
        actor=alice, user=alice, display_name="Alice Secret", language="ru", time_zone=alice.time_zone
    )
    alice_id = alice.pk
    services.account_delete(actor=alice, user=alice)

    assert not User.objects.filter(pk=alice_id).exists()
    assert not EmailAddress.objects.filter(email="alice@example.org").exists()
    placeholder = User.objects.get(email=DELETED_USER_EMAIL)
    assert placeholder.is_active is False and not placeholder.has_usable_password()
    update = Event.objects.get(verb=Verb.ACCOUNT_PROFILE_UPDATED)
    assert update.actor == placeholder
    assert (update.target_repr, update.old, update.new) == ("deleted user", {}, {})
    assert Event.objects.get(verb=Verb.ACCOUNT_DELETED).new == {"account_id": alice_id}
    assert "alice" not in str(list(Event.objects.values())).lower()


def test_a_display_name_with_a_line_break_is_refused_by_the_service(alice):
    with pytest.raises(ValidationError) as refused:
        services.profile_update(
            actor=alice,
            user=alice,
            display_name="Alice\r\nBcc: x@example.org",
            language="ru",
            time_zone="UTC",
        )
    assert "display_name" in refused.value.error_dict
    alice.refresh_from_db()
    assert alice.display_name == "Alice"
    assert not Event.objects.filter(verb=Verb.ACCOUNT_PROFILE_UPDATED).exists()
