"""Starting a discussion, replying and editing: who may, in whose name, what is kept in step, who is told."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.networks.conftest import add_member, organization_in
from birge.networks.discussions.models import Post, Thread
from birge.networks.discussions.services import MAX_BODY, post_edit, post_reply, thread_start
from birge.networks.events import Verb
from birge.networks.networks.services import network_close
from birge.orgs.members.models import Role as OrgRole
from birge.orgs.tests.factories import with_member
from conftest import make_user

pytestmark = pytest.mark.usefixtures("in_english")


def start(actor, network, organization, body="Предлагаю обсудить план на осень.", title="План на осень"):
    return thread_start(actor=actor, network=network, organization=organization, title=title, body=body)


def nothing_written():
    return (
        not Thread.objects.exists()
        and not Post.objects.exists()
        and not Event.objects.filter(verb__in=[Verb.THREAD_STARTED, Verb.POST_ADDED]).exists()
    )


def test_a_member_starts_a_thread_in_the_name_of_their_organization(network, kg_owner, kg_ngo):
    thread = start(kg_owner, network, kg_ngo)

    assert (thread.network, thread.author, thread.organization, thread.reply_count) == (
        network,
        kg_owner,
        kg_ngo,
        0,
    )
    post = thread.posts.get()
    assert (post.author, post.organization, post.body) == (
        kg_owner,
        kg_ngo,
        "Предлагаю обсудить план на осень.",
    )
    assert abs(thread.last_post_at - post.created_at) < dt.timedelta(seconds=1)
    event = Event.objects.get(verb=Verb.THREAD_STARTED)
    assert (event.actor, event.target_id) == (kg_owner, str(thread.pk))
    assert event.new == {
        "network": network.pk,
        "organization": kg_ngo.pk,
        "title": "План на осень",
        "mentions": [],
    }


def test_a_plain_member_of_a_member_organization_takes_part_too(network, reader, kz_ngo):
    assert start(reader, network, kz_ngo).author == reader


def test_an_outsider_may_not_start_a_thread_and_nothing_is_written(network, outsider, outsider_ngo):
    with pytest.raises(PermissionDenied):
        start(outsider, network, outsider_ngo)
    assert nothing_written()


def test_one_may_write_only_in_the_name_of_ones_own_member_organization(
    network, kg_owner, kz_ngo, outsider_ngo
):
    with_member(outsider_ngo, kg_owner, OrgRole.OWNER)  # theirs, but not a member of the network
    for organization in (kz_ngo, outsider_ngo, None):
        with pytest.raises(ValidationError) as caught:
            start(kg_owner, network, organization)
        assert "organization" in caught.value.message_dict
    assert nothing_written()


def test_a_title_and_a_text_are_needed_and_the_text_has_a_limit(network, kg_owner, kg_ngo):
    with pytest.raises(ValidationError) as caught:
        start(kg_owner, network, kg_ngo, title="  ", body="")
    assert caught.value.message_dict == {
        "title": ["Give the discussion a title."],
        "body": ["Write something first."],
    }
    with pytest.raises(ValidationError) as caught:
        start(kg_owner, network, kg_ngo, body="я" * (MAX_BODY + 1))
    assert caught.value.message_dict["body"] == [
        f"The text is {MAX_BODY + 1} characters long; keep it under {MAX_BODY}."
    ]
    with pytest.raises(ValidationError):
        start(kg_owner, network, kg_ngo, title="Два\nряда")
    assert nothing_written()
    assert start(kg_owner, network, kg_ngo, body="я" * MAX_BODY).posts.get().body == "я" * MAX_BODY


def test_a_closed_network_takes_no_thread_nor_reply(network, coordinator, kg_owner, kg_ngo, kz_ngo):
    thread = start(kg_owner, network, kg_ngo)
    network_close(actor=coordinator, network=network)
    with pytest.raises(ValidationError):
        start(coordinator, network, kz_ngo)
    with pytest.raises(ValidationError):
        post_reply(actor=coordinator, thread=thread, organization=kz_ngo, body="Ответ")
    assert Thread.objects.count() == 1 and Post.objects.count() == 1


def test_a_reply_keeps_the_thread_in_step_and_tells_earlier_participants_only(
    network,
    kg_owner,
    kg_ngo,
    coordinator,
    kz_ngo,
    tj_owner,
    tj_ngo,
    reader,
    django_capture_on_commit_callbacks,
):
    thread = start(kg_owner, network, kg_ngo)
    started = Thread.objects.get().last_post_at
    with django_capture_on_commit_callbacks(execute=True):
        first = post_reply(actor=coordinator, thread=thread, organization=kz_ngo, body="Согласна.")
    # The thread's author is told; nobody else wrote before, and the replier is not told of their own post.
    assert [n.recipient for n in Notification.objects.filter(kind="networks.discussion")] == [kg_owner]
    with django_capture_on_commit_callbacks(execute=True):
        post_reply(actor=tj_owner, thread=thread, organization=tj_ngo, body="И мы.")
    told = Notification.objects.filter(kind="networks.discussion").order_by("pk")
    assert sorted(n.recipient.email for n in told[1:]) == sorted([kg_owner.email, coordinator.email])
    assert reader not in {n.recipient for n in told}

    thread.refresh_from_db()
    assert thread.reply_count == 2 and thread.last_post_at > started
    assert thread.last_post_at == Post.objects.latest("pk").created_at
    assert first.organization == kz_ngo
    event = Event.objects.filter(verb=Verb.POST_ADDED).order_by("pk").first()
    assert (event.actor, event.target_id, event.new["post"]) == (coordinator, str(thread.pk), first.pk)
    # "networks.discussion" comes in the daily digest unless a person chose otherwise: no e-mail at once.
    assert mail.outbox == []


def test_an_outsider_may_not_reply_and_nothing_changes(network, kg_owner, kg_ngo, outsider, outsider_ngo):
    thread = start(kg_owner, network, kg_ngo)
    with pytest.raises(PermissionDenied):
        post_reply(actor=outsider, thread=thread, organization=outsider_ngo, body="Можно мне?")
    thread.refresh_from_db()
    assert thread.reply_count == 0 and Post.objects.count() == 1
    assert not Event.objects.filter(verb=Verb.POST_ADDED).exists()


def test_a_mention_of_a_member_organization_is_kept_and_its_speakers_are_told(
    network, coordinator, kz_ngo, kg_owner, kg_ngo, reader
):
    editor = make_user("editor@example.org", display_name="Editor")
    with_member(kg_ngo, editor, OrgRole.EDITOR)
    plain = make_user("plain@example.org")
    with_member(kg_ngo, plain, OrgRole.MEMBER)

    thread = start(
        coordinator, network, kz_ngo, body=f"Коллеги из @{kg_ngo.slug}, что скажете? И @{kz_ngo.slug}."
    )

    post = thread.posts.get()
    assert set(post.mentions.all()) == {kg_ngo, kz_ngo}
    told = {n.recipient for n in Notification.objects.filter(kind="networks.discussion")}
    # The owner and the editor answer for the Kyrgyz organization; the coordinator wrote the post herself;
    # the plain members of either are not told.
    assert told == {kg_owner, editor}
    assert set(Event.objects.get(verb=Verb.THREAD_STARTED).new["mentions"]) == {kg_ngo.pk, kz_ngo.pk}


def test_a_mention_of_an_organization_outside_the_network_is_neither_kept_nor_told(
    network, coordinator, kz_ngo, outsider, outsider_ngo, secret_network
):
    start(coordinator, network, kz_ngo, body=f"А что думает @{outsider_ngo.slug}?")

    assert not Post.objects.get().mentions.exists()
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_a_reply_mentioning_a_participant_tells_them_once(network, kg_owner, kg_ngo, coordinator, kz_ngo):
    thread = start(kg_owner, network, kg_ngo)
    post_reply(
        actor=coordinator, thread=thread, organization=kz_ngo, body=f"@{kg_ngo.slug}, ответьте, пожалуйста."
    )

    notices = Notification.objects.filter(kind="networks.discussion", recipient=kg_owner)
    assert notices.count() == 1
    # In the language kg_owner reads: Russian.
    assert notices.get().title == "Вашу организацию упомянули в обсуждении «План на осень»"


def test_the_author_edits_their_post_within_a_day(network, kg_owner, kg_ngo, tj_owner, tj_ngo):
    thread = start(kg_owner, network, kg_ngo)
    post = thread.posts.get()

    post_edit(actor=kg_owner, post=post, body=f"Исправлено: план на осень, @{tj_ngo.slug}.")

    post.refresh_from_db()
    assert post.body.startswith("Исправлено") and post.edited_at is not None
    assert list(post.mentions.all()) == [tj_ngo]
    assert Notification.objects.filter(recipient=tj_owner, kind="networks.discussion").count() == 1
    event = Event.objects.get(verb=Verb.POST_EDITED)
    assert event.old == {"length": len("Предлагаю обсудить план на осень.")}
    assert event.new == {"length": len(post.body)}
    assert post.body not in str(event.new) and "план на осень" not in str(event.old)


def test_only_the_author_edits_and_only_for_a_day(network, kg_owner, kg_ngo, coordinator):
    post = start(kg_owner, network, kg_ngo).posts.get()
    with pytest.raises(PermissionDenied):
        post_edit(actor=coordinator, post=post, body="Чужая правка")
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - dt.timedelta(hours=25))
    post.refresh_from_db()
    with pytest.raises(PermissionDenied):
        post_edit(actor=kg_owner, post=post, body="Поздняя правка")
    post.refresh_from_db()
    assert post.body == "Предлагаю обсудить план на осень." and post.edited_at is None
    assert not Event.objects.filter(verb=Verb.POST_EDITED).exists()


def test_an_author_whose_organization_left_may_no_longer_edit(network, kg_owner, kg_ngo):
    post = start(kg_owner, network, kg_ngo).posts.get()
    network.memberships.filter(organization=kg_ngo).delete()
    with pytest.raises(PermissionDenied):
        post_edit(actor=kg_owner, post=post, body="Правка")


def test_an_organization_that_joins_later_can_be_mentioned(
    network, coordinator, kz_ngo, outsider, outsider_ngo
):
    add_member(network, outsider_ngo)
    start(coordinator, network, kz_ngo, body=f"Добро пожаловать, @{outsider_ngo.slug}!")
    assert list(Post.objects.get().mentions.all()) == [outsider_ngo]
    assert Notification.objects.filter(recipient=outsider).count() == 1


def test_an_unpublished_member_is_not_mentioned(network, coordinator, kz_ngo):
    owner = make_user("draft@example.org")
    draft = organization_in("KZ", owner, published_at=None)
    add_member(network, draft)
    start(coordinator, network, kz_ngo, body=f"@{draft.slug}")
    assert not Post.objects.get().mentions.exists()
    assert not Notification.objects.filter(recipient=owner).exists()
