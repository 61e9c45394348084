import pytest

from birge.core.testing import assert_within_budget
from birge.networks.conftest import SECRET_NAME
from birge.networks.networks.models import Network

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_the_list_shows_listed_networks_and_finds_a_latin_spelling(client, network, secret_network):
    response = client.get("/en/networks/")
    assert_within_budget(response)
    html = response.content.decode()
    assert network.name in html and SECRET_NAME not in html
    found = client.get("/en/networks/", {"q": "trudovoy migratsii"}).content.decode()
    assert network.name in found
    assert "No network matches" in client.get("/en/networks/", {"q": "Taynyy Sapar"}).content.decode()


def test_a_member_finds_their_secret_network_in_the_list(client, network, secret_network, kg_owner):
    client.force_login(kg_owner)
    html = client.get("/en/networks/", {"q": "Taynyy Sapar"}).content.decode()
    assert SECRET_NAME in html


def test_filters_by_kind_country_and_theme(client, network):
    theme = network.themes.first()
    assert (
        network.name in client.get("/en/networks/", {"country": "TJ", "theme": theme.slug}).content.decode()
    )
    assert network.name not in client.get("/en/networks/", {"country": "AZ"}).content.decode()
    assert network.name not in client.get("/en/networks/", {"kind": "response"}).content.decode()
    # Nonsense in the filters is ignored rather than an error.
    assert client.get("/en/networks/", {"kind": "<x>", "country": "\x00", "page": "z"}).status_code == 200


def test_the_network_page_shows_members_by_country(client, network, kz_ngo, kg_ngo, tj_ngo):
    response = client.get(f"/en/networks/{network.slug}/")
    assert_within_budget(response)
    html = response.content.decode()
    for organization in (kz_ngo, kg_ngo, tj_ngo):
        assert organization.name in html
    assert "Kazakhstan" in html and "Tajikistan" in html
    assert "Change the network" not in html


def test_a_secret_network_answers_404_to_outsiders_and_200_to_members(
    client, secret_network, outsider, kg_owner
):
    url = f"/en/networks/{secret_network.slug}/"
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    response = client.get(url)
    assert response.status_code == 404 and SECRET_NAME not in response.content.decode()
    client.force_login(kg_owner)
    assert SECRET_NAME in client.get(url).content.decode()


def test_a_coordinator_creates_a_network_without_javascript(client, kz_ngo, coordinator, reference):
    client.force_login(coordinator)
    assert "Founding organization" in client.get("/en/networks/new/").content.decode()
    response = client.post(
        "/en/networks/new/",
        {
            "founder": kz_ngo.pk,
            "name": "",
            "description": "Что-то",
            "language": "ru",
            "kind": "thematic",
            "visibility": "public",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required" in html and "Что-то" in html
    response = client.post(
        "/en/networks/new/",
        {
            "founder": kz_ngo.pk,
            "name": "Экосеть",
            "language": "ru",
            "kind": "thematic",
            "visibility": "members_only",
        },
    )
    network = Network.objects.get(name="Экосеть")
    assert response.status_code == 302 and response["Location"] == f"/en/networks/{network.slug}/"


def test_someone_without_an_organization_is_told_how_to_found_one(client, outsider, reference):
    client.force_login(outsider)
    assert "you need to be an owner or editor" in client.get("/en/networks/new/").content.decode()


def test_only_coordinators_open_the_edit_page(client, network, kg_owner, coordinator):
    client.force_login(kg_owner)
    assert client.get(f"/en/networks/{network.slug}/edit/").status_code == 403
    client.force_login(coordinator)
    response = client.post(
        f"/en/networks/{network.slug}/edit/",
        {"name": "Сеть по миграции", "language": "ru", "kind": "thematic", "visibility": "public"},
    )
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.name == "Сеть по миграции"


def test_the_organization_profile_lists_the_networks_its_viewer_may_know(
    client, network, secret_network, kg_ngo, kg_owner, outsider
):
    url = kg_ngo.get_absolute_url()
    html = client.get(url).content.decode()
    assert network.name in html and SECRET_NAME not in html
    client.force_login(outsider)
    assert SECRET_NAME not in client.get(url).content.decode()
    client.force_login(kg_owner)
    assert SECRET_NAME in client.get(url).content.decode()


def test_readers_see_the_latest_announcements_and_the_open_decisions_first(
    client, network, coordinator, outsider, kz_ngo
):
    import datetime as dt

    from django.utils import timezone

    from birge.networks.announcements.models import Announcement
    from birge.networks.decisions.models import Decision
    from birge.networks.networks.services import network_update

    Announcement.objects.create(network=network, title="Задержания на границе", body="Юристы", urgent=True)
    closes = timezone.now() + dt.timedelta(days=2)
    Decision.objects.create(network=network, title="Встреча в Бишкеке", proposal="Весной", closes_at=closes)
    html = client.get(f"/en/networks/{network.slug}/").content.decode()
    assert "Задержания на границе" in html and "urgent" in html and "Встреча в Бишкеке" in html
    # Content for members only: the network is listed, what it says is not.
    network_update(actor=coordinator, network=network, visibility="members_only")
    client.force_login(outsider)
    html = client.get(f"/en/networks/{network.slug}/").content.decode()
    assert "Задержания на границе" not in html and "Встреча в Бишкеке" not in html
