"""The funding pages the journeys do not walk, each checked by axe-core for WCAG 2.1 AA: the form builder and
its preview, the call's questions for its staff, the reviewers' page, one's applications, reviews and
alerts; and a draft saved with JavaScript off, on a phone."""

import pytest

from birge.funding.applications.models import Application
from birge.funding.applications.services import application_start
from birge.funding.conftest import field_keys
from birge.funding.questions.models import CallQuestion
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user
from tests.browser.test_application_journey import log_in, open_competition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_and_applicant_pages_pass_axe(visitor, reference):
    call = open_competition()
    officer = call.program.staff.first().user
    asker = make_user("asker@example.kz", display_name="Асхат")
    CallQuestion.objects.create(call=call, asked_by=asker, question="Можно ли подать заявку от филиала?")
    page, base = visitor.page, visitor.base_url

    log_in(page, base, officer.email)
    for path in ("form/", "form/preview/", "questions/", "edit/"):
        visitor.goto(f"/ru/calls/{call.slug}/{path}")
    visitor.goto("/ru/calls/manage/")
    page.click("header form button[type=submit]")

    log_in(page, base, asker.email)
    visitor.goto("/ky/calls/?country=KZ")
    page.locator("main form[action$='/alerts/new/'] button[type=submit]").click()
    visitor.check()
    visitor.goto("/ky/calls/alerts/")
    assert page.locator("main li, main tr").count() >= 1
    visitor.goto(f"/ky/calls/{call.slug}/")
    visitor.goto("/ky/calls/applications/")
    visitor.goto("/ky/calls/review/")


def test_a_draft_is_saved_without_javascript_on_a_phone(phone_without_javascript, live_server, reference):
    call = open_competition()
    aigerim = make_user("aigerim@example.kz", display_name="Айгерим")
    organization = with_member(OrganizationFactory(name="Жастар бірлігі"), aigerim)
    application = application_start(
        actor=aigerim,
        call=call,
        applicant_kind="organization",
        organization=organization,
        title="",
        language="ru",
    )
    key = field_keys(call)["Цель проекта"]
    page = phone_without_javascript.new_page()
    log_in(page, live_server.url, aigerim.email)
    page.goto(
        f"{live_server.url}/ru/calls/applications/{application.pk}/?section={application.form.sections[0]['key']}"
    )
    page.fill(f"#id_a-{key}", "Обучить 60 молодых лидеров")
    page.click("button[name=save]")
    page.wait_for_load_state("load")
    assert Application.objects.get(pk=application.pk).answers[key] == "Обучить 60 молодых лидеров"
    assert page.input_value(f"#id_a-{key}") == "Обучить 60 молодых лидеров"
    # Too long for the field: the browser stops at the form's limit, and the check page names none of it.
    page.fill(f"#id_a-{key}", "я" * 500)
    assert len(page.input_value(f"#id_a-{key}")) == 120
