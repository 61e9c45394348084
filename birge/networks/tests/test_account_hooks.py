"""What a person's data export holds of networks, and what deleting their account leaves behind."""

from decimal import Decimal

import pytest

from birge.accounts.services import account_delete, account_export
from birge.networks.discussions.models import Post, Thread
from birge.networks.discussions.services import post_reply, thread_start
from birge.networks.response.models import Incident, Need, Pledge

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(network, reference):
    from birge.core.models import Country

    incident = Incident.objects.create(
        network=network, what="Сель", country=Country.objects.get(code="TJ"), happened_on="2026-11-27"
    )
    return Need.objects.create(incident=incident, kind="goods", title="Палатки", quantity=40, unit="штук")


def test_the_export_holds_what_the_person_wrote_and_pledged_themselves(network, kg_owner, kg_ngo, need):
    thread = thread_start(actor=kg_owner, network=network, organization=kg_ngo, title="План", body="Первый")
    post_reply(actor=kg_owner, thread=thread, organization=kg_ngo, body="Второй пост")
    Pledge.objects.create(need=need, person=kg_owner, quantity=Decimal(3), note="Привезу сам")
    Pledge.objects.create(need=need, person=kg_owner, organization=kg_ngo, quantity=Decimal(5))

    data = account_export(actor=kg_owner, user=kg_owner)["networks"]
    assert [post["text"] for post in data["posts"]] == ["Первый", "Второй пост"]
    assert data["posts"][0]["network"] == network.name and data["posts"][0]["discussion"] == "План"
    # The organization's pledge is the organization's; the person's own is theirs.
    assert data["pledges"] == [{"need": "Палатки", "quantity": "3.00", "unit": "штук", "note": "Привезу сам"}]


def test_deleting_the_account_keeps_the_posts_without_their_author(network, kg_owner, kg_ngo):
    thread = thread_start(actor=kg_owner, network=network, organization=kg_ngo, title="План", body="Текст")
    kg_owner.memberships.all().delete()  # the last owner of an organization with others may not go
    account_delete(actor=kg_owner, user=kg_owner)
    post = Post.objects.get(thread=thread)
    assert post.author is None and post.body == "Текст"
    assert Thread.objects.get(pk=thread.pk).author is None
