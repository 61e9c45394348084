"""The audit log's verbs: each app registers its own, core knows only its own, and the log refuses a verb
nobody registered. The admin reads the labels from the registry."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from birge.accounts.events import Verb as AccountVerb
from birge.core import events
from birge.core.audit import record_event
from birge.core.events import VERBS, Verb, register_verbs, verb_label
from birge.core.models import Event
from birge.orgs.events import Verb as OrgVerb


def test_every_apps_verbs_are_registered_with_their_labels():
    for verbs in (Verb, AccountVerb, OrgVerb):
        for verb in verbs:
            assert VERBS[verb.value] is verb.label


def test_core_declares_only_its_own_verbs():
    assert all(verb.value.startswith("site.") for verb in Verb)
    source = Path(events.__file__).read_text()
    assert '"account.' not in source and '"org.' not in source and '"passport.' not in source


def test_record_event_refuses_a_verb_nobody_registered(db):
    with pytest.raises(ValueError, match="org.creatd"):
        record_event(None, "org.creatd")
    assert not Event.objects.exists()


def test_a_registered_verb_may_be_given_as_its_value(db):
    assert record_event(None, "site.backup_created").verb == Verb.BACKUP_CREATED


def test_registering_again_changes_nothing_but_another_app_cannot_take_a_verb():
    register_verbs(OrgVerb)

    class Taken(models.TextChoices):
        CREATED = "org.created", "created something else"

    with pytest.raises(ImproperlyConfigured, match="org.created"):
        register_verbs(Taken)
    assert VERBS["org.created"] is OrgVerb.ORG_CREATED.label


def test_an_unknown_stored_verb_shows_as_it_is():
    assert verb_label("gone.away") == "gone.away"


def test_the_admin_filters_and_names_actions_by_the_registered_labels(client, site_admin):
    record_event(site_admin, OrgVerb.ORG_PUBLISHED)
    record_event(site_admin, AccountVerb.ACCOUNT_LOGGED_IN)
    client.force_login(site_admin)
    listing = client.get("/admin/core/event/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<a href="?verb__exact=org.published">публикация организации</a>' in listing
    assert '<a href="?verb__exact=site.backup_created">создание резервной копии</a>' in listing
    assert '<td class="field-action">публикация организации</td>' in listing
    assert '<td class="field-action">вход</td>' in listing
    only = client.get("/admin/core/event/?verb__exact=org.published", HTTP_ACCEPT_LANGUAGE="ru")
    assert only.context["cl"].result_count == 1
    event = Event.objects.get(verb=OrgVerb.ORG_PUBLISHED)
    detail = client.get(f"/admin/core/event/{event.pk}/change/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "публикация организации" in detail
