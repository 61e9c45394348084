"""The charter's pages: what each person sees, the form and its errors, the refusal of a stale edit with
both texts, the comparison, the files, and 404 wherever the network's content is not theirs to read."""

import io

import pytest
from django.urls import NoReverseMatch, reverse
from docx import Document

from birge.core.testing import assert_within_budget
from birge.networks.charter.models import CharterVersion
from birge.networks.charter.services import charter_adopt
from birge.networks.networks.models import Status, Visibility

from .factories import TEXTS, action, decision_adopting, save

pytestmark = pytest.mark.usefixtures("in_english")


def url(network, name: str = "charter", *args) -> str:
    return reverse(f"networks:{name}", args=[network.slug, *args])


def form_data(base_number: int, *, rows: int = 3, **changes) -> dict:
    data = {"base_number": str(base_number), "rows": str(rows), "note": "", **TEXTS}
    for n in range(rows):
        data.update({f"a-{n}-title": "", f"a-{n}-owner": "", f"a-{n}-due_on": "", f"a-{n}-status": "planned"})
    data.update(changes)
    return data


@pytest.fixture
def members_only(network):
    network.visibility = Visibility.MEMBERS_ONLY
    network.save()
    return network


# The charter page -------------------------------------------------------------------------------------------


def test_no_charter_yet_invites_the_coordinator_to_write_one(client, network, coordinator, kg_owner):
    page = client.get(url(network)).content.decode()
    assert "This network has no charter yet." in page and url(network, "charter_edit") not in page
    client.force_login(kg_owner)
    assert url(network, "charter_edit") not in client.get(url(network)).content.decode()
    client.force_login(coordinator)
    response = client.get(url(network))
    assert_within_budget(response)
    assert (
        f'href="{url(network, "charter_edit")}">Write the charter from a template'
        in response.content.decode()
    )


def test_the_charter_shows_the_newest_version_its_status_and_actions(client, network, coordinator, kg_ngo):
    save(network, coordinator, actions=[action(owner=kg_ngo)], note="Первая редакция")
    response = client.get(url(network))
    assert_within_budget(response)
    page = response.content.decode()
    assert "Version 1: <strong>draft</strong>, not adopted" in page
    assert "No version is adopted yet" in page
    assert f'<div lang="ru"><p>{TEXTS["purpose"]}</p></div>' in page
    assert f'<a href="/en/orgs/{kg_ngo.slug}/" lang="' in page and '">Мигрант Ордо</a>' in page
    assert '<time datetime="2026-09-01">' in page
    assert url(network, "charter_docx", 1) in page and url(network, "charter_pdf", 1) in page
    # Not a coordinator: no edit link.
    assert url(network, "charter_edit") not in page


def test_a_newer_draft_points_to_the_version_in_force(client, network, coordinator):
    first = save(network, coordinator)
    charter_adopt(decision=decision_adopting(first))
    save(network, coordinator, goals="Новые цели.")
    client.force_login(coordinator)
    page = client.get(url(network)).content.decode()
    assert "Version 2: <strong>draft</strong>" in page and "The charter in force is version 1" in page
    assert f"{url(network, 'charter_compare')}?a=1&amp;b=2" in page
    assert f'href="{url(network, "charter_version", 1)}">Read it' in page
    assert f'href="{url(network, "charter_edit")}">Edit the charter' in page
    version = client.get(url(network, "charter_version", 1)).content.decode()
    assert '<span class="badge">adopted</span>' in version and "Новые цели." not in version


def test_the_proposal_to_adopt_links_to_the_decision_form_when_it_exists(
    client, network, coordinator, tj_owner, kg_owner
):
    version = save(network, coordinator)
    try:
        proposal = f"{reverse('networks:decision_new', args=[network.slug])}?charter=1"
    except NoReverseMatch:
        proposal = None
    for who in (coordinator, tj_owner):  # a coordinator, and the committee, propose decisions
        client.force_login(who)
        page = client.get(url(network)).content.decode()
        if proposal:
            assert f'href="{proposal}">Propose to adopt this version' in page
        else:
            assert "?charter=" not in page
    client.force_login(kg_owner)  # a plain member proposes no decision
    assert "?charter=" not in client.get(url(network)).content.decode()
    # An adopted version is not proposed again.
    charter_adopt(decision=decision_adopting(version))
    client.force_login(coordinator)
    assert "?charter=" not in client.get(url(network)).content.decode()
    assert "?charter=" not in client.get(url(network, "charter_version", 1)).content.decode()


@pytest.mark.parametrize(
    "name, args",
    [
        ("charter", ()),
        ("charter_versions", ()),
        ("charter_version", (1,)),
        ("charter_compare", ()),
        ("charter_docx", (1,)),
        ("charter_pdf", (1,)),
        ("charter_edit", ()),
    ],
)
def test_a_members_only_charter_is_not_found_by_others(
    client, members_only, coordinator, outsider, name, args
):
    save(members_only, coordinator)
    target = url(members_only, name, *args)
    client.force_login(outsider)
    assert client.get(target).status_code == 404
    client.logout()
    assert client.get(target).status_code == (302 if name == "charter_edit" else 404)


def test_a_members_only_charter_is_read_by_its_members(client, members_only, coordinator, reader):
    save(members_only, coordinator)
    client.force_login(reader)
    for name, args in (("charter", ()), ("charter_versions", ()), ("charter_version", (1,))):
        assert client.get(url(members_only, name, *args)).status_code == 200
    assert client.get(url(members_only, "charter_edit")).status_code == 403


def test_a_secret_networks_charter_does_not_exist_for_others(client, secret_network, kg_owner, outsider):
    save(secret_network, kg_owner)
    client.force_login(outsider)
    for target in (
        url(secret_network),
        url(secret_network, "charter_pdf", 1),
        url(secret_network, "charter_edit"),
    ):
        assert client.get(target).status_code == 404
    client.force_login(kg_owner)
    assert client.get(url(secret_network)).status_code == 200


# The form ---------------------------------------------------------------------------------------------------


def test_the_first_form_starts_from_the_template(client, network, coordinator):
    client.force_login(coordinator)
    response = client.get(url(network, "charter_edit"))
    assert_within_budget(response)
    page = response.content.decode()
    assert '<input type="hidden" name="base_number" value="0">' in page
    assert "Сеть по трудовой миграции brings together civil society organizations of Central Asia" in page
    assert "The coordinator, a member organization chosen for [two years]" in page
    assert "Removal: a member that acts against the purpose" in page
    assert "never published" in page.replace("Never", "never")
    assert page.count('name="a-') == 12  # three empty rows of four cells
    assert '<option value="' in page and "Мигрант Ордо" in page


@pytest.mark.parametrize("who", ["kg_owner", "tj_owner", "reader"])
def test_members_who_do_not_coordinate_may_not_edit(client, network, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(network, "charter_edit")).status_code == 403
    assert client.post(url(network, "charter_edit"), form_data(0)).status_code == 403
    assert not CharterVersion.objects.exists()


def test_a_coordinator_saves_the_form_as_a_new_version(client, network, coordinator, kg_ngo):
    client.force_login(coordinator)
    data = form_data(
        0,
        note="Первая редакция",
        **{"a-1-title": "Карта потребностей", "a-1-owner": str(kg_ngo.pk), "a-1-due_on": "2026-09-01"},
    )
    response = client.post(url(network, "charter_edit"), data)
    assert response.status_code == 302 and response["Location"] == url(network)
    version = CharterVersion.objects.get(network=network)
    assert (version.number, version.purpose, version.note) == (1, TEXTS["purpose"], "Первая редакция")
    assert [(a.title, a.owner, a.position) for a in version.actions.all()] == [
        ("Карта потребностей", kg_ngo, 0)
    ]
    # The next form starts from version 1, with its action and three empty rows.
    page = client.get(url(network, "charter_edit")).content.decode()
    assert '<input type="hidden" name="base_number" value="1">' in page
    assert 'name="a-0-title" value="Карта потребностей"' in page and 'name="a-3-title"' in page
    assert f'<option value="{kg_ngo.pk}" selected>' in page


def test_errors_are_shown_and_what_was_typed_kept(client, network, coordinator, kg_ngo):
    client.force_login(coordinator)
    data = form_data(0, goals="Мои новые цели", **{"a-0-due_on": "2026-09-01", "a-2-title": "Обучение"})
    data["purpose"] = ""
    response = client.post(url(network, "charter_edit"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This field is required." in page
    assert "Мои новые цели" in page and 'value="Обучение"' in page
    data["purpose"] = "Цель."
    page = client.post(url(network, "charter_edit"), data).content.decode()
    assert '<ul class="errorlist"><li>Action 1: give it a title.</li></ul>' in page
    assert 'value="2026-09-01"' in page and "Мои новые цели" in page
    assert not CharterVersion.objects.exists()


def test_more_rows_are_added_without_saving(client, network, coordinator):
    client.force_login(coordinator)
    response = client.post(url(network, "charter_edit"), form_data(0, goals="Мои цели", more_rows="1"))
    page = response.content.decode()
    assert response.status_code == 200 and 'name="rows" value="6"' in page and 'name="a-5-title"' in page
    assert "Мои цели" in page and "errorlist" not in page
    assert not CharterVersion.objects.exists()


def test_a_stale_edit_is_refused_with_both_texts_and_can_then_be_saved(client, network, coordinator):
    save(network, coordinator)
    client.force_login(coordinator)
    assert (
        '<input type="hidden" name="base_number" value="1">'
        in client.get(url(network, "charter_edit")).content.decode()
    )
    # Meanwhile another coordinator saves version 2.
    save(network, coordinator, goals="Цели, сохранённые другим координатором.")
    mine = form_data(1, goals="Мои цели, набранные в форме.")
    response = client.post(url(network, "charter_edit"), mine)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone saved version 2 while you were editing." in page
    assert "Мои цели, набранные в форме.</textarea>" in page
    assert "<p>Цели, сохранённые другим координатором.</p>" in page and "Version 2 says:" in page
    # Only the section that differs shows theirs.
    assert page.count("Version 2 says:") == 1
    assert CharterVersion.objects.filter(network=network).count() == 2
    # Having seen version 2, the editor saves over it.
    assert '<input type="hidden" name="base_number" value="2">' in page
    response = client.post(url(network, "charter_edit"), {**mine, "base_number": "2"})
    assert response.status_code == 302
    assert CharterVersion.objects.get(network=network, number=3).goals == "Мои цели, набранные в форме."


def test_a_closed_networks_charter_takes_no_edit(client, network, coordinator):
    save(network, coordinator)
    network.status = Status.CLOSED
    network.save()
    client.force_login(coordinator)
    page = client.get(url(network)).content.decode()
    assert url(network, "charter_edit") not in page
    page = client.get(url(network, "charter_edit")).content.decode()
    assert "This network is closed" in page and "<textarea" not in page
    response = client.post(url(network, "charter_edit"), form_data(1, goals="Новое"))
    assert response.status_code == 200 and "This network is closed" in response.content.decode()
    assert CharterVersion.objects.count() == 1


# History, one version, comparison ---------------------------------------------------------------------------


def test_the_history_lists_every_version_with_who_saved_it_for_members_only(
    client, network, coordinator, kg_owner, outsider
):
    first = save(network, coordinator, note="Первая редакция")
    charter_adopt(decision=decision_adopting(first))
    save(network, coordinator, goals="Новые цели.", note="Цели уточнены")
    client.force_login(kg_owner)
    response = client.get(url(network, "charter_versions"))
    assert_within_budget(response)
    page = response.content.decode()
    assert page.index("Цели уточнены") < page.index("Первая редакция")
    assert '<span class="badge">in force</span>' in page and "Aigerim" in page
    assert f"{url(network, 'charter_compare')}?a=1&amp;b=2" in page
    client.force_login(outsider)
    page = client.get(url(network, "charter_versions")).content.decode()
    assert "Цели уточнены" in page and "Aigerim" not in page and "Saved by" not in page


def test_an_unknown_version_is_not_found(client, network, coordinator):
    save(network, coordinator)
    assert client.get(url(network, "charter_version", 1)).status_code == 200
    for name in ("charter_version", "charter_docx", "charter_pdf"):
        assert client.get(url(network, name, 2)).status_code == 404


def test_the_comparison_shows_two_versions_side_by_side(client, network, coordinator):
    save(network, coordinator)
    save(network, coordinator, goals="Защищать права всех мигрантов.")
    save(network, coordinator, goals="Защищать права всех мигрантов и их семей.")
    response = client.get(url(network, "charter_compare"))  # the last change by default
    assert_within_budget(response)
    page = response.content.decode()
    assert "<h3>Version 2</h3>" in page and "<h3>Version 3</h3>" in page
    assert "мигрантов<ins> и их семей</ins>." in page
    assert page.count("No change: show the text") == 6  # five sections and the actions
    page = client.get(url(network, "charter_compare"), {"a": "1", "b": "3"}).content.decode()
    assert "<del>трудовых</del>" in page and "<ins>всех</ins>" in page
    assert '<option value="1" selected>' in page and '<option value="3" selected>' in page


@pytest.mark.parametrize(
    "query",
    [
        {"a": "x", "b": "2"},
        {"a": "1"},
        {"a": "1", "b": "9"},
        {"a": "-1", "b": "2"},
        {"a": "1" * 40, "b": "2"},
    ],
)
def test_a_bad_comparison_answers_404_with_a_message(client, network, coordinator, query):
    save(network, coordinator)
    save(network, coordinator, goals="Новые цели.")
    response = client.get(url(network, "charter_compare"), query)
    assert response.status_code == 404
    page = response.content.decode()
    assert 'role="alert"' in page and 'name="a"' in page
    assert ("no such version" in page) or ("Choose two versions" in page)


def test_one_version_has_nothing_to_compare(client, network, coordinator):
    assert "no charter yet" in client.get(url(network, "charter_compare")).content.decode()
    save(network, coordinator)
    response = client.get(url(network, "charter_compare"))
    assert response.status_code == 200 and "one version only" in response.content.decode()


# Files ------------------------------------------------------------------------------------------------------


def test_a_version_downloads_as_docx_and_pdf(client, network, coordinator, kg_ngo):
    save(network, coordinator, actions=[action(owner=kg_ngo)])
    response = client.get(url(network, "charter_docx", 1))
    assert response.status_code == 200
    assert (
        response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="charter-{network.slug}-1.docx"; '
    )
    assert "filename*=UTF-8''%D0%A1%D0%B5%D1%82%D1%8C" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == "Сеть по трудовой миграции"
    assert document.tables[0].rows[1].cells[1].text == "Мигрант Ордо"
    response = client.get(url(network, "charter_pdf", 1))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="charter-{network.slug}-1.pdf"; '
    )


def test_a_full_charter_from_the_template_stays_within_budget(client, network, coordinator, kg_ngo, tj_ngo):
    from birge.networks.charter.starter import starter_texts

    template = starter_texts(network)
    owners = [kg_ngo, tj_ngo]
    rows = [action(f"Действие номер {n} сети", owner=owners[n % 2]) for n in range(20)]
    save(network, coordinator, actions=rows, **template)
    changed = {name: text.replace("network", "coalition") for name, text in template.items()}
    save(network, coordinator, actions=rows[:15], **changed)
    client.force_login(coordinator)
    for target in (url(network), url(network, "charter_edit"), url(network, "charter_compare")):
        response = client.get(target)
        assert_within_budget(response)
    page = response.content.decode()
    assert "<del>network</del>" in page and "<ins>coalition</ins>" in page


def test_an_unpublished_owner_is_named_only_to_its_own_people(
    client, network, coordinator, kg_ngo, kg_owner, outsider
):
    save(network, coordinator, actions=[action(owner=kg_ngo)])
    kg_ngo.published_at = None
    kg_ngo.save()
    client.force_login(outsider)
    for target in (url(network), url(network, "charter_version", 1)):
        page = client.get(target).content.decode()
        assert "Карта потребностей" in page and "Мигрант Ордо" not in page
    client.force_login(kg_owner)
    assert "Мигрант Ордо" in client.get(url(network)).content.decode()
