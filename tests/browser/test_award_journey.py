"""A grant after its award, in the browser: the grantee submits the interim report, the officer asks for a
change, the grantee makes it, the officer accepts, and the second payment becomes payable; then, signed
out, the public register shows the award with its figures, and its 360Giving and OCDS downloads validate
against the standards' schemas."""

import json
from decimal import Decimal

import pytest
from django.utils import translation

from birge.funding.awards.models import TrancheStatus
from birge.funding.awards.tests.factories import approved, award
from birge.funding.calls.models import Status as CallStatus
from birge.funding.conftest import (
    applicant,
    applicant_org,
    committee_member,
    make_application,
    make_call,
    manager,
    officer,
    open_call,
    operator,
    program,
    ready_call,
)
from birge.funding.opendata.tests import factories as opendata
from birge.funding.opendata.tests.standards import errors
from birge.funding.programs.models import Currency, Mechanism, Program
from birge.funding.reports.models import Status as ReportStatus
from birge.orgs.tests.factories import OrganizationFactory
from tests.browser.test_application_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The funding tests' fixtures, by name (this folder is outside birge/funding, where they are found).
__all__ = [
    "applicant",
    "applicant_org",
    "approved",
    "award",
    "committee_member",
    "make_application",
    "make_call",
    "manager",
    "officer",
    "open_call",
    "operator",
    "program",
    "ready_call",
]


def log_out(page) -> None:
    page.click("header form button[type=submit]")
    page.wait_for_load_state("load")


def social_contract(operator, make_call):
    """A decided social contract of the same operator with one award: what the OCDS download holds."""
    contracts = Program.objects.create(
        operator=operator,
        slug="home-care",
        title="Уход на дому за пожилыми людьми",
        mechanism=Mechanism.SOCIAL_CONTRACT,
        currency=Currency.KZT,
        applicants=["organization"],
    )
    call = make_call("Социальный заказ: уход на дому", status=CallStatus.DECIDED, in_program=contracts)
    provider = OrganizationFactory(name="Мейірім", name_ru="Мейірім")
    return opendata.award(
        opendata.application(call, "Уход на дому в Енбекшинском районе", organization=provider), "9000000"
    )


def test_a_report_sent_back_fixed_and_accepted_releases_the_payment_and_the_register_shows_it(
    visitor, reference, award, applicant, officer, operator, make_call
):
    contract = social_contract(operator, make_call)
    report = award.reports.get(number=1)
    lines = list(report.lines.all())
    indicator = award.indicators.get()
    page, base = visitor.page, visitor.base_url

    # The grantee writes the interim report and submits it.
    log_in(page, base, applicant.email)
    visitor.goto(f"/ru/calls/awards/{award.pk}/reports/1/")
    page.fill("#id_narrative", "Проведены два тренинга из трёх.")
    for line in lines:
        page.fill(f"[name='l-{line.position}-spent']", str((line.planned / 2).quantize(Decimal(1))))
    page.fill(f"[name='v-{indicator.pk}-value']", "25")
    page.click("button[name=submit]")
    visitor.check()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    log_out(page)

    # The officer asks for a change.
    log_in(page, base, officer.email)
    visitor.goto(f"/ru/calls/awards/{award.pk}/reports/1/")
    page.fill(
        "#decide textarea, form[action$='/decide/'] textarea",
        "Добавьте, сколько участников пришло на каждый тренинг.",
    )
    page.click("button[name=action][value=changes]")
    visitor.check()
    report.refresh_from_db()
    assert report.status == ReportStatus.CHANGES_REQUESTED
    log_out(page)

    # The grantee reads the comment, fixes the narrative and submits again.
    log_in(page, base, applicant.email)
    visitor.goto(f"/ru/calls/awards/{award.pk}/reports/1/")
    assert page.get_by_text("Добавьте, сколько участников").count() == 1
    page.fill("#id_narrative", "Проведены два тренинга из трёх: 14 и 11 участников.")
    page.click("button[name=submit]")
    visitor.check()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    log_out(page)

    # The officer accepts: the second payment becomes payable, and the page offers to record it.
    log_in(page, base, officer.email)
    visitor.goto(f"/ru/calls/awards/{award.pk}/reports/1/")
    page.click("button[name=action][value=accept]")
    visitor.check()
    assert award.tranches.get(number=2).status == TrancheStatus.PAYABLE
    visitor.goto(f"/ru/calls/awards/{award.pk}/")
    assert page.locator("#t2 button[type=submit]").count() == 1
    log_out(page)

    # The public register, signed out.
    visitor.goto("/ru/register/")
    assert page.get_by_text(award.title).count() >= 1
    visitor.goto(f"/ru/register/awards/{award.pk}/")
    assert page.get_by_text(award.recipient_name).count() == 1
    with translation.override("ru"):
        grants = page.request.get(f"{base}/ru/register/360giving.json")
        contracts = page.request.get(f"{base}/ru/register/ocds.json")
    assert grants.status == 200 and contracts.status == 200
    package = json.loads(grants.body())
    assert [grant["title"] for grant in package["grants"]] == [award.title]
    assert errors("360-giving-package-schema.json", package) == []
    releases = json.loads(contracts.body())
    tags = sorted(tag for release in releases["releases"] for tag in release["tag"])
    assert tags == ["award", "contract", "tender"]  # the one social contract's process
    assert all(contract.application.call.slug in release["ocid"] for release in releases["releases"])
    assert errors("release-package-schema.json", releases) == []


def test_monitoring_and_evaluation_pages_pass_axe(visitor, reference, award, applicant, officer):
    """The officer records a visit with an action and evaluates the project after a terminated one; the
    grantee reads both and marks the action done."""
    page, base = visitor.page, visitor.base_url
    log_in(page, base, officer.email)
    visitor.goto(f"/ru/calls/awards/{award.pk}/visits/new/")
    page.fill("#id_findings", "Тренинги идут по плану.")
    page.fill("#id_action_1", "Прислать список участников")
    page.fill("#id_owner_1", "Айгерим")
    page.fill("#id_due_1", "2099-01-01")
    page.click("main form button[type=submit]")
    visitor.check()
    visit = award.visits.get()
    assert page.url.endswith(f"/visits/{visit.pk}/")
    visitor.goto(f"/ru/calls/awards/{award.pk}/evaluation/")
    for select in page.locator("select[name^=rating_]").all():
        select.select_option("3")
    page.fill("#id_lessons", "Начинать набор участников раньше.")
    page.select_option("#id_closing", "terminated")
    page.click("main form button[type=submit]")
    visitor.check()
    assert award.evaluation.closing == "terminated"
    log_out(page)
    log_in(page, base, applicant.email)
    visitor.goto(f"/ky/calls/awards/{award.pk}/visits/{visit.pk}/")
    page.click("main form button[type=submit]")
    visitor.check()
    assert visit.follow_ups.get().done_on is not None
    visitor.goto(f"/ky/calls/awards/{award.pk}/evaluation/")
    visitor.goto(f"/ky/calls/awards/{award.pk}/")
    visitor.goto("/ky/calls/awards/")
