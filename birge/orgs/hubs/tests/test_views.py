"""The site administrator's page of hub administrators."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from birge.core.models import Country
from birge.core.testing import assert_within_budget
from birge.orgs.hubs.models import HubAdministrator
from conftest import make_user

PAGE = "/en/orgs/hub/admins/"


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(PAGE)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_site_administrator_sees_the_hubs_by_country(client, site_admin, hub_kz, hub_tj):
    client.force_login(site_admin)
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("<h2>Kazakhstan</h2>") < page.index("hub.kz@example.org") < page.index("<h2>Tajikistan")
    assert "hub.tj@example.org" in page and "Hub TJ" in page
    assert page.count('name="remove"') == 2 and "csrfmiddlewaretoken" in page


def test_with_nobody_appointed_the_page_says_so(client, site_admin, reference):
    client.force_login(site_admin)
    assert "Nobody is hub administrator yet." in client.get(PAGE).content.decode()


def test_the_site_administrator_appoints_by_e_mail(client, site_admin, bob, reference):
    client.force_login(site_admin)
    response = client.post(PAGE, {"email": " BOB@example.org ", "country": "KG"})
    assert response.status_code == 302 and response.url == PAGE
    appointment = HubAdministrator.objects.get()
    assert (appointment.user, appointment.country.code, appointment.appointed_by) == (bob, "KG", site_admin)
    page = client.get(PAGE).content.decode()
    assert "Bob is now hub administrator of Kyrgyzstan" in page and "<h2>Kyrgyzstan</h2>" in page


def test_a_wrong_address_or_a_second_appointment_is_explained_and_the_input_kept(client, site_admin, hub_kz):
    client.force_login(site_admin)
    response = client.post(PAGE, {"email": "nobody@example.org", "country": "KZ"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "No account has this e-mail address." in page and 'value="nobody@example.org"' in page
    response = client.post(PAGE, {"email": hub_kz.email, "country": "KZ"})
    assert response.status_code == 200
    assert "Hub KZ is already hub administrator of Kazakhstan." in response.content.decode()
    response = client.post(PAGE, {"email": hub_kz.email, "country": "RU"})  # not a home country
    assert response.status_code == 200 and HubAdministrator.objects.count() == 1


def test_the_site_administrator_removes_an_appointment(client, site_admin, hub_kz, hub_tj):
    client.force_login(site_admin)
    appointment = HubAdministrator.objects.get(user=hub_kz)
    response = client.post(PAGE, {"remove": appointment.pk})
    assert response.status_code == 302 and response.url == PAGE
    assert list(HubAdministrator.objects.values_list("user", flat=True)) == [hub_tj.pk]
    assert "Hub KZ is no longer hub administrator of Kazakhstan." in client.get(PAGE).content.decode()
    client.post(PAGE, {"remove": appointment.pk})  # sent twice
    assert "This appointment was already removed." in client.get(PAGE).content.decode()


@pytest.mark.parametrize("who", ["hub_kz", "member"])
def test_hub_administrators_and_members_are_refused(client, request, who, hub_kz, bob):
    client.force_login(request.getfixturevalue(who))
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"email": bob.email, "country": "KZ"}).status_code == 403
    assert client.post(PAGE, {"remove": HubAdministrator.objects.get().pk}).status_code == 403
    assert not HubAdministrator.objects.filter(user=bob).exists()
    assert HubAdministrator.objects.count() == 1


def test_a_visitor_is_sent_to_log_in(client, reference):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_hub_queues_link_the_page_for_site_administrators_only(client, site_admin, hub_kz):
    client.force_login(site_admin)
    assert f'href="{PAGE}"' in client.get("/en/orgs/hub/claims/").content.decode()
    client.force_login(hub_kz)
    assert f'href="{PAGE}"' not in client.get("/en/orgs/hub/verification/").content.decode()


def test_the_page_takes_as_many_queries_for_four_appointments_as_for_one(client, site_admin, reference):
    client.force_login(site_admin)
    countries = list(Country.objects.filter(is_home=True))
    HubAdministrator.objects.create(user=make_user("first@example.org"), country=countries[0])
    client.get(PAGE)  # the countries of the form are read once per process, then kept
    one = _queries(client)
    for n, country in enumerate(countries[1:4]):
        HubAdministrator.objects.create(
            user=make_user(f"hub{n}@example.org", display_name=f"Hub {n}"),
            country=country,
            appointed_by=site_admin,
        )
    four = _queries(client)
    assert one == four
    response = client.get(PAGE)
    assert response.status_code == 200 and response.content.decode().count('name="remove"') == 4
    assert_within_budget(response)
