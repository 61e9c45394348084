"""The builder's services: what a form may hold, who may change it, and the versions applications keep."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.models import Event
from birge.funding.builder.models import FormVersion
from birge.funding.builder.services import (
    current_form,
    field_add,
    field_remove,
    field_update,
    is_frozen,
    item_move,
    section_add,
    section_remove,
    section_update,
)
from birge.funding.calls.models import Call, Status
from birge.funding.conftest import field_keys
from birge.funding.events import Verb


def _first_section(call) -> str:
    return current_form(call).sections[0]["key"]


def _freeze(call) -> FormVersion:
    form = current_form(call)
    form.frozen = True
    form.save(update_fields=["frozen"])
    return form


def test_editing_a_frozen_version_makes_the_next_one_and_leaves_the_old_untouched(ready_call, manager):
    old = _freeze(ready_call)
    before = [dict(section) for section in old.sections]

    new = field_add(
        actor=manager,
        call=ready_call,
        section_key=old.sections[0]["key"],
        spec={"type": "number", "label": "Охват, человек"},
    )

    assert new.number == old.number + 1 and new.pk != old.pk
    assert current_form(ready_call) == new
    old.refresh_from_db()
    assert old.frozen and old.sections == before
    assert "Охват, человек" in [field["label"] for _section, field in new.fields()]
    # The copy keeps every key, so an answer given on the old version reads against the new one too.
    assert {f["key"] for _s, f in old.fields()} < {f["key"] for _s, f in new.fields()}


def test_a_draft_calls_unfrozen_version_is_edited_in_place(ready_call, manager):
    form = current_form(ready_call)
    after = section_update(actor=manager, call=ready_call, key=form.sections[0]["key"], title="Цели")
    assert after.pk == form.pk and after.number == form.number
    assert FormVersion.objects.filter(call=ready_call).count() == 1


def test_an_announced_calls_new_version_is_frozen_too(open_call, manager):
    """The version an announced call shows is never edited in place: each change after the announcement
    makes a version of its own."""
    first = current_form(open_call)
    assert first.frozen
    second = section_update(actor=manager, call=open_call, key=first.sections[0]["key"], title="Цели")
    assert second.number == first.number + 1 and is_frozen(second)
    third = section_update(actor=manager, call=open_call, key=first.sections[0]["key"], title="Задачи")
    assert third.number == second.number + 1
    second.refresh_from_db()
    assert second.sections[0]["title"] == "Цели"


def test_a_started_application_freezes_its_version(make_application, applicant, applicant_org):
    application = make_application(applicant, applicant_org, submit=False)
    assert is_frozen(application.form)


def test_a_form_has_one_budget_table(ready_call, manager):
    with pytest.raises(ValidationError) as caught:
        field_add(
            actor=manager,
            call=ready_call,
            section_key=_first_section(ready_call),
            spec={"type": "budget", "label": "Второй бюджет"},
        )
    assert "type" in caught.value.message_dict
    # The one there is may still be edited.
    key = field_keys(ready_call)["Бюджет проекта"]
    form = field_update(
        actor=manager, call=ready_call, key=key, spec={"type": "budget", "label": "Смета", "required": True}
    )
    assert form.field(key)["label"] == "Смета"


@pytest.mark.parametrize(
    ("choices", "valid"),
    [
        ("Одна", False),
        ("Одна\nОдна\n  ", False),  # repeats and blank lines do not count
        ("Одна\nДве", True),
        ("\n".join(f"Вариант {n}" for n in range(30)), True),
        ("\n".join(f"Вариант {n}" for n in range(31)), False),
    ],
)
def test_a_choice_field_has_from_2_to_30_choices(ready_call, manager, choices, valid):
    spec = {"type": "multi_choice", "label": "Направления", "choices": choices}
    if valid:
        form = field_add(actor=manager, call=ready_call, section_key=_first_section(ready_call), spec=spec)
        assert len(form.sections[0]["fields"][-1]["choices"]) == len(set(choices.split("\n")))
    else:
        with pytest.raises(ValidationError) as caught:
            field_add(actor=manager, call=ready_call, section_key=_first_section(ready_call), spec=spec)
        assert list(caught.value.message_dict) == ["choices"]


@pytest.mark.parametrize(
    ("spec", "error"),
    [
        ({"type": "short_text", "max_length": "501"}, "max_length"),
        ({"type": "long_text", "max_length": "20001"}, "max_length"),
        ({"type": "short_text", "max_length": "0"}, "max_length"),
        ({"type": "short_text", "max_length": "много"}, "max_length"),
        ({"type": "number", "min_value": "десять"}, "min_value"),
        ({"type": "money", "min_value": "100", "max_value": "10"}, "max_value"),
        ({"type": "money", "max_value": "1e20"}, "max_value"),
        ({"type": "money", "max_value": "NaN"}, "max_value"),
        ({"type": "checkbox"}, "type"),
        ({"type": "short_text", "label": " "}, "label"),
        ({"type": "short_text", "label": "Цель\u202eтекст"}, "label"),  # a bidirectional override
    ],
)
def test_limits_and_texts_are_validated_and_each_mistake_named(ready_call, manager, spec, error):
    spec = {"label": "Вопрос", **spec}
    with pytest.raises(ValidationError) as caught:
        field_add(actor=manager, call=ready_call, section_key=_first_section(ready_call), spec=spec)
    assert error in caught.value.message_dict


def test_limits_a_type_does_not_use_are_ignored(ready_call, manager):
    form = field_add(
        actor=manager,
        call=ready_call,
        section_key=_first_section(ready_call),
        spec={"type": "date", "label": "Окончание", "max_length": "много", "min_value": "x", "choices": "a"},
    )
    field = form.sections[0]["fields"][-1]
    assert field["type"] == "date" and not {"max_length", "min_value", "choices"} & set(field)


def test_a_money_field_reads_spaces_and_a_decimal_comma(ready_call, manager):
    form = field_add(
        actor=manager,
        call=ready_call,
        section_key=_first_section(ready_call),
        spec={"type": "money", "label": "Собственный вклад", "min_value": "0", "max_value": "1 500 000,50"},
    )
    field = form.sections[0]["fields"][-1]
    assert (field["min_value"], field["max_value"]) == ("0", "1500000.50")


@pytest.mark.parametrize("who", ["outsider", "reviewer", "committee_member"])
def test_people_who_do_not_run_calls_may_not_change_the_form(request, ready_call, who):
    person = request.getfixturevalue(who)
    section = _first_section(ready_call)
    for change in (
        lambda: section_add(actor=person, call=ready_call, title="Ещё"),
        lambda: field_add(
            actor=person, call=ready_call, section_key=section, spec={"type": "date", "label": "Когда"}
        ),
        lambda: item_move(actor=person, call=ready_call, key=section, up=False),
        lambda: section_remove(actor=person, call=ready_call, key=section),
    ):
        with pytest.raises(PermissionDenied):
            change()


def test_an_officer_may_change_the_form(ready_call, officer):
    form = section_add(actor=officer, call=ready_call, title="Команда")
    assert form.sections[-1]["title"] == "Команда"


@pytest.mark.parametrize("status", [Status.CLOSED, Status.IN_REVIEW, Status.DECIDED, Status.ARCHIVED])
def test_a_closed_call_refuses_every_change(ready_call, manager, status):
    Call.objects.filter(pk=ready_call.pk).update(status=status)
    ready_call.refresh_from_db()
    before = list(FormVersion.objects.filter(call=ready_call).values_list("number", "sections"))
    key = field_keys(ready_call)["Цель проекта"]
    for change in (
        lambda: section_add(actor=manager, call=ready_call, title="Ещё"),
        lambda: field_update(
            actor=manager, call=ready_call, key=key, spec={"type": "date", "label": "Когда"}
        ),
        lambda: field_remove(actor=manager, call=ready_call, key=key),
        lambda: item_move(actor=manager, call=ready_call, key=key, up=False),
    ):
        with pytest.raises(ValidationError):
            change()
    assert list(FormVersion.objects.filter(call=ready_call).values_list("number", "sections")) == before


def test_moving_swaps_neighbours_and_stops_at_either_end(ready_call, manager):
    form = current_form(ready_call)
    titles = [section["title"] for section in form.sections]
    first, second = form.sections[0]["key"], form.sections[1]["key"]

    form = item_move(actor=manager, call=ready_call, key=second, up=True)
    assert [section["title"] for section in form.sections] == [titles[1], titles[0], titles[2]]
    events = Event.objects.filter(verb=Verb.FORM_CHANGED).count()
    item_move(actor=manager, call=ready_call, key=second, up=True)  # already first: nothing changes
    assert Event.objects.filter(verb=Verb.FORM_CHANGED).count() == events
    assert [section["key"] for section in current_form(ready_call).sections][:2] == [second, first]

    keys = field_keys(ready_call)
    form = item_move(actor=manager, call=ready_call, key=keys["Описание"], up=False)
    labels = [field["label"] for field in form.sections[1]["fields"]]
    assert labels == ["Цель проекта", "Целевая группа", "Описание", "Дата начала"]


def test_every_change_is_in_the_audit_log(ready_call, manager):
    section_add(actor=manager, call=ready_call, title="Команда")
    event = Event.objects.filter(verb=Verb.FORM_CHANGED).latest("pk")
    assert event.actor == manager and event.new["section_added"] == "Команда"


@pytest.mark.django_db(transaction=True)
def test_two_staff_members_editing_at_once_lose_nothing(ready_call, manager, officer):
    """Each change takes its turn on the newest version: ten fields added from two threads are ten fields."""
    import threading

    from django.db import connection

    from birge.funding.builder.services import current_form, field_add

    section = current_form(ready_call).sections[0]["key"]
    before = sum(1 for _item in current_form(ready_call).fields())
    failures = []

    def add(actor, name):
        try:
            for n in range(5):
                field_add(
                    actor=actor,
                    call=ready_call,
                    section_key=section,
                    spec={"type": "short_text", "label": f"{name} {n}"},
                )
        except Exception as error:  # noqa: BLE001 — the test reports any failure of a thread
            failures.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=add, args=(person, name)) for person, name in ((manager, "A"), (officer, "B"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert sum(1 for _item in current_form(ready_call).fields()) == before + 10
