"""The organizations API: the directory's search and the profile as JSON, with the site's visibility."""

import pytest

from ..models import Visibility
from .factories import OrganizationFactory, with_member


def test_search_finds_across_scripts_and_pages(client, org):
    response = client.get("/api/v1/organizations/", {"q": "Argo"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["page"] == 1 and body["pages"] == 1
    found = body["results"][0]
    assert found["slug"] == org.slug and found["name"] == "Арго"
    assert found["translations"]["name"]["ru"] == "Арго"
    assert found["url"].endswith(f"/orgs/{org.slug}/")
    assert client.get("/api/v1/organizations/", {"q": "Argo", "verified": "true"}).json()["count"] == 0


def test_bad_filters_are_refused_with_a_reason(client, org):
    response = client.get("/api/v1/organizations/", {"country": "XX"})
    assert response.status_code == 400
    assert "XX" in response.json()["detail"]
    assert client.get("/api/v1/organizations/", {"page": "two"}).status_code == 422


def test_drafts_are_not_found_by_outsiders(client, reference, alice, bob):
    draft = with_member(OrganizationFactory(draft=True), alice)
    assert client.get(f"/api/v1/organizations/{draft.slug}/").status_code == 404
    client.force_login(bob)
    assert client.get(f"/api/v1/organizations/{draft.slug}/").status_code == 404
    client.force_login(alice)
    assert client.get(f"/api/v1/organizations/{draft.slug}/").status_code == 200


@pytest.mark.parametrize(
    ("level", "who_sees"),
    [
        (Visibility.PUBLIC, {"anonymous", "outsider", "partner", "member"}),
        (Visibility.SIGNED_IN, {"outsider", "partner", "member"}),
        (Visibility.PARTNERS, {"partner", "member"}),
        (Visibility.MEMBERS, {"member"}),
    ],
)
def test_a_hidden_field_is_absent_from_the_api(client, org, member, partner, bob, level, who_sees):
    org.funding_foreign, org.funding_visibility, org.phone_visibility = 37, level, level
    org.save()
    people = {"anonymous": None, "outsider": bob, "partner": partner, "member": member}
    for name, person in people.items():
        client.logout()
        if person:
            client.force_login(person)
        detail = client.get(f"/api/v1/organizations/{org.slug}/").json()
        listed = client.get("/api/v1/organizations/", {"q": "Арго"}).json()["results"][0]
        for shown in (detail, listed):
            assert ("funding_foreign" in shown) == (name in who_sees), f"{level}: {name}"
            assert ("phone" in shown) == (name in who_sees), f"{level}: {name}"
            if name in who_sees:
                assert shown["funding_foreign"] == 37


def test_the_description_is_served_without_an_interactive_page(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Birge"
    assert "/api/v1/organizations/" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 404


def test_the_list_takes_as_many_queries_for_thirty_as_for_three(client, reference):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..search import index_organizations

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/organizations/", {"per_page": 50}).status_code == 200
        return len(captured.captured_queries)

    index_organizations([o.pk for o in OrganizationFactory.create_batch(3)])
    few = count_queries()
    index_organizations([o.pk for o in OrganizationFactory.create_batch(27)])
    assert client.get("/api/v1/organizations/", {"per_page": 50}).json()["count"] == 30
    assert count_queries() == few
