"""The shell's pages: home, search, health, error pages, language prefixes, lite mode; each within budget."""

import pytest
from django.test import override_settings
from django.urls import path

from birge.core.testing import assert_queries, assert_within_budget
from birge.core.views import server_error

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_browsers_language(client):
    response = client.get("/", headers={"accept-language": "ky,ru;q=0.8"})
    assert response.status_code == 302 and response["Location"] == "/ky/"


def test_root_redirects_to_russian_by_default(client):
    assert client.get("/")["Location"] == "/ru/"


def test_signed_in_user_gets_their_saved_language(client, alice):
    alice.language = "tg"
    alice.save()
    client.force_login(alice)
    assert client.get("/", headers={"accept-language": "en"})["Location"] == "/tg/"


@pytest.mark.parametrize(
    ("path", "target"),
    [("/kz/", "/kk/"), ("/tj/search/?q=a", "/tg/search/?q=a"), ("/de/search/", "/ru/search/")],
)
def test_unknown_language_prefix_falls_back_cleanly(client, path, target):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == target


def test_home_page_in_russian_within_budget_and_constant_queries(client, reference):
    # Countries, regions, themes and members, plus one count for each app's registered home counter
    # (orgs' published organizations, funding's open calls, networks' listed networks).
    with assert_queries(8):  # the counts of test_queries.py, and the activity feed's window
        response = client.get("/ru/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert translated("ru", "Search") in html
    assert response.context["counts"]["countries"] == 5
    assert_within_budget(response)


@pytest.mark.parametrize("language", ["ru", "en", "kk", "ky", "tg", "tk", "az", "uz"])
def test_every_language_serves_the_home_page(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_pages_load_nothing_from_other_sites_and_use_no_inline_script(client):
    response = client.get("/ru/")
    html = response.content.decode()
    assert "<script>" not in html and "style=" not in html
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_search_finds_regions_in_any_language_with_constant_queries(client, reference):
    with assert_queries(3):
        response = client.get("/en/search/", {"q": "Хатлон"})
    assert response.status_code == 200
    names = [item["name"] for item in response.context["links"].page.object_list]
    assert names == ["Khatlon Region"] or any("Khatlon" in name for name in names)
    assert_within_budget(response)


def translated(language: str, text: str) -> str:
    """`text` in `language`, asserting the catalog has it (a missing entry would fall back to English)."""
    from django.utils import translation

    with translation.override(language):
        result = translation.gettext(text)
    assert result != text, f"{text!r} has no {language} translation"
    return result


def test_search_with_no_match_shows_the_empty_state(client, reference):
    response = client.get("/ru/search/", {"q": "zzzzqqq"})
    empty = translated("ru", "Nothing matches. Try fewer or other words, or another spelling.")
    assert empty in response.content.decode()


def test_search_of_any_string_never_fails(client, reference):
    for text in ["' OR 1=1 --", "💥" * 50, "a" * 10_000, "%_\\", "\x00"]:
        assert client.get("/ru/search/", {"q": text}).status_code == 200


def test_healthz_answers_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"


def test_404_is_in_the_users_language_and_within_budget(client):
    response = client.get("/ky/no-such-page/")
    assert response.status_code == 404
    assert translated("ky", "Page not found") in response.content.decode()
    assert_within_budget(response, status=404)


def test_403_is_in_the_users_language(rf):
    from birge.core.views import forbidden

    request = rf.get("/tg/")
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    request.user = AnonymousUser()
    with translation.override("en"):
        response = forbidden(request)
    assert response.status_code == 403
    assert "You may not open this page" in response.content.decode()


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("<str:lang>/boom/", _boom)]
handler500 = server_error


@override_settings(ROOT_URLCONF=__name__)
def test_500_is_in_the_users_language_and_says_nothing_of_the_error(client):
    from django.utils import translation

    client.raise_request_exception = False
    with translation.override("ru"):
        response = client.get("/ru/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert (
        translated("ru", "Something went wrong") in html and "boom" not in html and "RuntimeError" not in html
    )


def test_save_data_header_turns_on_lite_mode(client):
    response = client.get("/ru/", headers={"save-data": "on"})
    assert response.context["lite"] is True
    assert '<body class="lite">' in response.content.decode()
    assert "Save-Data" in response["Vary"]


def test_lite_mode_by_choice_is_remembered_and_can_be_turned_off(client):
    response = client.get("/ru/lite/", {"lite": "1", "next": "/ru/search/"})
    assert response.status_code == 302 and response["Location"] == "/ru/search/"
    assert client.get("/ru/").context["lite"] is True
    client.get("/ru/lite/", {"lite": "0", "next": "/ru/"})
    assert client.get("/ru/", headers={"save-data": "on"}).context["lite"] is False


def test_lite_switch_is_a_link_back_to_the_same_page(client):
    html = client.get("/ru/search/", {"q": "Ош"}).content.decode()
    assert 'href="/ru/lite/?lite=1&amp;next=/ru/search/%3Fq%3D%25D0%259E%25D1%2588"' in html
    assert client.get("/ru/lite/?lite=1&next=/ru/search/%3Fq%3D%25D0%259E%25D1%2588")["Location"] == (
        "/ru/search/?q=%D0%9E%D1%88"
    )


def test_lite_switch_does_not_redirect_to_another_site(client):
    response = client.get("/ru/lite/", {"lite": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_clean_query_drops_control_characters_and_bounds_length():
    from birge.core.views import clean_query

    assert clean_query("  Ош\x00\tобласть \n") == "Ош область"
    assert len(clean_query("я" * 10_000)) == 200


def test_times_are_shown_in_the_signed_in_users_zone_and_a_bad_zone_falls_back(client, alice):
    from django.utils import timezone

    alice.time_zone = "Asia/Ashgabat"
    alice.save()
    client.force_login(alice)
    assert client.get("/ru/").context["TIME_ZONE"] == "Asia/Ashgabat"
    alice.time_zone = "Mars/Olympus"
    alice.save()
    assert client.get("/ru/").context["TIME_ZONE"] == timezone.get_default_timezone_name()
