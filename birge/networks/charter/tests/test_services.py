import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.networks.charter.models import Action, CharterVersion
from birge.networks.charter.services import STALE, charter_adopt, charter_save
from birge.networks.conftest import add_member
from birge.networks.events import Verb
from birge.networks.networks.models import Status
from birge.networks.networks.services import network_create

from .factories import TEXTS, action, decision_adopting, save, texts

pytestmark = pytest.mark.usefixtures("in_english")


def test_a_coordinator_saves_the_first_version_and_then_the_next(network, coordinator, kg_ngo, tj_ngo):
    first = save(network, coordinator, actions=[action(owner=kg_ngo)], note="Первый текст")
    assert (first.number, first.purpose, first.created_by, first.adopted_at) == (
        1,
        TEXTS["purpose"],
        coordinator,
        None,
    )
    assert [(a.title, a.owner, a.due_on, a.status) for a in first.actions.all()] == [
        ("Карта потребностей", kg_ngo, dt.date(2026, 9, 1), "planned")
    ]
    second = save(
        network,
        coordinator,
        actions=[
            action(owner=kg_ngo, status="done"),
            action("Обучение", owner=tj_ngo.pk, due_on="2026-12-01"),
        ],
        goals="Другие цели.",
    )
    assert second.number == 2 and second.goals == "Другие цели."
    assert [(a.title, a.owner_id, a.due_on, a.status) for a in second.actions.all()] == [
        ("Карта потребностей", kg_ngo.pk, dt.date(2026, 9, 1), "done"),
        ("Обучение", tj_ngo.pk, dt.date(2026, 12, 1), "planned"),
    ]
    # The first version reads as it was.
    assert [a.status for a in first.actions.all()] == ["planned"] and first.goals == TEXTS["goals"]
    events = Event.objects.filter(verb=Verb.CHARTER_SAVED).order_by("pk")
    assert [(e.actor, e.target_id, e.new["number"]) for e in events] == [
        (coordinator, str(first.pk), 1),
        (coordinator, str(second.pk), 2),
    ]
    assert events.last().new["sections"] == ["goals"] and events.last().new["actions"] == 2
    # Line breaks as a browser sends them are stored as one kind.
    assert save(network, coordinator, goals=" Одна\r\nдве\rтри ").goals == "Одна\nдве\nтри"


@pytest.mark.parametrize("who", ["kg_owner", "tj_owner", "reader", "outsider"])
def test_only_coordinators_save(network, coordinator, who, request, outsider_ngo):
    save(network, coordinator)
    person = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        charter_save(actor=person, network=network, base_number=1, texts=texts(goals="Мои цели"), actions=[])
    assert CharterVersion.objects.filter(network=network).count() == 1
    assert Event.objects.filter(verb=Verb.CHARTER_SAVED).count() == 1


def test_a_coordinator_of_another_network_may_not_save_this_one(network, kg_owner, kg_ngo, secret_network):
    # kg_owner coordinates the secret network, and is a plain member of this one.
    with pytest.raises(PermissionDenied):
        save(network, kg_owner)
    assert save(secret_network, kg_owner).number == 1
    assert not CharterVersion.objects.filter(network=network).exists()


def test_an_edit_from_an_older_version_is_refused_and_writes_nothing(network, coordinator):
    save(network, coordinator)
    save(network, coordinator, goals="Цели второй версии.")
    with pytest.raises(ValidationError) as refused:
        charter_save(
            actor=coordinator, network=network, base_number=1, texts=texts(goals="Мои цели"), actions=[]
        )
    assert refused.value.code == STALE and refused.value.params == {"number": 2}
    assert "Someone saved version 2" in refused.value.messages[0]
    assert CharterVersion.objects.filter(network=network).count() == 2
    # A first charter started over one saved meanwhile is refused too.
    with pytest.raises(ValidationError) as again:
        charter_save(actor=coordinator, network=network, base_number=0, texts=texts(), actions=[])
    assert again.value.code == STALE


def test_a_save_that_loses_the_race_for_its_number_is_refused_as_stale(network, coordinator, monkeypatch):
    """Two saves that both read version 0 (a database that does not lock the network's row): the second
    one's number is taken when it writes, and it is refused like any stale edit."""
    from birge.networks.charter import services

    checked = services._same_as

    def meanwhile(*args):
        CharterVersion.objects.create(network=network, number=1, purpose="Их текст.")
        return checked(*args)

    monkeypatch.setattr(services, "_same_as", meanwhile)
    with pytest.raises(ValidationError) as refused:
        save(network, coordinator)
    assert refused.value.code == STALE
    assert not Event.objects.filter(verb=Verb.CHARTER_SAVED).exists()


def test_a_closed_network_takes_no_new_version(network, coordinator):
    network.status = Status.CLOSED
    network.save()
    with pytest.raises(ValidationError):
        save(network, coordinator)
    assert not CharterVersion.objects.exists()


def test_texts_are_checked(network, coordinator):
    with pytest.raises(ValidationError) as refused:
        save(network, coordinator, purpose="  ", goals="Цели\x07", note="две\nстроки")
    errors = refused.value.message_dict
    assert set(errors) == {"purpose", "goals", "note"}
    assert "U+0007" in errors["goals"][0]
    with pytest.raises(ValidationError) as long:
        save(network, coordinator, governance="слово " * 5000)
    assert "governance" in long.value.message_dict
    with pytest.raises(TypeError):
        charter_save(actor=coordinator, network=network, base_number=0, texts={"preamble": "x"}, actions=[])
    assert not CharterVersion.objects.exists()


def test_action_rows_are_checked_by_their_number(network, coordinator, kg_ngo, outsider_ngo):
    rows = [
        action(owner=kg_ngo),
        {"title": "", "owner": None, "due_on": None, "status": "planned"},  # empty: left out
        action(title="", owner=kg_ngo),
        action(title="Обучение", owner=outsider_ngo),
        action(title="Отчёт", due_on="1 сентября"),
        action(title="Встреча", status="someday"),
        action(title="Две\nстроки"),
    ]
    with pytest.raises(ValidationError) as refused:
        save(network, coordinator, actions=rows)
    problems = refused.value.message_dict["actions"]
    assert problems == [
        "Action 3: give it a title.",
        "Action 4: its owner must be a member organization of the network.",
        "Action 5: give the due date as a date.",
        "Action 6: choose a status.",
        "Action 7: Write this on one line: remove the line break.",
    ]
    assert not CharterVersion.objects.exists() and not Action.objects.exists()
    version = save(network, coordinator, actions=[rows[0], rows[1], action("Без срока", due_on=None)])
    assert [(a.title, a.position, a.due_on) for a in version.actions.all()] == [
        ("Карта потребностей", 0, dt.date(2026, 9, 1)),
        ("Без срока", 1, None),
    ]


def test_an_organization_that_left_cannot_own_a_new_action(network, coordinator, kg_ngo):
    save(network, coordinator, actions=[action(owner=kg_ngo)])
    network.memberships.filter(organization=kg_ngo).delete()
    with pytest.raises(ValidationError) as refused:
        save(network, coordinator, actions=[action(owner=kg_ngo)], goals="Новые цели.")
    assert "member organization" in refused.value.message_dict["actions"][0]


def test_saving_what_is_already_saved_is_refused(network, coordinator, kg_ngo):
    save(network, coordinator, actions=[action(owner=kg_ngo)])
    with pytest.raises(ValidationError) as refused:
        save(network, coordinator, actions=[action(owner=kg_ngo)])
    assert refused.value.messages == ["Nothing changed since version 1."]
    assert save(network, coordinator, actions=[action(owner=kg_ngo, status="underway")]).number == 2


# Adoption ---------------------------------------------------------------------------------------------------


def test_a_carried_decision_adopts_its_version_and_tells_the_members(
    network, coordinator, reader, kg_owner, tj_owner, outsider, django_capture_on_commit_callbacks
):
    version = save(network, coordinator)
    decision = decision_adopting(version)
    with django_capture_on_commit_callbacks(execute=True):
        adopted = charter_adopt(decision=decision)
    assert adopted.pk == version.pk and adopted.adopted_at == decision.closed_at
    version.refresh_from_db()
    assert version.adopted_at == decision.closed_at
    event = Event.objects.get(verb=Verb.CHARTER_ADOPTED)
    assert event.actor is None and event.target_id == str(version.pk)
    assert event.new["decision"] == decision.pk and event.new["number"] == 1
    notices = Notification.objects.filter(kind="networks.decision")
    assert {n.recipient for n in notices} == {coordinator, reader, kg_owner, tj_owner}
    # Each in the recipient's language (Russian here), leading to the adopted version.
    assert all(n.url == f"/ru/networks/{network.slug}/charter/versions/1/" for n in notices)
    assert all(n.event_id == event.pk for n in notices)
    assert "Сеть по трудовой миграции" in notices.first().body and decision.title in notices.first().body
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        p.email for p in (coordinator, reader, kg_owner, tj_owner)
    )
    # Run again (a close retried): nothing more.
    charter_adopt(decision=decision)
    assert Event.objects.filter(verb=Verb.CHARTER_ADOPTED).count() == 1
    assert Notification.objects.filter(kind="networks.decision").count() == 4


@pytest.mark.parametrize(
    "carried, closed", [(False, True), (None, True), (None, False)], ids=["lost", "no-outcome", "open"]
)
def test_only_a_closed_carried_decision_adopts(network, coordinator, carried, closed):
    version = save(network, coordinator)
    with pytest.raises(ValidationError):
        charter_adopt(decision=decision_adopting(version, carried=carried, closed=closed))
    version.refresh_from_db()
    assert version.adopted_at is None and not Event.objects.filter(verb=Verb.CHARTER_ADOPTED).exists()
    assert not Notification.objects.filter(kind="networks.decision").exists()


def test_a_decision_adopts_no_version_of_another_network(network, coordinator, secret_network, kg_owner):
    theirs = save(secret_network, kg_owner)
    decision = decision_adopting(save(network, coordinator))
    decision.charter_version = theirs
    with pytest.raises(ValidationError):
        charter_adopt(decision=decision)
    decision.charter_version = None
    with pytest.raises(ValidationError):
        charter_adopt(decision=decision)
    assert not CharterVersion.objects.filter(adopted_at__isnull=False).exists()


def test_a_later_decision_may_bring_an_older_version_back_into_force(network, coordinator):
    from birge.networks.charter.reads import adopted_version

    first = save(network, coordinator)
    charter_adopt(decision=decision_adopting(first))
    second = save(network, coordinator, goals="Новые цели.")
    charter_adopt(decision=decision_adopting(second))
    assert adopted_version(network) == second
    charter_adopt(decision=decision_adopting(first))
    assert adopted_version(network) == first
    assert Event.objects.filter(verb=Verb.CHARTER_ADOPTED).count() == 3


def test_members_added_later_own_actions_too(network, coordinator, reference, outsider, outsider_ngo):
    add_member(network, outsider_ngo)
    version = save(network, coordinator, actions=[action(owner=outsider_ngo)])
    assert version.actions.get().owner == outsider_ngo


def test_the_founder_of_a_new_network_writes_its_charter(kz_ngo, coordinator):
    fresh = network_create(actor=coordinator, founder=kz_ngo, name="Новая сеть")
    assert save(fresh, coordinator, actions=[action(owner=kz_ngo)]).number == 1
