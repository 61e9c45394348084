"""The announcement pages: the list with urgent alerts marked and the coordinators' form, one announcement
with its text made safe, and who may see them."""

import pytest
from django.core import mail

from birge.core.testing import assert_within_budget
from birge.networks.announcements.models import Announcement
from birge.networks.announcements.services import announce
from birge.networks.networks.models import Network, Visibility
from birge.networks.networks.services import network_close

pytestmark = pytest.mark.usefixtures("in_english")


def list_url(network):
    return f"/en/networks/{network.slug}/announcements/"


def item_url(announcement):
    return f"/en/networks/{announcement.network.slug}/announcements/{announcement.pk}/"


def members_only(network):
    Network.objects.filter(pk=network.pk).update(visibility=Visibility.MEMBERS_ONLY)
    network.refresh_from_db()
    return network


def test_the_list_is_empty_at_first_and_a_coordinator_has_the_form(client, network, coordinator):
    client.force_login(coordinator)
    response = client.get(list_url(network))

    assert_within_budget(response)
    page = response.content.decode()
    assert "No announcement yet." in page
    assert 'name="title"' in page and 'name="urgent"' in page


@pytest.mark.parametrize("role", ["kg_owner", "tj_owner", "reader", "outsider"])
def test_others_read_the_list_without_the_form(client, network, coordinator, request, role):
    announce(actor=coordinator, network=network, title="Собрание", body="В пятницу **в 10**.")
    announce(actor=coordinator, network=network, title="Задержания", body="Нужны юристы.", urgent=True)
    client.force_login(request.getfixturevalue(role))

    response = client.get(list_url(network))

    assert_within_budget(response)
    page = response.content.decode()
    assert page.index("Задержания") < page.index("Собрание")  # newest first
    assert page.count('<span class="badge">urgent</span>') == 1
    assert "В пятницу в 10." in page and "**" not in page  # the start of the text, without its Markdown
    assert 'name="title"' not in page
    response = client.post(list_url(network), {"title": "Моё", "body": "Текст"})
    assert response.status_code == 403 and Announcement.objects.count() == 2


def test_a_coordinator_posts_an_alert_from_the_page(
    client, network, coordinator, kg_owner, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            list_url(network), {"title": "Срочно", "body": "Нужна помощь.", "urgent": "on"}
        )

    alert = Announcement.objects.get()
    assert response.status_code == 302 and response["Location"] == item_url(alert)
    assert alert.urgent and kg_owner.email in {m.to[0] for m in mail.outbox}
    response = client.get(item_url(alert))
    assert_within_budget(response)
    page = response.content.decode()
    assert "The alert is sent to every member by e-mail." in page
    assert '<span class="badge">urgent</span>' in page and "<p>Нужна помощь.</p>" in page


def test_the_form_shows_the_services_errors_and_keeps_what_was_typed(client, network, coordinator):
    client.force_login(coordinator)
    response = client.post(list_url(network), {"title": "Отчёт", "body": "я" * 20_001})
    assert response.status_code == 200
    page = response.content.decode()
    assert "The text is 20001 characters long; keep it under 20000." in page and 'value="Отчёт"' in page
    assert not Announcement.objects.exists()


def test_an_announcement_shows_its_markdown_made_safe(client, network, coordinator, outsider):
    announcement = announce(
        actor=coordinator,
        network=network,
        title="Итоги",
        body="## Решения\n\n<script>alert(1)</script> [ссылка](javascript:alert(2)) [сайт](https://example.org)",
    )
    for who in (outsider, None):
        client.logout()
        if who:
            client.force_login(who)
        response = client.get(item_url(announcement))
        assert_within_budget(response)
        page = response.content.decode()
        assert "<h4>Решения</h4>" in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script>alert" not in page and 'href="javascript' not in page
        assert '<a href="https://example.org" rel="nofollow noopener ugc">сайт</a>' in page


def test_members_only_announcements_are_not_found_by_an_outsider(
    client, network, coordinator, outsider, reader
):
    announcement = announce(actor=coordinator, network=network, title="Итоги", body="Текст")
    members_only(network)
    client.force_login(outsider)
    assert client.get(list_url(network)).status_code == 404
    assert client.get(item_url(announcement)).status_code == 404
    assert client.post(list_url(network), {"title": "x", "body": "y"}).status_code == 404
    client.force_login(reader)
    assert client.get(item_url(announcement)).status_code == 200


def test_a_secret_networks_announcements_do_not_exist_for_others(client, secret_network, kg_owner, outsider):
    announcement = announce(actor=kg_owner, network=secret_network, title="Срочно", body="Текст", urgent=True)
    client.force_login(outsider)
    assert client.get(list_url(secret_network)).status_code == 404
    assert client.get(item_url(announcement)).status_code == 404


def test_an_announcement_is_found_only_under_its_own_network(client, network, secret_network, kg_owner):
    announcement = announce(actor=kg_owner, network=secret_network, title="Срочно", body="Текст")
    client.force_login(kg_owner)
    assert client.get(f"/en/networks/{network.slug}/announcements/{announcement.pk}/").status_code == 404


def test_an_anonymous_post_goes_to_the_login_page(client, network):
    response = client.post(list_url(network), {"title": "x", "body": "y"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Announcement.objects.exists()


def test_a_closed_network_shows_its_announcements_without_the_form(client, network, coordinator):
    announce(actor=coordinator, network=network, title="Последнее", body="Спасибо всем.")
    network_close(actor=coordinator, network=network)
    client.force_login(coordinator)
    page = client.get(list_url(network)).content.decode()
    assert "Последнее" in page and "This network is closed" in page and 'name="title"' not in page
