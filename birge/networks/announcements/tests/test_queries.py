"""The announcement pages take as many queries with many announcements as with few, for each role that
opens them: the coordinator, a member organization's owner, a plain member (the reader) and an outsider on
a public network."""

import itertools

import pytest

from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.networks.announcements.models import Announcement

ROLES = ["coordinator", "kg_owner", "reader", "outsider"]
_numbers = itertools.count()


def more_announcements(network, author, count: int) -> None:
    """`count` announcements, every third one urgent (rows only: nobody is told)."""
    for _ in range(count):
        n = next(_numbers)
        Announcement.objects.create(
            network=network,
            title=f"Объявление {n}",
            body=f"**Важно** {n}: [подробности](https://example.org/{n})\n\n- пункт",
            urgent=n % 3 == 0,
            author=author,
        )


@pytest.fixture
def user_of(request):
    return lambda role: request.getfixturevalue(role)


@pytest.mark.parametrize("role", ROLES)
def test_the_list_of_announcements(client, network, coordinator, user_of, role):
    client.force_login(user_of(role))
    url = f"/ru/networks/{network.slug}/announcements/"
    client.get(url)
    more_announcements(network, coordinator, 2)
    few = counted_get(client, url)
    more_announcements(network, coordinator, 15)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    page = many.response.content.decode()
    assert page.count("<li><h2>") == 17 and 'class="badge"' in page
    assert ('name="urgent"' in page) is (role == "coordinator")
    # The session and the user, their organizations and networks, the network, the announcements counted
    # and read with their authors.
    assert_same_queries(few, many, at_most=7)


@pytest.mark.parametrize("role", ROLES)
def test_an_announcement(client, network, coordinator, user_of, role):
    more_announcements(network, coordinator, 1)
    announcement = Announcement.objects.get()
    client.force_login(user_of(role))
    url = f"/ru/networks/{network.slug}/announcements/{announcement.pk}/"
    client.get(url)
    more_announcements(network, coordinator, 2)
    few = counted_get(client, url)
    more_announcements(network, coordinator, 10)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    assert "<strong>Важно</strong>" in many.response.content.decode()
    # The session and the user, their organizations and networks, the network, the announcement.
    assert_same_queries(few, many, at_most=6)
