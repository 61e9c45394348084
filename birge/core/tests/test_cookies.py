"""A public page viewed anonymously sets no cookie, so that a shared cache could serve it to anyone; pages
holding a form still get their CSRF cookie and work; a language or lite-mode choice is still remembered,
in a cookie set when the visitor makes it."""

import re

import pytest
from django.test import Client

from birge.orgs.search import index_organizations
from birge.orgs.tests.factories import OrganizationFactory

from ..middleware import LITE_COOKIE

PUBLIC = [
    "/ru/",
    "/kk/",
    "/ru/orgs/",
    "/ru/orgs/?q=Argo&country=KZ&kind=cso&sort=name",
    "/ru/orgs/argo/",
    "/ru/search/?q=%D0%90%D1%80%D0%B3%D0%BE",
    "/ru/no-such-page/",
    "/api/v1/organizations/",
    "/api/v1/organizations/argo/",
]
WITH_A_FORM = ["/ru/accounts/login/", "/ru/accounts/signup/", "/ru/accounts/password/reset/"]


@pytest.fixture
def argo(reference):
    organization = OrganizationFactory(slug="argo", name="Арго", name_ru="Арго", name_en="Argo")
    index_organizations([organization.pk])
    return organization


@pytest.mark.parametrize("path", PUBLIC)
def test_anonymous_public_page_sets_no_cookie(client, argo, path):
    response = client.get(path)
    assert response.status_code == (404 if "no-such" in path else 200)
    assert not response.cookies, f"{path} sets {sorted(response.cookies)}"
    assert "Set-Cookie" not in response


@pytest.mark.parametrize("path", ["/ru/", "/ru/orgs/", "/ru/orgs/argo/"])
def test_anonymous_page_says_what_it_varies_on(client, argo, path):
    vary = {value.strip() for value in client.get(path)["Vary"].split(",")}
    # Signed-in readers see their own header (Cookie), lite mode drops images (Save-Data), and the body is
    # compressed as each browser accepts (Accept-Encoding); the language is in the path.
    assert vary == {"Cookie", "Save-Data", "Accept-Encoding"}


def test_api_does_not_vary_on_save_data(client, argo):
    vary = {value.strip() for value in client.get("/api/v1/organizations/")["Vary"].split(",")}
    assert "Save-Data" not in vary and {"Accept-Language", "Accept-Encoding"} <= vary


@pytest.mark.parametrize("path", WITH_A_FORM)
def test_page_with_a_form_still_gets_its_csrf_cookie(client, db, path):
    assert "csrftoken" in client.get(path).cookies


def test_login_form_works_with_csrf_checks_on(alice):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/ru/accounts/login/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    response = client.post(
        "/ru/accounts/login/",
        {"login": alice.email, "password": "correct horse battery staple", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_anonymous_language_menu_is_links_that_remember_the_choice_in_a_cookie(client, db):
    html = client.get("/ru/search/", {"q": "Ош"}).content.decode()
    link = "/ru/accounts/language/?language=ky&amp;next=/ru/search/%3Fq%3D%25D0%259E%25D1%2588"
    assert f'href="{link}"' in html
    assert 'method="post"' not in html
    response = client.get(link.replace("&amp;", "&"))
    assert response.status_code == 302 and response["Location"] == "/ky/search/?q=%D0%9E%D1%88"
    assert response.cookies["birge_language"].value == "ky"
    assert client.get("/", headers={"accept-language": "ru"})["Location"] == "/ky/"


def test_language_link_changes_only_the_cookie_of_a_signed_in_user(client, alice):
    """A GET changes nothing stored: the profile's language changes through the menu's form, which a
    signed-in user gets."""
    client.force_login(alice)
    assert 'action="/ru/accounts/language/"' in client.get("/ru/").content.decode()
    response = client.get("/ru/accounts/language/", {"language": "tg", "next": "/ru/"})
    assert response.cookies["birge_language"].value == "tg"
    alice.refresh_from_db()
    assert alice.language == "ru"


def test_lite_mode_link_sets_its_cookie_only_when_followed(client, db):
    assert LITE_COOKIE not in client.get("/ru/").cookies
    response = client.get("/ru/lite/", {"lite": "1", "next": "/ru/"})
    assert response.cookies[LITE_COOKIE].value == "1"
    assert "no-store" in response["Cache-Control"]
