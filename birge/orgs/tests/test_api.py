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
    assert client.get("/api/v1/organizations/", {"q": "Argo", "verified": "true"}).json() == {
        "count": 0, "page": 1, "pages": 1, "results": []
    }  # fmt: skip


# The groups of private fields, and what the `org` fixture (the factory's values) holds in them.
PRIVATE_GROUPS = ["phone", "address", "staff_contacts", "budget", "funding"]
PRIVATE_VALUES = {
    "phone": "+7 727 111 2233",
    "address": "Алматы, ул. Абая 1",
    "contact_name": "Айгуль Серикова",
    "contact_email": "aigul@example.kz",
    "budget_band": "50k_200k",
    "funding_foreign": 70,
    "funding_state": 20,
}


def test_the_profile_carries_its_fields_and_only_the_private_ones_a_caller_may_see(client, org, member, bob):
    for group in PRIVATE_GROUPS:
        setattr(org, f"{group}_visibility", Visibility.MEMBERS)
    org.staff_counts_visibility = Visibility.PUBLIC
    org.save()
    public = {
        "slug": org.slug,
        "name": "Арго",
        "kind": "cso",
        "legal_form": "public_association",
        "country": "KZ",
        "status": "active",
        "verified_at": None,
        "staff_count": 12,  # public by choice
        "volunteer_count": 30,
    }
    for person in (None, bob, member):
        client.logout()
        if person:
            client.force_login(person)
        detail = client.get(f"/api/v1/organizations/{org.slug}/", HTTP_ACCEPT_LANGUAGE="ru").json()
        listed = client.get("/api/v1/organizations/", {"q": "Арго"}, HTTP_ACCEPT_LANGUAGE="ru").json()
        assert listed["count"] == 1
        for shown in (detail, listed["results"][0]):
            assert {name: shown[name] for name in public} == public
            assert shown["url"].endswith(f"/orgs/{org.slug}/")
            assert shown["translations"]["name"] == {"ru": "Арго", "en": "Argo"}
            private = {name: shown[name] for name in PRIVATE_VALUES if name in shown}
            assert private == (PRIVATE_VALUES if person is member else {}), person


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


def test_every_filter_value_the_description_lists_is_accepted(client, org, settings):
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
    # `org` is a Kazakh CSO with no region, theme or working language; a sort filters nothing.
    matching = {("country", "KZ"), ("kind", "cso")} | {("sort", value) for value in listed["sort"]}
    for parameter, values in listed.items():
        for value in values:
            response = client.get("/api/v1/organizations/", {parameter: value})
            assert response.status_code == 200, (parameter, value, response.content[:300])
            body = response.json()
            expected = 1 if (parameter, value) in matching else 0
            assert body["count"] == len(body["results"]) == expected, (parameter, value)
            assert [found["slug"] for found in body["results"]] == [org.slug] * expected


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
    draft = with_member(OrganizationFactory(draft=True, budget_visibility=Visibility.MEMBERS), alice)
    nothing = client.get("/api/v1/organizations/no-such-organization/")
    assert nothing.status_code == 404 and nothing.json() == {"detail": "Not Found"}
    for outsider in (None, bob):
        if outsider:
            client.force_login(outsider)
        refused = client.get(f"/api/v1/organizations/{draft.slug}/")
        assert refused.status_code == 404 and refused.json() == nothing.json()  # the same as nothing there
    client.force_login(alice)
    found = client.get(f"/api/v1/organizations/{draft.slug}/")
    assert found.status_code == 200
    assert found.json()["slug"] == draft.slug and found.json()["name"] == draft.name
    assert found.json()["budget_band"] == "50k_200k"  # a member sees the members-only fields
    assert client.get("/api/v1/organizations/", {"q": draft.name}).json()["count"] == 0  # never listed


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
    body = client.get("/api/v1/organizations/", {"per_page": 50}).json()
    assert body["count"] == len(body["results"]) == 30 and body["pages"] == 1
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
    other = client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.7, 203.0.113.8")
    assert other.status_code == 200 and other.json()["slug"] == org.slug


def test_a_signed_in_session_gets_the_signed_in_limit(client, org, bob):
    client.force_login(bob)
    # An address that finds nothing is the cheapest call, and counts like any other.
    assert _calls_until_throttled(client, "/api/v1/organizations/no-such-organization/", 600) == 600
    client.logout()
    # The anonymous count from the same address is apart from the user's.
    anonymous = client.get(f"/api/v1/organizations/{org.slug}/")
    assert anonymous.status_code == 200 and anonymous.json()["slug"] == org.slug
