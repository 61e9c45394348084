"""The response pages take as many queries with many needs and pledges as with few: the incident's page for
a coordinator, a member, a signed-in outsider (who may pledge, for themselves or their organization) and an
anonymous visitor of a public response network, and the coordinators' forms."""

from decimal import Decimal

import pytest
from django.urls import reverse

from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.networks.response.models import NeedKind
from birge.networks.response.services import need_add, pledge

ROLES = {"coordinator": "coordinator", "member": "kg_owner", "outsider": "outsider", "anonymous": None}
# Queries of the incident's page: the network, the incident, its needs, and their pledges (with their
# organizations and people); for someone signed in, also the session and the user, their organizations, their
# organizations' place in networks, and the organizations they may pledge for (each speaks for one).
EXPECTED = {"coordinator": 9, "member": 9, "outsider": 9, "anonymous": 4}


@pytest.fixture
def pledgers(kg_owner, kg_ngo, tj_owner, tj_ngo, reader, outsider):
    """Who pledges to every need: two organizations and two people."""
    return [(kg_owner, kg_ngo), (tj_owner, tj_ngo), (reader, None), (outsider, None)]


def grow(incident, coordinator, pledgers, *, to: int) -> None:
    """`to` needs in all, each with a pledge from every pledger (one of them beyond the need)."""
    for n in range(incident.needs.count(), to):
        need = need_add(
            actor=coordinator,
            incident=incident,
            kind=NeedKind.values[n % len(NeedKind.values)],
            title=f"Need {n}",
            quantity=Decimal(3),
            unit="kg",
        )
        for person, organization in pledgers:
            pledge(
                actor=person, need=need, quantity=Decimal(1), organization=organization, beyond_confirmed=True
            )


@pytest.fixture(params=list(ROLES))
def visitor(request, client, outsider_ngo):
    who = ROLES[request.param]
    if who is not None:
        client.force_login(request.getfixturevalue(who))
    return client, request.param


@pytest.mark.usefixtures("in_english")  # the English page: its numbers, in the words of the code
def test_the_incident_page_takes_as_many_queries_for_many_needs_and_pledges(
    visitor, response, incident, coordinator, pledgers
):
    client, role = visitor
    url = reverse("networks:incident", args=[response.slug])
    client.get(url)
    grow(incident, coordinator, pledgers, to=1)
    few = counted_get(client, url)
    grow(incident, coordinator, pledgers, to=6)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    page = many.response.content.decode()
    assert page.count('<progress max="100"') == 6
    assert page.count("Мигрант Ордо</a>: 1 kg") == 6
    assert page.count("pledged 1 kg more than was still needed") == 6
    assert ('name="quantity"' in page) == (role != "anonymous")
    assert_same_queries(few, many, at_most=EXPECTED[role])


@pytest.mark.parametrize("page", ["incident_edit", "need_new", "incident_close"])
def test_the_coordinators_forms_take_as_many_queries_for_many_needs_and_pledges(
    client, response, incident, coordinator, pledgers, page
):
    client.force_login(coordinator)
    url = reverse(f"networks:{page}", args=[response.slug])
    client.get(url)
    grow(incident, coordinator, pledgers, to=1)
    few = counted_get(client, url)
    grow(incident, coordinator, pledgers, to=6)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    # The session and the user, the network, the coordinator's organizations and networks, the incident;
    # the description's form lists the countries and regions.
    assert_same_queries(few, many, at_most=8 if page == "incident_edit" else 6)


@pytest.mark.usefixtures("in_english")  # the English page: its numbers, in the words of the code
def test_a_needs_form_takes_as_many_queries_for_many_pledges(client, response, water, coordinator, pledgers):
    client.force_login(coordinator)
    url = reverse("networks:need_edit", args=[response.slug, water.pk])
    client.get(url)
    pledge(actor=pledgers[0][0], need=water, quantity=Decimal(1), organization=pledgers[0][1])
    few = counted_get(client, url)
    for person, organization in pledgers:
        pledge(actor=person, need=water, quantity=Decimal(1), organization=organization)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    assert "5 of 10 т pledged" in many.response.content.decode()
    # The session and the user, the network, the coordinator's organizations and networks, the need.
    assert_same_queries(few, many, at_most=6)
