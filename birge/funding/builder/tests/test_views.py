"""The builder's pages, used as program staff use them: through the forms, without JavaScript."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from birge.core.testing import HTML_BUDGET, assert_within_budget, gzipped_size
from birge.funding.builder.models import FieldType
from birge.funding.builder.services import current_form, field_add, section_add
from birge.funding.calls.models import Call, Status
from birge.funding.conftest import field_keys


def _url(call, preview: bool = False) -> str:
    return f"/ru/calls/{call.slug}/form/" + ("preview/" if preview else "")


def _add_field(section_key: str, **values) -> dict:
    """The POST of the form that adds a field to a section."""
    return {"op": "field_add", "key": section_key, **{f"add-{section_key}-{n}": v for n, v in values.items()}}


def _edit_field(key: str, **values) -> dict:
    """The POST of a field's own edit form."""
    return {"op": "field_edit", "key": key, **{f"{key}-{name}": value for name, value in values.items()}}


def _in_russian(message: str, **params) -> str:
    with translation.override("ru"):
        return gettext(message) % params if params else gettext(message)


@pytest.fixture
def staff_client(client, manager):
    client.force_login(manager)
    return client


def test_a_section_and_a_field_are_added_through_the_page(staff_client, ready_call):
    response = staff_client.post(
        _url(ready_call), {"op": "section_add", "new-title": "Команда", "new-help": "Кто ведёт проект."}
    )
    assert response.status_code == 302
    section = current_form(ready_call).sections[-1]
    assert (section["title"], section["help"]) == ("Команда", "Кто ведёт проект.")

    response = staff_client.post(
        _url(ready_call),
        _add_field(
            section["key"],
            type="multi_choice",
            label="Опыт команды",
            required="on",
            choices="Тренинги\nИсследования\n\nАдвокация",
        ),
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#{section['key']}")
    field = current_form(ready_call).sections[-1]["fields"][0]
    assert field["label"] == "Опыт команды" and field["required"]
    assert field["choices"] == ["Тренинги", "Исследования", "Адвокация"]

    page = staff_client.get(response["Location"]).content.decode()
    assert "Опыт команды" in page and "Тренинги · Исследования · Адвокация" in page


def test_a_field_is_edited_through_its_disclosure(staff_client, ready_call):
    key = field_keys(ready_call)["Цель проекта"]
    page = staff_client.get(_url(ready_call)).content.decode()
    # The edit form is on the page, filled, inside a disclosure: it needs no JavaScript.
    assert re.search(r'<details><summary>[^<]*<span class="sr">: Цель проекта</span></summary>\s*<form', page)
    assert f'name="{key}-label"' in page and 'value="Цель проекта"' in page

    response = staff_client.post(
        _url(ready_call), _edit_field(key, type="short_text", label="Цель", max_length="150")
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#{key}")
    field = current_form(ready_call).field(key)
    assert (field["label"], field["max_length"], field["required"]) == ("Цель", 150, False)


def test_mistakes_are_shown_beside_their_inputs_and_nothing_typed_is_lost(staff_client, ready_call):
    section = current_form(ready_call).sections[0]["key"]
    response = staff_client.post(
        _url(ready_call),
        _add_field(
            section,
            type="choice",
            label="Формат работы",
            help="Как вы будете работать.",
            choices="Очно",
            max_length="5",
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    message = _in_russian("Give from 2 to %(most)s choices, one per line.", most=30)
    # Django's as_div: the error list right above its own input.
    assert re.search(
        rf'<ul class="errorlist" id="id_add-{section}-choices_error"><li>{re.escape(message)}</li></ul>\s*'
        rf'<textarea name="add-{section}-choices"',
        page,
    ), page
    assert 'value="Формат работы"' in page and "Как вы будете работать.</textarea>" in page
    assert ">\nОчно</textarea>" in page  # Django starts a text area with a line break
    # The disclosure holding the form that failed is open again.
    assert f"<details open><summary>{_in_russian('Add a field to this section')}" in page
    assert "Формат работы" not in [field["label"] for _s, field in current_form(ready_call).fields()]


def test_a_mistake_in_a_sections_edit_stays_in_its_form(staff_client, ready_call):
    key = current_form(ready_call).sections[1]["key"]
    response = staff_client.post(_url(ready_call), {"op": "section_edit", "key": key, f"{key}-title": " "})
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{key}-title_error"' in page
    assert "<details open><summary>" in page


def test_a_second_budget_table_is_refused_beside_the_type(staff_client, ready_call):
    section = current_form(ready_call).sections[0]["key"]
    response = staff_client.post(_url(ready_call), _add_field(section, type="budget", label="Ещё бюджет"))
    page = response.content.decode()
    assert f'id="id_add-{section}-type_error"><li>{_in_russian("A form has one budget table.")}' in page


def test_move_up_and_down_reorders_and_comes_back_to_the_item(staff_client, ready_call):
    keys = field_keys(ready_call)
    response = staff_client.post(_url(ready_call), {"op": "up", "key": keys["Дата начала"]})
    assert response.status_code == 302 and response["Location"].endswith("#" + keys["Дата начала"])
    labels = [field["label"] for field in current_form(ready_call).sections[0]["fields"]]
    assert labels == ["Цель проекта", "Описание", "Дата начала", "Целевая группа"]

    last = current_form(ready_call).sections[-1]["key"]
    staff_client.post(_url(ready_call), {"op": "down", "key": current_form(ready_call).sections[0]["key"]})
    staff_client.post(_url(ready_call), {"op": "up", "key": last})
    titles = [section["title"] for section in current_form(ready_call).sections]
    assert titles == ["Бюджет", "Документы", "Проект"]


def test_remove_asks_for_a_second_explicit_button_then_removes(staff_client, ready_call):
    keys = field_keys(ready_call)
    page = staff_client.get(_url(ready_call)).content.decode()
    assert f'name="op" value="remove_field">{_in_russian("Remove this field")}' in page

    response = staff_client.post(_url(ready_call), {"op": "remove_field", "key": keys["Устав"]})
    assert response.status_code == 302
    assert "Устав" not in field_keys(ready_call)

    section = current_form(ready_call).sections[-1]["key"]
    staff_client.post(_url(ready_call), {"op": "remove_section", "key": section})
    assert [section["title"] for section in current_form(ready_call).sections] == ["Проект", "Бюджет"]


def test_removing_something_already_gone_says_so(staff_client, ready_call):
    key = field_keys(ready_call)["Устав"]
    staff_client.post(_url(ready_call), {"op": "remove_field", "key": key})
    response = staff_client.post(_url(ready_call), {"op": "remove_field", "key": key}, follow=True)
    message = _in_russian("This field is no longer in the form; reload the page.")
    assert message in response.content.decode()


NEW_VERSION_NOTE = (
    "This version is in use: applications were started on it, or the call is announced. Your next change "
    "makes version %(next)s; the applications keep the version they were started on."
)


def test_the_page_says_when_the_next_change_makes_a_new_version(staff_client, open_call):
    """An announced call's version is in use: the page says so first, and the change then says what
    it made."""
    number = current_form(open_call).number
    page = staff_client.get(_url(open_call)).content.decode()
    assert _in_russian("Version %(number)s", number=number) in page
    assert _in_russian(NEW_VERSION_NOTE, next=number + 1) in page

    key = current_form(open_call).sections[0]["key"]
    response = staff_client.post(
        _url(open_call), {"op": "section_edit", "key": key, f"{key}-title": "Цели"}, follow=True
    )
    assert current_form(open_call).number == number + 1
    saved = "Saved as version %(new)s. Version %(old)s stays as it was, with the applications started on it."
    assert _in_russian(saved, new=number + 1, old=number) in response.content.decode()


def test_a_draft_form_is_changed_in_place_and_says_nothing_of_versions(staff_client, ready_call):
    number = current_form(ready_call).number
    page = staff_client.get(_url(ready_call)).content.decode()
    assert _in_russian(NEW_VERSION_NOTE, next=number + 1) not in page
    staff_client.post(_url(ready_call), {"op": "section_add", "new-title": "Команда"})
    assert current_form(ready_call).number == number


def test_a_closed_calls_form_is_read_only(staff_client, ready_call):
    Call.objects.filter(pk=ready_call.pk).update(status=Status.CLOSED)
    page = staff_client.get(_url(ready_call)).content.decode()
    assert (
        _in_russian(
            "The call has closed: its applications answer these questions, so the form no longer changes."
        )
        in page
    )
    assert "Цель проекта" in page
    assert 'method="post"' not in page.split("<main", 1)[1]

    key = current_form(ready_call).sections[0]["key"]
    response = staff_client.post(
        _url(ready_call), {"op": "section_edit", "key": key, f"{key}-title": "X"}, follow=True
    )
    assert _in_russian("The form cannot change once the call has closed.") in response.content.decode()
    assert current_form(ready_call).sections[0]["title"] == "Проект"


def test_preview_renders_every_type_of_field_disabled(staff_client, ready_call, manager):
    form = section_add(actor=manager, call=ready_call, title="Прочее")
    section = form.sections[-1]["key"]
    for spec in (
        {"type": "number", "label": "Охват", "min_value": "10", "max_value": "500"},
        {"type": "money", "label": "Вклад", "min_value": "0"},
        {"type": "multi_choice", "label": "Направления", "choices": "Спорт\nКультура"},
    ):
        field_add(actor=manager, call=ready_call, section_key=section, spec=spec)
    form = current_form(ready_call)
    assert {field["type"] for _s, field in form.fields()} == set(FieldType.values)

    response = staff_client.get(_url(ready_call, preview=True))
    assert response.status_code == 200
    page = response.content.decode()
    keys = field_keys(ready_call)
    assert f'<input type="text" id="q-{keys["Цель проекта"]}" maxlength="120" disabled>' in page
    assert f'<textarea id="q-{keys["Описание"]}" rows="6" maxlength="1000" disabled>' in page
    assert f'<input type="date" id="q-{keys["Дата начала"]}" disabled>' in page
    assert f'<input type="file" id="q-{keys["Устав"]}" disabled>' in page
    assert f'<input type="text" inputmode="decimal" id="q-{keys["Охват"]}" disabled>' in page
    assert page.count(f'type="radio" id="q-{keys["Целевая группа"]}-') == 2
    assert page.count(f'type="checkbox" id="q-{keys["Направления"]}-') == 2
    assert "Вклад, KZT" in page
    # The budget table: three empty lines of four inputs.
    assert page.count(f'id="q-{keys["Бюджет проекта"]}-') == 12
    assert f'id="q-{keys["Бюджет проекта"]}-3-source" disabled' in page
    inputs = re.findall(r"<(?:input|textarea)\b[^>]*>", page.split("<main", 1)[1].split("</main>", 1)[0])
    assert inputs and all("disabled" in tag for tag in inputs)
    for title in ("Проект", "Бюджет", "Документы", "Прочее"):
        assert f". {title}</h2>" in page
    assert f'href="{_url(ready_call)}"' in page


@pytest.mark.parametrize("preview", [False, True])
@pytest.mark.parametrize("who", ["outsider", "reviewer"])
def test_people_who_do_not_run_the_call_find_nothing(request, client, ready_call, who, preview):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(ready_call, preview)).status_code == 404
    assert client.post(_url(ready_call), {"op": "section_add", "new-title": "Взлом"}).status_code == 404
    assert "Взлом" not in [section["title"] for section in current_form(ready_call).sections]


def test_someone_signed_out_is_sent_to_log_in(client, ready_call):
    response = client.get(_url(ready_call))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _grow_to(call, actor, fields: int) -> None:
    """Add fields of every type but the budget, in sections of five, until the form has `fields`."""
    types = [kind for kind in FieldType.values if kind != FieldType.BUDGET]
    form = current_form(call)
    have = sum(1 for _item in form.fields()) if form is not None else 0
    section = form.sections[-1]["key"] if form is not None and form.sections else None
    for n in range(have, fields):
        if section is None or n % 5 == 0:
            section = section_add(actor=actor, call=call, title=f"Раздел {n // 5 + 1}").sections[-1]["key"]
        kind = types[n % len(types)]
        spec = {"type": kind, "label": f"Вопрос {n + 1}", "help": "Пояснение к вопросу.", "required": n % 2}
        if kind in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
            spec["choices"] = "Первый\nВторой\nТретий"
        field_add(actor=actor, call=call, section_key=section, spec=spec)


def _fields_shown(response) -> int:
    return len(re.findall(r'<li id="f[0-9a-f]+">', response.content.decode()))


def test_the_builder_and_preview_take_the_same_queries_for_1_or_10_fields(
    staff_client, manager, make_call, django_assert_max_num_queries
):
    call = make_call("Конкурс", status=Status.DRAFT)
    _grow_to(call, manager, 1)
    staff_client.get(_url(call))  # the session and reference data warmed once
    for fields in (1, 10):
        _grow_to(call, manager, fields)
        with django_assert_max_num_queries(6):
            response = staff_client.get(_url(call))
        assert _fields_shown(response) == fields
        with django_assert_max_num_queries(6):
            assert staff_client.get(_url(call, preview=True)).status_code == 200


def test_the_builder_of_a_20_field_form_fits_the_page_budget(staff_client, manager, make_call):
    call = make_call("Конкурс", status=Status.DRAFT)
    _grow_to(call, manager, 20)
    response = staff_client.get(_url(call))
    assert _fields_shown(response) == 20
    assert gzipped_size(response.content) < HTML_BUDGET
    assert_within_budget(response)
