"""The charter's pages take as many queries for a charter with many versions and many actions, owned by
many member organizations, as for one with few; for each person who opens them: a coordinator, a member,
an outsider and an anonymous reader of a public network."""

import pytest
from django.urls import reverse

from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.networks.charter.models import CharterVersion
from birge.networks.charter.services import charter_adopt
from birge.networks.conftest import add_member, organization_in
from conftest import make_user

from .factories import action, decision_adopting, save


def grow(network, coordinator, *, versions: int, actions: int) -> None:
    """Save versions until there are `versions`, the newest with `actions` actions, each owned by a member
    organization of its own; the first version is adopted."""
    owners = list(network.memberships.select_related("organization").order_by("pk"))
    while len(owners) < actions:
        n = len(owners)
        organization = organization_in("KG", make_user(f"member{n}@example.org"), name=f"Организация {n}")
        owners.append(add_member(network, organization))
    done = CharterVersion.objects.filter(network=network).count()
    for number in range(done + 1, versions + 1):
        rows = [action(f"Действие {i}", owner=owners[i].organization) for i in range(actions)]
        version = save(
            network, coordinator, actions=rows, goals=f"Цели версии {number}.", note=f"Правка {number}"
        )
        if number == 1:
            charter_adopt(decision=decision_adopting(version))


PEOPLE = ["coordinator", "kg_owner", "outsider", None]
# The session and the user (for the signed-in), the network and the person's organizations, then what the
# page reads; a public network's content needs no network membership to be read.
PAGES = {
    # The newest version, the one in force, its actions, and the person's network roles (for the links).
    "charter": 8,
    "charter_version": 8,
    # The count, the page of versions, the one in force, and the person's memberships (who saved each).
    "charter_versions": 8,
    # The version numbers, the two versions, their actions.
    "charter_compare": 7,
}


def counted(client, network, name: str, newest: int):
    """The page about the newest version: the charter, version `newest`, or its comparison with the first."""
    if name == "charter_version":
        return counted_get(client, reverse(f"networks:{name}", args=[network.slug, newest]))
    url = reverse(f"networks:{name}", args=[network.slug])
    return (
        counted_get(client, url, a="1", b=str(newest))
        if name == "charter_compare"
        else counted_get(client, url)
    )


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("who", PEOPLE)
def test_the_charter_pages_take_as_many_queries_for_a_long_charter(
    client, network, coordinator, outsider_ngo, request, who, name
):
    if who:
        client.force_login(request.getfixturevalue(who))
    grow(network, coordinator, versions=2, actions=1)
    counted(client, network, name, 2)
    few = counted(client, network, name, 2)
    grow(network, coordinator, versions=9, actions=8)
    many = counted(client, network, name, 9)
    assert_within_budget(many.response)
    page = many.response.content.decode()
    newest = {"charter_versions": "Правка 9", "charter_compare": "Цели версии <ins>9</ins>."}
    assert newest.get(name, "Цели версии 9.") in page
    assert ("Организация 7" in page) == (name != "charter_versions")
    assert ("Правка 9" in page) == (name in ("charter", "charter_versions", "charter_version"))
    assert_same_queries(few, many, at_most=PAGES[name] - (0 if who else 2))


def test_the_edit_form_takes_as_many_queries_for_a_long_charter(client, network, coordinator):
    client.force_login(coordinator)
    grow(network, coordinator, versions=1, actions=1)
    url = reverse("networks:charter_edit", args=[network.slug])
    client.get(url)
    few = counted_get(client, url)
    grow(network, coordinator, versions=5, actions=8)
    many = counted_get(client, url)
    assert_within_budget(many.response)
    page = many.response.content.decode()
    assert 'name="a-7-title" value="Действие 7"' in page and 'name="a-10-title"' in page
    # As the charter page, then the members who may own an action.
    assert_same_queries(few, many, at_most=8)
