"""Every discussion page takes as many queries with many threads and posts as with few, for each role that
opens it: the coordinator, a member organization's owner, a plain member (the reader) and an outsider on a
public network."""

import itertools

import pytest
from django.utils import timezone

from birge.core.testing import assert_same_queries, assert_within_budget, counted_get
from birge.networks.discussions.models import Post, Thread

ROLES = ["coordinator", "kg_owner", "reader", "outsider"]
_numbers = itertools.count()


def more_threads(network, writers, count: int) -> None:
    """`count` threads by the writers in turn ((user, organization) pairs), each with a reply."""
    for (author, organization), _ in zip(itertools.cycle(writers), range(count), strict=False):
        n = next(_numbers)
        thread = Thread.objects.create(
            network=network,
            title=f"Тема {n}",
            author=author,
            organization=organization,
            last_post_at=timezone.now(),
            reply_count=1,
        )
        Post.objects.create(thread=thread, author=author, organization=organization, body=f"Текст {n}")
        Post.objects.create(thread=thread, author=author, organization=organization, body="Ответ")


def more_posts(thread, writers, count: int, mentioned) -> None:
    """`count` posts by the writers in turn, each in Markdown and mentioning the `mentioned` organizations."""
    for (author, organization), _ in zip(itertools.cycle(writers), range(count), strict=False):
        n = next(_numbers)
        names = " ".join(f"@{org.slug}" for org in mentioned)
        post = Post.objects.create(
            thread=thread,
            author=author,
            organization=organization,
            body=f"**Сообщение {n}** для {names}\n\n- пункт\n- [ссылка](https://example.org/{n})",
        )
        post.mentions.set(mentioned)


@pytest.fixture
def writers(coordinator, kz_ngo, kg_owner, kg_ngo, tj_owner, tj_ngo):
    return [(coordinator, kz_ngo), (kg_owner, kg_ngo), (tj_owner, tj_ngo)]


@pytest.fixture
def user_of(request):
    return lambda role: request.getfixturevalue(role)


@pytest.mark.parametrize("role", ROLES)
def test_the_list_of_threads(client, network, writers, user_of, role):
    client.force_login(user_of(role))
    url = f"/ru/networks/{network.slug}/discussions/"
    client.get(url)
    more_threads(network, writers, 2)
    few = counted_get(client, url)
    more_threads(network, writers, 15)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    page = many.response.content.decode()
    assert page.count('<li><h2><a href="') == 17
    assert ('name="title"' in page) is (role != "outsider")
    # The session and the user, their organizations and networks, the network, the threads counted and
    # read with their authors and organizations; the form's organizations for those who may write.
    assert_same_queries(few, many, at_most=8)


@pytest.mark.parametrize("role", ROLES)
def test_a_thread(client, network, writers, kg_ngo, tj_ngo, user_of, role):
    more_threads(network, writers, 1)
    thread = Thread.objects.get()
    client.force_login(user_of(role))
    url = f"/ru/networks/{network.slug}/discussions/{thread.pk}/"
    client.get(url)
    more_posts(thread, writers, 2, [kg_ngo])
    few = counted_get(client, url)
    more_posts(thread, writers, 15, [kg_ngo, tj_ngo])
    many = counted_get(client, url)

    assert_within_budget(many.response)
    page = many.response.content.decode()
    assert page.count('<article id="post-') == 19 and 'class="mention"' in page
    assert ('name="body"' in page) is (role != "outsider")
    # As the list, with the thread, the posts counted and read, their mentions, and the network's members.
    assert_same_queries(few, many, at_most=11)


@pytest.mark.parametrize("role", ["coordinator", "kg_owner", "reader"])
def test_the_new_thread_page(client, network, writers, user_of, role):
    client.force_login(user_of(role))
    url = f"/ru/networks/{network.slug}/discussions/new/"
    client.get(url)
    more_threads(network, writers, 2)
    few = counted_get(client, url)
    more_threads(network, writers, 10)
    many = counted_get(client, url)

    assert_within_budget(many.response)
    assert 'name="title"' in many.response.content.decode()
    assert_same_queries(few, many, at_most=6)


@pytest.mark.parametrize("role", ["coordinator", "kg_owner", "reader"])
def test_editing_a_post(client, network, writers, kz_ngo, kg_ngo, user_of, role):
    user = user_of(role)
    organization = kg_ngo if role == "kg_owner" else kz_ngo
    more_threads(network, [(user, organization)], 1)
    thread = Thread.objects.get()
    post = thread.posts.first()
    client.force_login(user)
    url = f"/ru/networks/{network.slug}/discussions/{thread.pk}/posts/{post.pk}/edit/"
    client.get(url)
    more_posts(thread, writers, 2, [kg_ngo])
    few = counted_get(client, url)
    more_posts(thread, writers, 10, [kg_ngo])
    many = counted_get(client, url)

    assert_within_budget(many.response)
    assert "Текст" in many.response.content.decode()
    assert_same_queries(few, many, at_most=6)
