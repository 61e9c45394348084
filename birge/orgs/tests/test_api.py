"""The organizations API: the directory's search and the profile as JSON, with the site's visibility."""

import pytest

from birge.orgs.profiles.models import Kind, Visibility
from birge.orgs.tests.factories import OrganizationFactory, with_member


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


@pytest.mark.parametrize(
    ("parameter", "value"),
    [("country", "XX"), ("region", "KZ-UNKNOWN"), ("kind", "ngo"), ("theme", "nothing"), ("language", "fr")]
    + [("sort", "size"), ("verified", "maybe"), ("page", "two"), ("page", "0"), ("per_page", "101")],
)
def test_a_value_the_description_does_not_list_is_refused_where_it_is(client, org, parameter, value):
    response = client.get("/api/v1/organizations/", {parameter: value})
    assert response.status_code == 422
    assert [problem["loc"] for problem in response.json()["detail"]] == [["query", parameter]]


def test_a_listed_value_this_instance_has_not_loaded_is_refused_with_a_reason(client, db):
    """The enums come from the data files; a database that `birge migrate` has not filled yet lacks them."""
    response = client.get("/api/v1/organizations/", {"country": "KZ"})
    assert response.status_code == 400
    assert "KZ" in response.json()["detail"]


def test_every_filter_value_the_description_lists_is_accepted(client, reference, settings):
    settings.BIRGE_API_RATES = {"anonymous": "1000/m", "user": "1000/m"}
    parameters = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/organizations/"]["get"]
    listed = {
        parameter["name"]: parameter["schema"]["allOf"][0]["enum"]
        for parameter in parameters["parameters"]
        if "allOf" in parameter["schema"]
    }
    assert set(listed) == {"country", "region", "kind", "theme", "language", "sort"}
    assert "KZ-75" in listed["region"] and "health" in listed["theme"] and "KZ" in listed["country"]
    assert listed["kind"] == Kind.values and listed["language"] == settings.LANGUAGE_CODES
    for parameter, values in listed.items():
        for value in values:
            response = client.get("/api/v1/organizations/", {parameter: value})
            assert response.status_code == 200, (parameter, value, response.content[:300])


def test_the_description_names_every_answer_with_its_body(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    answers = {
        path: {
            status: answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
            for status, answer in operations["get"]["responses"].items()
        }
        for path, operations in paths.items()
    }
    error, invalid = "Error", "InvalidRequest"
    assert answers["/api/v1/organizations/"] == {
        "200": "OrganizationPage", "400": error, "422": invalid, "429": error
    }  # fmt: skip
    assert answers["/api/v1/organizations/{slug}/"] == {
        "200": "OrganizationOut", "404": error, "422": invalid, "429": error
    }  # fmt: skip


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

    from birge.orgs.search import index_organizations

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/organizations/", {"per_page": 50}).status_code == 200
        return len(captured.captured_queries)

    index_organizations([o.pk for o in OrganizationFactory.create_batch(3)])
    few = count_queries()
    index_organizations([o.pk for o in OrganizationFactory.create_batch(27)])
    assert client.get("/api/v1/organizations/", {"per_page": 50}).json()["count"] == 30
    assert count_queries() == few


def _calls_until_throttled(client, url: str, limit: int, forwarded_for=lambda n: None) -> int:
    """How many calls of `url` pass before the first 429 (at most `limit` + 1 are made)."""
    for number in range(limit + 1):
        header = forwarded_for(number)
        extra = {"HTTP_X_FORWARDED_FOR": header} if header else {}
        if client.get(url, **extra).status_code == 429:
            return number
    return limit + 1


def test_a_made_up_forwarded_for_does_not_lift_the_anonymous_limit(client, org, settings):
    settings.BEHIND_PROXY = 0
    made_up = _calls_until_throttled(
        client, f"/api/v1/organizations/{org.slug}/", 120, lambda n: f"198.51.100.{n % 250}, 10.0.{n}.1"
    )
    assert made_up == 120


def test_behind_one_proxy_the_right_most_forwarded_address_counts(client, org, settings):
    settings.BEHIND_PROXY = 1
    url = f"/api/v1/organizations/{org.slug}/"
    # What the client wrote itself changes on every call; what the proxy appended stays.
    assert _calls_until_throttled(client, url, 120, lambda n: f"198.51.100.{n % 250}, 203.0.113.7") == 120
    response = client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert response.status_code == 429 and response.json() == {"detail": "Too many requests."}
    assert int(response["Retry-After"]) > 0
    # Another client behind the same proxy (the same REMOTE_ADDR) has its own count.
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7, 203.0.113.8").status_code == 200


def test_a_signed_in_session_gets_the_signed_in_limit(client, org, bob):
    client.force_login(bob)
    # An address that finds nothing is the cheapest call, and counts like any other.
    assert _calls_until_throttled(client, "/api/v1/organizations/no-such-organization/", 600) == 600
    client.logout()
    # The anonymous count from the same address is apart from the user's.
    assert client.get(f"/api/v1/organizations/{org.slug}/").status_code == 200
