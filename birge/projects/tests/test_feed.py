"""What joint projects put in the activity feeds: a project started, its status, a partner joining, a
report published; filed under each of its organizations and its network, and shown only to those who may
know the project."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from birge.core.activity import feed
from birge.core.models import ActivityScope, Event
from birge.projects.events import Verb
from birge.projects.feed import visible
from birge.projects.indicators.services import report_publish, report_save
from birge.projects.projects.models import Status
from birge.projects.projects.services import partner_add, project_create, status_change
from birge.projects.tests.helpers import more_projects

pytestmark = pytest.mark.usefixtures("in_english")


def texts(items) -> list[str]:
    return [item.text for item in items]


def test_each_event_is_filed_under_the_projects_organizations_and_network(
    kz_ngo, kg_ngo, coordinator, network, tj_ngo
):
    project = project_create(actor=coordinator, lead=kz_ngo, title="Права мигрантов", network=network)
    partner_add(actor=coordinator, project=project, organization=kg_ngo)

    created = Event.objects.get(verb=Verb.CREATED)
    added = Event.objects.get(verb=Verb.PARTNER_ADDED)
    assert set(ActivityScope.objects.filter(event=created).values_list("key", flat=True)) == {
        f"orgs.organization:{kz_ngo.pk}",
        f"networks.network:{network.pk}",
    }
    assert set(ActivityScope.objects.filter(event=added).values_list("key", flat=True)) == {
        f"orgs.organization:{kz_ngo.pk}",
        f"orgs.organization:{kg_ngo.pk}",
        f"networks.network:{network.pk}",
    }


def test_the_feed_tells_of_a_public_project_to_everyone(project, coordinator, kg_ngo, kg_owner):
    status_change(actor=coordinator, project=project, status=Status.ACTIVE)
    report = report_save(
        actor=kg_owner,
        project=project,
        title="Первый квартал",
        text="Т",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
    )
    report_publish(actor=kg_owner, report=report)

    items = feed(None, scope=kg_ngo)

    assert texts(items) == [
        "Progress report of “Права мигрантов в пути”: Первый квартал",
        "The joint project “Права мигрантов в пути” is now under way",
        f"{kg_ngo.name} joined the joint project “Права мигрантов в пути”",
    ]
    assert items[0].url == f"/en/projects/{project.slug}/reports/{report.pk}/"
    assert items[1].url == f"/en/projects/{project.slug}/" and items[1].language == "ru"
    assert "The joint project “Права мигрантов в пути” was started" in texts(feed(None))


def test_a_private_projects_activity_reaches_only_its_people(
    private_project, kg_ngo, tj_ngo, outsider, tj_owner
):
    for person in (None, outsider):
        assert not any("Тихий проект" in text for text in texts(feed(person, scope=kg_ngo)))
        assert not any("Тихий проект" in text for text in texts(feed(person)))
    mine = texts(feed(tj_owner, scope=tj_ngo))
    assert f"{tj_ngo.name} joined the joint project “Тихий проект убежищ”" in mine


def test_a_secret_networks_project_stays_out_of_outsiders_feeds(kg_ngo, kg_owner, secret_network, outsider):
    project_create(actor=kg_owner, lead=kg_ngo, title="Убежища", network=secret_network)

    assert not any("Убежища" in text for text in texts(feed(outsider, scope=secret_network)))
    assert any("Убежища" in text for text in texts(feed(kg_owner, scope=secret_network)))


def test_the_feed_reads_the_projects_of_any_number_of_events_at_once(project, coordinator, kz_ngo, outsider):
    events = list(Event.objects.filter(verb__in=[Verb.CREATED, Verb.PARTNER_ADDED]))
    with CaptureQueriesContext(connection) as few:
        visible(outsider, events)
    more_projects(coordinator, kz_ngo, to=9)
    events = list(Event.objects.filter(verb__in=[Verb.CREATED, Verb.PARTNER_ADDED]))
    with CaptureQueriesContext(connection) as many:
        items = visible(outsider, events)
    assert len(items) == 8  # the fixture's two, and six public of the nine
    assert (
        len(many.captured_queries) == len(few.captured_queries) == 2
    )  # the person's organizations, the projects


def test_an_entry_without_the_projects_id_is_read_from_its_target(project):
    # The demo data writes its entries itself, with only the project as their target.
    Event.objects.filter(verb=Verb.CREATED).update(new={"source": "demo data"})

    assert "The joint project “Права мигрантов в пути” was started" in texts(feed(None))
