"""The applicant's pages: a draft saved section by section without JavaScript, the autosave answer, a stale
save that keeps both texts, the check that lists unmet rules, one submission, and nobody else's sight."""

import gzip

import pytest
from django.urls import reverse

from birge.funding.applications.models import Application, Status
from birge.funding.conftest import GOOD_BUDGET, field_keys
from birge.funding.programs.models import Applicant
from birge.orgs.tests.factories import OrganizationFactory
from conftest import log_in, make_user

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"funding:{name}", args=args)


@pytest.fixture
def draft(make_application, applicant, applicant_org):
    return make_application(applicant, applicant_org, submit=False)


def section_of(application, label):
    form = application.form
    return next(section["key"] for section, field in form.fields() if field["label"] == label)


def test_starting_an_application_for_an_organization(client, open_call, applicant, applicant_org):
    log_in(client, applicant)
    page = client.get(url("call_apply", open_call.slug))
    assert applicant_org.name in page.content.decode()
    answer = client.post(
        url("call_apply", open_call.slug),
        {"applicant_kind": Applicant.ORGANIZATION, "organization": applicant_org.pk, "title": "Школа"},
    )
    application = Application.objects.get(owner=applicant)
    assert answer["Location"] == url("application", application.pk)
    assert application.organization == applicant_org and application.title == "Школа"


def test_an_initiative_group_must_have_a_name(client, open_call, applicant):
    log_in(client, applicant)
    page = client.post(url("call_apply", open_call.slug), {"applicant_kind": Applicant.INITIATIVE_GROUP})
    assert "Give the name of the initiative group." in page.content.decode()
    assert not Application.objects.exists()


def test_a_section_is_saved_with_the_button(client, draft, applicant):
    log_in(client, applicant)
    keys = field_keys(draft.call)
    section = section_of(draft, "Цель проекта")
    answer = client.post(
        f"{url('application', draft.pk)}?section={section}",
        {"section": section, "revision": draft.revision, f"a-{keys['Цель проекта']}": "Новая цель"},
    )
    assert answer.status_code == 302
    draft.refresh_from_db()
    assert draft.answers[keys["Цель проекта"]] == "Новая цель"


def test_a_stale_save_keeps_both_texts(client, draft, applicant):
    log_in(client, applicant)
    keys = field_keys(draft.call)
    section = section_of(draft, "Цель проекта")
    old = draft.revision
    client.post(
        url("application_autosave", draft.pk),
        {"section": section, "revision": old, f"a-{keys['Цель проекта']}": "Из первой вкладки"},
    )
    page = client.post(
        f"{url('application', draft.pk)}?section={section}",
        {"section": section, "revision": old, f"a-{keys['Цель проекта']}": "Из второй вкладки"},
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Из первой вкладки" in text and "Из второй вкладки" in text
    draft.refresh_from_db()
    assert draft.answers[keys["Цель проекта"]] == "Из первой вкладки"


def test_autosave_answers_in_json_and_409_when_stale(client, draft, applicant):
    log_in(client, applicant)
    section = section_of(draft, "Цель проекта")
    first = client.post(
        url("application_autosave", draft.pk), {"section": section, "revision": draft.revision}
    )
    assert first.status_code == 200 and first.json()["revision"] == draft.revision + 1
    stale = client.post(
        url("application_autosave", draft.pk), {"section": section, "revision": draft.revision}
    )
    assert stale.status_code == 409


def test_the_budget_table_is_saved_and_summed(client, draft, applicant):
    log_in(client, applicant)
    section = section_of(draft, "Бюджет проекта")
    data = {"section": section, "revision": draft.revision}
    for number, line in enumerate(GOOD_BUDGET):
        data |= {f"b-{number}-{name}": value for name, value in line.items()}
    data |= {"b-2-category": "Транспорт", "b-2-requested": "100 000"}
    client.post(f"{url('application', draft.pk)}?section={section}", data)
    draft.refresh_from_db()
    assert len(draft.budget) == 3 and str(draft.requested_amount) == "2500000.00"
    page = client.get(f"{url('application', draft.pk)}?section={section}").content.decode()
    assert "26.5 %" in page or "26,5 %" in page  # 900 000 of 3 400 000


def test_the_check_lists_every_unmet_rule_and_links_to_its_section(
    client, open_call, applicant, applicant_org
):
    log_in(client, applicant)
    client.post(
        url("call_apply", open_call.slug),
        {"applicant_kind": "organization", "organization": applicant_org.pk},
    )
    application = Application.objects.get(owner=applicant)
    page = client.get(url("application_submit", application.pk)).content.decode()
    assert "Give the project a title." in page
    assert "“Цель проекта” needs an answer." in page
    assert "The budget requests no money" in page
    assert "check=1" in page


def test_submitting_twice_submits_once(client, draft, applicant):
    log_in(client, applicant)
    first = client.post(url("application_submit", draft.pk))
    second = client.post(url("application_submit", draft.pk))
    assert first.status_code == second.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    page = client.get(url("application", draft.pk)).content.decode()
    assert draft.receipt_sha256 in page


@pytest.mark.parametrize("who", ["outsider", "officer", "reviewer", "committee_member"])
def test_nobody_else_sees_a_draft(client, draft, who, request):
    log_in(client, request.getfixturevalue(who))
    assert client.get(url("application", draft.pk)).status_code == 404
    assert client.post(url("application_autosave", draft.pk), {"section": "applicant"}).status_code == 404


def test_the_list_shows_only_ones_own(client, make_application, applicant, applicant_org):
    make_application(applicant, applicant_org, submit=False)
    other = make_user("other@example.org", display_name="Other")
    make_application(other)
    log_in(client, other)
    page = client.get(url("applications")).content.decode()
    assert f"/calls/applications/{Application.objects.get(owner=other).pk}/" in page
    assert f"/calls/applications/{Application.objects.get(owner=applicant).pk}/" not in page


def test_the_form_page_fits_the_budget(client, draft, applicant):
    log_in(client, applicant)
    section = section_of(draft, "Цель проекта")
    page = client.get(f"{url('application', draft.pk)}?section={section}")
    assert len(gzip.compress(page.content)) < 14 * 1024


def _pages(application):
    section = section_of(application, "Устав")
    return [
        url("applications"),
        f"{url('application', application.pk)}?section=partners",
        f"{url('application', application.pk)}?section={section}",
        url("application_submit", application.pk),
    ]


def test_pages_keep_a_constant_number_of_queries(
    client, make_application, applicant, applicant_org, django_assert_num_queries
):
    """Each page asks the database as often with one partner, file and application as with six."""
    from django.core.files.base import ContentFile

    log_in(client, applicant)
    application = make_application(applicant, applicant_org, submit=False)
    key = field_keys(application.call)["Устав"]

    def grow():
        application.partners.create(organization=OrganizationFactory())
        stored = application.attachments.model(
            application=application, field_key=key, name="a.pdf", kind="pdf", size=1, sha256="0"
        )
        stored.file.save("a.pdf", ContentFile(b"%PDF-1.4"), save=True)
        make_application(applicant, submit=False)

    grow()
    counts = []
    for page in _pages(application):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(page)  # once to warm the per-process caches (reference data, unread counts)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page).status_code == 200
        counts.append(len(captured))
    for _n in range(5):
        grow()
    for page, count in zip(_pages(application), counts, strict=True):
        with django_assert_num_queries(count):
            client.get(page)


def test_the_submitted_page_keeps_a_constant_number_of_queries(
    client, make_application, applicant, applicant_org, django_assert_num_queries
):
    log_in(client, applicant)
    application = make_application(applicant, applicant_org, submit=False)
    application.partners.create(organization=OrganizationFactory())
    from birge.funding.applications.services import application_submit

    application_submit(actor=applicant, application=application)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url("application", application.pk))
    with CaptureQueriesContext(connection) as captured:
        client.get(url("application", application.pk))
    for _n in range(4):
        application.partners.create(organization=OrganizationFactory())
    with django_assert_num_queries(len(captured)):
        client.get(url("application", application.pk))


def test_the_form_page_carries_its_css_and_script_under_the_requests_nonce(client, draft, applicant):
    """One round trip on a slow link: the page holds its stylesheet and the autosave script, allowed by a
    nonce of this response alone; no other page gets one."""
    import re

    log_in(client, applicant)
    section = section_of(draft, "Цель проекта")
    response = client.get(f"{url('application', draft.pk)}?section={section}")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    html = response.content.decode()
    assert f'<style nonce="{nonce}">' in html and f'<script nonce="{nonce}">' in html
    assert "data-autosave" in html and "unsafe-inline" not in response["Content-Security-Policy"]
    assert "nonce-" not in client.get(url("applications"))["Content-Security-Policy"]
