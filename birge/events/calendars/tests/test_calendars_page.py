"""The calendars page: the addresses a person may subscribe to, and renewing a network's private one."""

import re

import pytest
from django.conf import settings

from birge.core.models import Event as AuditEntry
from birge.events.calendars import reads
from birge.events.calendars.models import FeedToken
from birge.events.events import Verb

URL = "/ru/events/calendar/"


@pytest.mark.django_db
def test_anyone_sees_the_countries_addresses(client, reference):
    page = client.get(URL).content.decode()
    assert "/ru/events/calendar/country/kz.ics" in page
    assert "webcal://" in page
    assert "/calendar/network/" not in page
    assert FeedToken.objects.count() == 0


@pytest.mark.django_db
def test_a_member_gets_a_private_address_for_each_of_their_networks(
    client, network, secret_network, kg_ngo, kg_owner
):
    client.force_login(kg_owner)
    page = client.get(URL).content.decode()

    tokens = {token.network_id: token for token in FeedToken.objects.filter(person=kg_owner)}
    assert set(tokens) == {network.pk, secret_network.pk}
    for token in tokens.values():
        path = f"/ru/events/calendar/network/{reads.address_token(token)}.ics"
        address = f"{settings.BIRGE_SITE_URL}{path}"
        assert address in page
        assert re.sub(r"^https?://", "webcal://", address) in page
    assert f"/ru/events/calendar/organization/{kg_ngo.slug}.ics" in page
    assert f'action="/ru/events/calendar/network/{network.slug}/renew/"' in page

    # The second visit keeps the same addresses.
    client.get(URL)
    assert {t.pk: t.salt for t in FeedToken.objects.filter(person=kg_owner)} == {
        t.pk: t.salt for t in tokens.values()
    }


@pytest.mark.django_db
def test_an_outsider_has_no_network_address(client, network, secret_network, outsider, outsider_ngo):
    client.force_login(outsider)
    page = client.get(URL).content.decode()
    assert "/calendar/network/" not in page
    assert "Тайный" not in page and "Сеть по трудовой миграции" not in page
    assert f"/ru/events/calendar/organization/{outsider_ngo.slug}.ics" in page
    assert FeedToken.objects.count() == 0


@pytest.mark.django_db
def test_renewing_changes_the_address_and_is_recorded(client, network, kg_owner):
    client.force_login(kg_owner)
    client.get(URL)
    before = FeedToken.objects.get(person=kg_owner, network=network)

    response = client.post(f"/ru/events/calendar/network/{network.slug}/renew/")

    assert response.status_code == 302
    assert response["Location"] == f"/ru/events/calendar/#network-{network.slug}"
    after = FeedToken.objects.get(person=kg_owner, network=network)
    assert after.pk == before.pk and after.salt != before.salt
    assert reads.address_token(after) != reads.address_token(before)
    entry = AuditEntry.objects.get(verb=Verb.FEED_TOKEN_RENEWED)
    assert entry.actor == kg_owner and entry.new == {"network": network.pk}
    assert before.salt not in str(entry.new) and after.salt not in str(entry.new)
    page = client.get(URL).content.decode()
    assert reads.address_token(after) in page and reads.address_token(before) not in page


@pytest.mark.django_db
def test_only_a_member_may_renew(client, network, secret_network, outsider):
    client.force_login(outsider)
    assert client.post(f"/ru/events/calendar/network/{network.slug}/renew/").status_code == 404
    # A secret network does not exist for them.
    assert client.post(f"/ru/events/calendar/network/{secret_network.slug}/renew/").status_code == 404
    assert FeedToken.objects.count() == 0
    assert not AuditEntry.objects.filter(verb=Verb.FEED_TOKEN_RENEWED).exists()


@pytest.mark.django_db
def test_renewing_asks_to_sign_in_and_is_a_post(client, network, kg_owner):
    response = client.post(f"/ru/events/calendar/network/{network.slug}/renew/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(kg_owner)
    assert client.get(f"/ru/events/calendar/network/{network.slug}/renew/").status_code == 405
