"""What networks put in the activity feeds, and to whom: a public network's news reaches everyone, a
members-only network's content only its members, and a secret network's activity never reaches a
non-member — on the home page, an organization's profile or the network's page."""

import itertools

import pytest

from birge.core.activity import feed
from birge.core.testing import assert_same_queries, counted_get
from birge.networks.announcements.services import announce
from birge.networks.conftest import SECRET_NAME
from birge.networks.membership.services import admission_answer, invite, request_join
from birge.networks.networks.models import Visibility
from birge.networks.networks.services import network_update

_numbers = itertools.count()


def texts(items) -> list[str]:
    return [item.text for item in items]


def more_news(network, coordinator, count: int) -> None:
    for _ in range(count):
        announce(actor=coordinator, network=network, title=f"Новость {next(_numbers)}", body="Текст.")


def test_a_public_networks_announcement_reaches_everyone_with_a_link(network, coordinator, outsider):
    more_news(network, coordinator, 1)

    for who in (None, outsider, coordinator):
        items = feed(who)
        assert items and "Новость" in items[0].text and network.name in items[0].text
        assert items[0].url.startswith(f"/ru/networks/{network.slug}/announcements/")


def test_a_members_only_networks_content_reaches_members_only(network, coordinator, outsider, reader):
    network_update(actor=coordinator, network=network, visibility=Visibility.MEMBERS_ONLY)
    more_news(network, coordinator, 1)

    assert not [text for text in texts(feed(outsider)) if "Новость" in text]
    assert not [text for text in texts(feed(None)) if "Новость" in text]
    assert [text for text in texts(feed(reader)) if "Новость" in text]
    # Its founding is not content: whoever may know the network sees it.
    assert [text for text in texts(feed(outsider, scope=network)) if network.name in text]


def test_a_secret_networks_activity_never_reaches_a_non_member(
    client, secret_network, kg_owner, kg_ngo, outsider, coordinator, kz_ngo
):
    more_news(secret_network, kg_owner, 3)
    invitation = invite(actor=kg_owner, network=secret_network, organization=kz_ngo)
    admission_answer(actor=coordinator, admission=invitation, accept=False)

    for who in (None, outsider, coordinator):
        for items in (feed(who), feed(who, scope=kg_ngo), feed(who, scope=secret_network)):
            assert all(SECRET_NAME not in text and "Новость" not in text for text in texts(items))
    member_sees = texts(feed(kg_owner, scope=kg_ngo))
    assert any(SECRET_NAME in text for text in member_sees)
    # Nor through the pages that show the feeds.
    client.force_login(outsider)
    for url in ("/ru/", f"/ru/orgs/{kg_ngo.slug}/"):
        page = client.get(url).content.decode()
        assert SECRET_NAME not in page and secret_network.slug not in page


def test_a_refused_request_is_nobodys_news_and_an_accepted_one_is(
    network, coordinator, outsider, outsider_ngo
):
    refused = request_join(actor=outsider, network=network, organization=outsider_ngo)
    admission_answer(actor=coordinator, admission=refused, accept=False)
    assert not feed(None, scope=outsider_ngo)
    accepted = request_join(actor=outsider, network=network, organization=outsider_ngo)
    admission_answer(actor=coordinator, admission=accepted, accept=True)

    joined = [text for text in texts(feed(None, scope=outsider_ngo)) if "новый участник сети" in text]
    assert len(joined) == 1 and outsider_ngo.name in joined[0]


# The most queries each page takes with a feed (its own, plus the feed's window, the window's scopes, and
# for the networks' items the networks and organizations they name).
AT_MOST = {
    ("home", "anonymous"): 11,
    ("home", "outsider"): 14,
    ("home", "reader"): 15,
    ("home", "coordinator"): 15,
    ("network", "anonymous"): 11,
    ("network", "outsider"): 14,
    ("network", "reader"): 16,
    ("network", "coordinator"): 17,
}


@pytest.mark.parametrize(("page", "role"), AT_MOST)
def test_the_home_page_and_the_network_page_take_as_many_queries_with_a_long_feed(
    client, network, secret_network, coordinator, kg_owner, outsider, reader, page, role
):
    if role != "anonymous":
        client.force_login({"outsider": outsider, "reader": reader, "coordinator": coordinator}[role])
    url = "/ru/" if page == "home" else f"/ru/networks/{network.slug}/"
    client.get(url)
    more_news(network, coordinator, 1)
    more_news(secret_network, kg_owner, 1)
    few = counted_get(client, url)
    more_news(network, coordinator, 12)
    more_news(secret_network, kg_owner, 12)
    many = counted_get(client, url)

    html = many.response.content.decode()
    assert html.count('<ul class="feed">') == 1 and SECRET_NAME not in html
    assert_same_queries(few, many, at_most=AT_MOST[page, role])
