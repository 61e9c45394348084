"""The project pages: the list with its filters and empty states, a project's page, starting and changing a
project, its partners, and 404 for a private project wherever an outsider looks."""

import datetime as dt

import pytest

from birge.core.testing import assert_within_budget
from birge.projects.indicators.services import indicator_add, report_publish, report_save, value_record
from birge.projects.plan.services import budget_line_add, cofinancing_add
from birge.projects.projects.models import Partner, Project, Status
from birge.projects.projects.services import project_update, status_change
from birge.projects.tests.helpers import award_to, more_projects

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


# The pages that ask a visitor to log in first, whatever the address.
LOGIN = ("edit/", "partners/", "plan/")


def url(project, page: str = "") -> str:
    return f"/en/projects/{project.slug}/{page}"


# The list ----------------------------------------------------------------------------------------------


def test_the_list_is_empty_at_first_and_says_how_to_start(client, kz_ngo, coordinator):
    response = client.get("/en/projects/")
    assert_within_budget(response)
    assert "No joint project yet." in response.content.decode()
    assert "Start the first one" not in response.content.decode()
    client.force_login(coordinator)
    assert "Start the first one" in client.get("/en/projects/").content.decode()


def test_the_list_shows_public_projects_and_a_private_one_only_to_its_people(
    client, project, private_project, outsider, tj_owner
):
    for person in (None, outsider):
        if person:
            client.force_login(person)
        html = client.get("/en/projects/").content.decode()
        assert project.title in html and private_project.title not in html
    client.force_login(tj_owner)  # the Tajik organization is the private project's partner
    html = client.get("/en/projects/").content.decode()
    assert private_project.title in html and "its organizations only" in html


def test_filters_by_country_theme_status_peer_development_and_organization(
    client, project, coordinator, kz_ngo, kg_ngo, tj_ngo
):
    theme = project.themes.first()
    assert (
        project.title in client.get("/en/projects/", {"country": "TJ", "theme": theme.slug}).content.decode()
    )
    assert project.title not in client.get("/en/projects/", {"country": "AZ"}).content.decode()
    assert project.title not in client.get("/en/projects/", {"status": "active"}).content.decode()
    assert project.title not in client.get("/en/projects/", {"peer": "1"}).content.decode()
    html = client.get("/en/projects/", {"organization": kg_ngo.slug}).content.decode()
    assert project.title in html and f"Projects of {kg_ngo.name}" in html
    html = client.get("/en/projects/", {"organization": tj_ngo.slug}).content.decode()
    assert project.title not in html and "No project matches. Try fewer filters." in html

    status_change(actor=coordinator, project=project, status=Status.ACTIVE)
    project_update(actor=coordinator, project=project, peer_development=True, mentor=kz_ngo, mentee=kg_ngo)
    html = client.get("/en/projects/", {"status": "active", "peer": "1"}).content.decode()
    assert project.title in html and "peer development" in html
    # Nonsense in the filters is ignored rather than an error.
    assert client.get("/en/projects/", {"status": "<x>", "country": "\x00", "page": "z"}).status_code == 200


def test_the_list_is_cut_into_pages(client, settings, coordinator, kz_ngo):
    settings.BIRGE_PAGE_SIZE = 5
    more_projects(coordinator, kz_ngo, to=9)  # six public, three private

    first = client.get("/en/projects/").content.decode()
    second = client.get("/en/projects/", {"page": 2}).content.decode()
    assert "6 projects" in first
    assert first.count('<li><h2><a href="/en/projects/') == 5
    assert second.count('<li><h2><a href="/en/projects/') == 1
    assert 'rel="next"' in first


# A project's page --------------------------------------------------------------------------------------


def test_the_project_page_shows_partners_plan_budget_indicators_and_reports(
    client, project, coordinator, kg_owner, kz_ngo, kg_ngo, ready_call, django_capture_on_commit_callbacks
):
    project_update(
        actor=coordinator,
        project=project,
        peer_development=True,
        mentor=kz_ngo,
        mentee=kg_ngo,
        award=award_to(ready_call, kg_ngo),
    )
    budget_line_add(actor=coordinator, project=project, category="Юристы", amount="800000")
    cofinancing_add(actor=coordinator, project=project, source="Свои средства", kind="own", amount="200000")
    indicator = indicator_add(
        actor=coordinator, project=project, name="Консультации", target=200, baseline=40
    )
    value_record(
        actor=kg_owner,
        indicator=indicator,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        actual=120,
    )
    report = report_save(
        actor=kg_owner,
        project=project,
        title="Первый квартал",
        text="Открыли приёмную.",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
    )
    draft = report_save(
        actor=kg_owner,
        project=project,
        title="Черновик второго",
        text="Пишем.",
        period_start=dt.date(2026, 4, 1),
        period_end=dt.date(2026, 6, 30),
    )
    with django_capture_on_commit_callbacks(execute=True):
        report_publish(actor=kg_owner, report=report)

    response = client.get(url(project))

    assert_within_budget(response)
    html = response.content.decode()
    assert "Kazakhstan (1)" in html and "Kyrgyzstan (1)" in html
    assert f"{kz_ngo.name} helps {kg_ngo.name} grow" in html
    assert "/en/register/awards/" in html
    assert "Co-financing covers 25 % of the budget." in html
    assert "50 %" in html  # from 40 to 120 of the way to 200
    assert "Первый квартал" in html and draft.title not in html
    assert "Change the project" not in html and "/iati.xml" in html


def test_a_private_project_answers_404_to_outsiders_on_every_page_and_200_to_its_people(
    client, private_project, outsider, coordinator, tj_owner, kg_owner
):
    report = report_save(
        actor=kg_owner,
        project=private_project,
        title="Отчёт",
        text="Текст.",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
    )
    report_publish(actor=kg_owner, report=report)
    pages = [
        "",
        "edit/",
        "partners/",
        "plan/",
        "indicators/",
        "reports/",
        f"reports/{report.pk}/",
        "iati.xml",
    ]
    for person in (None, outsider, coordinator):  # the coordinator's organization is not in this project
        client.logout()
        if person:
            client.force_login(person)
        for page in pages:
            response = client.get(url(private_project, page))
            nothing = client.get(f"/en/projects/no-such-project/{page}")
            # Exactly as an address where nothing is: 404, or the login page first for a manager's page.
            expected = 302 if person is None and page in LOGIN else 404
            assert response.status_code == nothing.status_code == expected, page
            assert private_project.title not in response.content.decode()
    client.force_login(tj_owner)
    assert private_project.title in client.get(url(private_project)).content.decode()
    assert client.get(url(private_project, "reports/")).status_code == 200
    # Never in the IATI export, even for its people.
    assert client.get(url(private_project, "iati.xml")).status_code == 404


# Starting and changing a project -----------------------------------------------------------------------


def test_someone_without_an_organization_is_told_how_to_lead_one(client, outsider, reference):
    client.force_login(outsider)  # an owner, but of an organization created in no fixture here
    response = client.get("/en/projects/new/")
    assert (
        "you need to be an owner or editor of an organization with a published profile"
        in response.content.decode()
    )


def test_a_project_is_started_without_javascript_and_bad_input_keeps_what_was_typed(
    client, kz_ngo, coordinator, reference
):
    client.force_login(coordinator)
    form = {
        "lead": kz_ngo.pk,
        "title": "Юристы у границы",
        "summary": "Помощь мигрантам.",
        "language": "ru",
        "visibility": "public",
        "currency": "KZT",
        "starts_on": "2026-05-01",
        "ends_on": "2026-04-01",
        "countries": [],
    }

    response = client.post("/en/projects/new/", form)

    assert response.status_code == 400
    html = response.content.decode()
    assert "The end comes before the start." in html
    assert 'value="Юристы у границы"' in html and "Помощь мигрантам." in html
    assert not Project.objects.exists()

    response = client.post("/en/projects/new/", {**form, "ends_on": "2026-12-31"})

    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == url(project, "partners/")
    assert (project.lead, project.title, project.currency) == (kz_ngo, "Юристы у границы", "KZT")


def test_only_the_lead_opens_the_edit_page_and_it_saves(client, project, kg_owner, coordinator, reader):
    for person in (kg_owner, reader):
        client.force_login(person)
        assert client.get(url(project, "edit/")).status_code == 403
    client.force_login(coordinator)
    response = client.get(url(project, "edit/"))
    assert_within_budget(response)
    assert 'name="peer_development"' in response.content.decode()

    data = {
        "title": "Новое название",
        "summary": "",
        "language": "ru",
        "visibility": "public",
        "currency": "KZT",
        "starts_on": "2026-01-01",
        "ends_on": "2027-06-30",
        "peer_development": "on",
        "mentor": "",
        "mentee": "",
    }
    response = client.post(url(project, "edit/"), data)
    assert response.status_code == 400
    assert "Choose the mentor among the project&#x27;s organizations." in response.content.decode()
    assert 'value="Новое название"' in response.content.decode()

    response = client.post(url(project, "edit/"), {**data, "peer_development": ""})
    assert response.status_code == 302
    assert Project.objects.get().title == "Новое название"


def test_the_lead_moves_the_status_from_the_edit_page(client, project, coordinator):
    client.force_login(coordinator)
    html = client.get(url(project, "edit/")).content.decode()
    assert 'value="active"' in html and 'value="completed"' not in html

    response = client.post(url(project, "status/"), {"status": "completed"})
    assert response.status_code == 400 and "Select a valid choice." in response.content.decode()
    response = client.post(url(project, "status/"), {"status": "active"})
    assert response.status_code == 302
    assert Project.objects.get().status == Status.ACTIVE


# Partners ----------------------------------------------------------------------------------------------


def test_the_lead_finds_adds_and_removes_a_partner(client, project, coordinator, tj_ngo):
    client.force_login(coordinator)
    response = client.get(url(project, "partners/"), {"q": "Ҳуқуқ"})
    assert_within_budget(response)
    assert f'value="{tj_ngo.slug}"' in response.content.decode()

    response = client.post(url(project, "partners/"), {"organization": tj_ngo.slug, "role": "cofunder"})
    assert response.status_code == 302
    partner = Partner.objects.get(organization=tj_ngo)
    assert partner.role == "cofunder"

    response = client.post(url(project, "partners/"), {"organization": tj_ngo.slug, "role": "partner"})
    assert response.status_code == 400
    assert "This organization is in the project already." in response.content.decode()

    response = client.post(url(project, f"partners/{partner.pk}/remove/"), follow=True)
    assert f"{tj_ngo.name} left the project." in response.content.decode()
    assert not Partner.objects.filter(organization=tj_ngo).exists()


def test_partners_do_not_manage_the_partners(client, project, kg_owner, tj_ngo):
    client.force_login(kg_owner)
    assert client.get(url(project, "partners/")).status_code == 403
    assert client.post(url(project, "partners/"), {"organization": tj_ngo.slug}).status_code == 403


# The organization's profile ----------------------------------------------------------------------------


def test_an_organization_profile_lists_the_projects_its_viewer_may_know(
    client, project, private_project, kg_ngo, outsider, kg_owner
):
    profile = f"/en/orgs/{kg_ngo.slug}/"
    html = client.get(profile).content.decode()
    assert "Joint projects" in html and project.title in html and private_project.title not in html
    client.force_login(outsider)
    assert private_project.title not in client.get(profile).content.decode()
    client.force_login(kg_owner)
    assert private_project.title in client.get(profile).content.decode()
