"""Issue #7, finding 7: "recently updated" orders by the last change anyone may see. An edit of a members-only
field must not move an organization up the list that every visitor reads."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from birge.orgs.profiles.models import Organization, Visibility
from birge.orgs.profiles.services import organization_update
from birge.orgs.search import index_organizations
from birge.orgs.search.models import SearchEntry
from birge.orgs.search.tests.test_search import make
from birge.orgs.tests.factories import with_member


def listed(client) -> list[str]:
    """The slugs of the anonymous `/en/orgs/?sort=updated`, in order."""
    response = client.get("/en/orgs/", {"sort": "updated"})
    assert response.status_code == 200
    return re.findall(r'<a href="/en/orgs/([\w-]+)/">', response.content.decode())


@pytest.fixture
def oldest(reference, alice):
    """Three published organizations publicly changed one, two and three days ago; alice owns the one
    changed longest ago."""
    now = timezone.now()
    for days, slug in enumerate(["newest", "middle", "oldest"], start=1):
        organization = make(slug, name_en=slug.title())
        Organization.objects.filter(pk=organization.pk).update(public_updated_at=now - timedelta(days=days))
    index_organizations(Organization.objects.values_list("pk", flat=True))
    return with_member(Organization.objects.get(slug="oldest"), alice)


def test_a_members_only_edit_does_not_move_an_organization_up(
    client, oldest, alice, django_capture_on_commit_callbacks
):
    assert listed(client) == ["newest", "middle", "oldest"]
    assert oldest.budget_visibility == Visibility.MEMBERS
    with django_capture_on_commit_callbacks(execute=True):
        organization_update(actor=alice, organization=oldest, budget_band="over_1m")
    assert Organization.objects.get(pk=oldest.pk).budget_band == "over_1m"
    assert listed(client) == ["newest", "middle", "oldest"]


def test_a_public_edit_moves_an_organization_to_the_top(
    client, oldest, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organization_update(actor=alice, organization=oldest, description_en="We now also run a library.")
    assert listed(client) == ["oldest", "newest", "middle"]


def test_the_index_holds_the_time_of_the_last_public_change(oldest):
    SearchEntry.objects.filter(pk=oldest.pk).update(public_updated_at=timezone.now())  # as if stale
    index_organizations([oldest.pk])
    entry = SearchEntry.objects.get(pk=oldest.pk)
    assert entry.public_updated_at == Organization.objects.get(pk=oldest.pk).public_updated_at
