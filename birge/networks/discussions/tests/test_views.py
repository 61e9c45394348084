"""The discussion pages: who reads them, who writes, what a post shows (Markdown made safe, mentions of
member organizations only), and their weight."""

import pytest
from django.core import mail
from django.utils import timezone

from birge.core.testing import assert_within_budget
from birge.networks.discussions.models import Post, Thread
from birge.networks.discussions.services import post_reply, thread_start
from birge.networks.networks.models import Network, Visibility

pytestmark = pytest.mark.usefixtures("in_english")


def threads_url(network):
    return f"/en/networks/{network.slug}/discussions/"


def thread_url(thread):
    return f"/en/networks/{thread.network.slug}/discussions/{thread.pk}/"


def start(actor, network, organization, body="Обсудим план на осень.", title="План на осень"):
    return thread_start(actor=actor, network=network, organization=organization, title=title, body=body)


def members_only(network):
    Network.objects.filter(pk=network.pk).update(visibility=Visibility.MEMBERS_ONLY)
    network.refresh_from_db()
    return network


def test_the_list_is_empty_at_first_and_a_member_may_start_one(client, network, kg_owner):
    client.force_login(kg_owner)
    response = client.get(threads_url(network))

    assert_within_budget(response)
    page = response.content.decode()
    assert "No discussion yet." in page
    assert f'action="/en/networks/{network.slug}/discussions/new/"' in page and 'name="title"' in page
    # One organization to speak for: nothing to choose.
    assert 'type="hidden" name="organization"' in page


def test_a_reader_of_a_public_network_sees_the_threads_but_no_form(
    client, network, outsider, kg_owner, kg_ngo
):
    start(kg_owner, network, kg_ngo)
    for who in (outsider, None):
        client.logout()
        if who:
            client.force_login(who)
        response = client.get(threads_url(network))
        assert_within_budget(response)
        page = response.content.decode()
        assert "План на осень" in page and "Bakyt" in page and "Мигрант Ордо" in page
        assert 'name="title"' not in page


def test_the_list_shows_the_newest_activity_first(client, network, kg_owner, kg_ngo, coordinator, kz_ngo):
    old = start(kg_owner, network, kg_ngo, title="Старая тема")
    start(coordinator, network, kz_ngo, title="Новая тема")
    post_reply(actor=coordinator, thread=old, organization=kz_ngo, body="Ответ")

    page = client.get(threads_url(network)).content.decode()

    assert page.index("Старая тема") < page.index("Новая тема")
    assert "1 reply" in page


def test_members_only_content_is_not_found_by_an_outsider(client, network, outsider, kg_owner, kg_ngo):
    thread = start(kg_owner, network, kg_ngo)
    members_only(network)
    post = thread.posts.get()
    client.force_login(outsider)
    for url in (
        threads_url(network),
        thread_url(thread),
        f"{threads_url(network)}new/",
        f"{thread_url(thread)}posts/{post.pk}/edit/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(thread_url(thread), {"body": "Я тоже"}).status_code == 404
    client.logout()
    assert client.get(threads_url(network)).status_code == 404
    client.force_login(kg_owner)
    assert client.get(thread_url(thread)).status_code == 200


def test_a_secret_networks_discussions_do_not_exist_for_others(
    client, secret_network, kg_owner, kg_ngo, outsider
):
    thread = start(kg_owner, secret_network, kg_ngo)
    client.force_login(outsider)
    assert client.get(threads_url(secret_network)).status_code == 404
    assert client.get(thread_url(thread)).status_code == 404


def test_a_member_starts_a_thread(client, network, reader, kz_ngo):
    client.force_login(reader)
    response = client.post(
        f"{threads_url(network)}new/",
        {"title": "Вопрос о визах", "body": "Кто знает новые правила?", "organization": kz_ngo.pk},
    )

    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread_url(thread)
    assert (thread.author, thread.organization, thread.posts.get().body) == (
        reader,
        kz_ngo,
        "Кто знает новые правила?",
    )


def test_the_new_thread_form_shows_the_services_errors(client, network, kg_owner, kg_ngo):
    client.force_login(kg_owner)
    response = client.post(
        f"{threads_url(network)}new/", {"title": "Тема", "body": "я" * 20_001, "organization": kg_ngo.pk}
    )

    assert response.status_code == 200
    assert "The text is 20001 characters long; keep it under 20000." in response.content.decode()
    assert not Thread.objects.exists()


def test_an_outsider_may_not_start_a_thread_on_a_public_network(client, network, outsider, outsider_ngo):
    client.force_login(outsider)
    response = client.post(
        f"{threads_url(network)}new/", {"title": "Тема", "body": "Текст", "organization": outsider_ngo.pk}
    )
    assert response.status_code == 403 and not Thread.objects.exists()


def test_the_thread_page_shows_markdown_made_safe(client, network, kg_owner, kg_ngo):
    thread = start(
        kg_owner,
        network,
        kg_ngo,
        body=(
            "**Жирный** и <script>alert('xss')</script> и [ссылка](javascript:alert(1)) и "
            '<img src=x onerror="alert(2)"> и [сайт](https://example.org)'
        ),
    )

    response = client.get(thread_url(thread))

    assert_within_budget(response)
    page = response.content.decode()
    assert "<strong>Жирный</strong>" in page
    assert "<script>alert(" not in page and "&lt;script&gt;alert('xss')&lt;/script&gt;" in page
    assert 'href="javascript' not in page and "<img src=x" not in page
    assert '<a href="https://example.org" rel="nofollow noopener ugc">сайт</a>' in page


def test_a_mention_of_a_member_is_linked_and_of_a_non_member_is_not(
    client, network, coordinator, kz_ngo, kg_ngo, outsider_ngo
):
    thread = start(coordinator, network, kz_ngo, body=f"@{kg_ngo.slug} и @{outsider_ngo.slug}")

    page = client.get(thread_url(thread)).content.decode()

    assert (
        f'<a href="/en/orgs/{kg_ngo.slug}/" class="mention" rel="nofollow noopener ugc">@{kg_ngo.slug}</a>'
        in page
    )
    assert f"/orgs/{outsider_ngo.slug}/" not in page and f"@{outsider_ngo.slug}" in page


def test_a_mention_of_an_organization_that_left_is_no_longer_linked(
    client, network, coordinator, kz_ngo, kg_ngo
):
    thread = start(coordinator, network, kz_ngo, body=f"@{kg_ngo.slug}")
    network.memberships.filter(organization=kg_ngo).delete()

    page = client.get(thread_url(thread)).content.decode()

    assert f"/orgs/{kg_ngo.slug}/" not in page and f"@{kg_ngo.slug}" in page


def test_a_member_replies_and_lands_on_their_post(
    client, network, kg_owner, kg_ngo, coordinator, kz_ngo, django_capture_on_commit_callbacks
):
    thread = start(kg_owner, network, kg_ngo)
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(thread_url(thread), {"body": "Поддерживаю.", "organization": kz_ngo.pk})

    post = Post.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == f"{thread_url(thread)}#post-{post.pk}"
    assert (post.body, post.author, post.organization) == ("Поддерживаю.", coordinator, kz_ngo)
    thread.refresh_from_db()
    assert thread.reply_count == 1
    page = client.get(thread_url(thread)).content.decode()
    assert f'id="post-{post.pk}"' in page and "Поддерживаю." in page
    assert mail.outbox == []  # the thread's author gets it in the daily digest


def test_a_reply_with_errors_keeps_what_was_typed(client, network, kg_owner, kg_ngo):
    thread = start(kg_owner, network, kg_ngo)
    client.force_login(kg_owner)
    response = client.post(thread_url(thread), {"body": "   ", "organization": kg_ngo.pk})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert Post.objects.count() == 1


def test_a_reader_on_a_public_network_cannot_reply(client, network, kg_owner, kg_ngo, outsider, outsider_ngo):
    thread = start(kg_owner, network, kg_ngo)
    client.force_login(outsider)
    page = client.get(thread_url(thread)).content.decode()
    assert 'name="body"' not in page
    assert client.post(thread_url(thread), {"body": "Я", "organization": outsider_ngo.pk}).status_code == 403
    client.logout()
    response = client.post(thread_url(thread), {"body": "Я"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Post.objects.count() == 1


def test_a_long_thread_is_paginated_and_a_reply_lands_on_the_last_page(client, network, kg_owner, kg_ngo):
    thread = start(kg_owner, network, kg_ngo)
    Post.objects.bulk_create(
        Post(thread=thread, author=kg_owner, organization=kg_ngo, body=f"Сообщение номер {n}")
        for n in range(1, 25)
    )
    client.force_login(kg_owner)

    first = client.get(thread_url(thread)).content.decode()
    assert "Сообщение номер 19<" in first and "Сообщение номер 20<" not in first
    assert 'rel="next"' in first

    response = client.post(thread_url(thread), {"body": "Последнее", "organization": kg_ngo.pk})
    post = Post.objects.latest("pk")
    assert response["Location"] == f"{thread_url(thread)}?page=2#post-{post.pk}"
    second = client.get(f"{thread_url(thread)}?page=2")
    assert_within_budget(second)
    assert "Сообщение номер 20<" in second.content.decode() and "Последнее" in second.content.decode()


def test_the_author_edits_their_post_and_the_page_says_so(client, network, kg_owner, kg_ngo, coordinator):
    thread = start(kg_owner, network, kg_ngo)
    post = thread.posts.get()
    edit_url = f"{thread_url(thread)}posts/{post.pk}/edit/"
    client.force_login(coordinator)
    assert edit_url not in client.get(thread_url(thread)).content.decode()
    assert client.get(edit_url).status_code == 403

    client.force_login(kg_owner)
    assert edit_url in client.get(thread_url(thread)).content.decode()
    response = client.get(edit_url)
    assert_within_budget(response)
    assert "Обсудим план на осень." in response.content.decode()
    response = client.post(edit_url, {"body": "Обсудим план на зиму."})
    assert response.status_code == 302 and response["Location"] == f"{thread_url(thread)}#post-{post.pk}"
    page = client.get(thread_url(thread)).content.decode()
    assert "Обсудим план на зиму." in page and "edited" in page


def test_a_post_older_than_a_day_has_no_edit_link(client, network, kg_owner, kg_ngo):
    thread = start(kg_owner, network, kg_ngo)
    post = thread.posts.get()
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timezone.timedelta(days=2))
    client.force_login(kg_owner)
    assert "/edit/" not in client.get(thread_url(thread)).content.decode()
    assert client.post(f"{thread_url(thread)}posts/{post.pk}/edit/", {"body": "Поздно"}).status_code == 403


def test_a_closed_network_shows_its_discussions_without_forms(client, network, coordinator, kg_owner, kg_ngo):
    from birge.networks.networks.services import network_close

    thread = start(kg_owner, network, kg_ngo)
    network_close(actor=coordinator, network=network)
    client.force_login(kg_owner)
    for url in (threads_url(network), thread_url(thread)):
        page = client.get(url).content.decode()
        assert "This network is closed" in page and 'name="body"' not in page
