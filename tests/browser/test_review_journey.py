"""The review and the decision, in the browser: a reviewer declares a conflict on one application and scores
another; the officer assigns reviewers automatically and sees the ranking flag a disagreement; the
committee decides; the officer records the call as decided; and the applicant reads the decision in Kyrgyz,
her own language."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from birge.core.notifications.models import Notification
from birge.funding.applications.models import Application
from birge.funding.calls.models import Call, Status
from birge.funding.calls.services import call_close
from birge.funding.conftest import fill
from birge.funding.decisions.models import Decision, Outcome
from birge.funding.programs.models import ProgramStaff, StaffRole
from birge.funding.review.models import Assignment, Conflict
from birge.funding.review.services import declare, pool_set, scores_save
from birge.orgs.tests.factories import OrganizationFactory, with_member
from conftest import make_user
from tests.browser.test_application_journey import log_in, open_competition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submitted(call: Call, email: str, name: str, organization: str, language: str = "ru") -> Application:
    from birge.funding.applications.services import application_start, application_submit

    person = make_user(email, display_name=name, language=language)
    applicant = with_member(OrganizationFactory(name=organization, founded_year=2010), person)
    application = application_start(
        actor=person,
        call=call,
        applicant_kind="organization",
        organization=applicant,
        title="",
        language="ru",
    )
    application = fill(application, person)
    application.title = f"Проект: {organization}"
    application.save(update_fields=["title"])
    return application_submit(actor=person, application=application)


def staff(call: Call, email: str, name: str, role: str):
    person = make_user(email, display_name=name)
    ProgramStaff.objects.create(program=call.program, user=person, role=role)
    return person


def log_out(page) -> None:
    page.click("header form button[type=submit]")
    page.wait_for_load_state("load")


def test_conflict_scores_ranking_decision_and_the_applicant_reads_it_in_kyrgyz(visitor, reference):
    call = open_competition()
    officer = call.program.staff.get(role=StaffRole.MANAGER).user
    Call.objects.filter(pk=call.pk).update(reviews_per_application=2, disagreement_threshold=20)
    call.refresh_from_db()
    gulnara = submitted(call, "gulnara@example.kg", "Гульнара", "Ак-Журок", language="ky")
    second = submitted(call, "timur@example.kz", "Тимур", "Болашак")
    third = submitted(call, "saltanat@example.kz", "Салтанат", "Шапағат")
    rustam = staff(call, "rustam@example.kz", "Рустам", StaffRole.REVIEWER)
    madina = staff(call, "madina@example.kz", "Мадина", StaffRole.REVIEWER)
    kamila = staff(call, "kamila@example.kz", "Камила", StaffRole.COMMITTEE)
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    call.refresh_from_db()
    call_close(actor=None, call=call)
    pool_set(actor=officer, call=call, members=[(rustam, []), (madina, [])])
    page, base = visitor.page, visitor.base_url

    # The officer assigns automatically and starts the review.
    log_in(page, base, officer.email)
    visitor.goto(f"/ru/calls/{call.slug}/reviewers/")
    page.click("form:has(input[name=action][value=auto]) button[type=submit]")
    visitor.check()
    assert Assignment.objects.filter(application__call=call).count() == 6  # 3 applications × 2 reviewers
    visitor.goto(f"/ru/calls/{call.slug}/edit/")
    page.click("button[name=step][value=review]")
    visitor.check()
    assert Call.objects.get(pk=call.pk).status == Status.IN_REVIEW
    log_out(page)

    # Rustam: a conflict on Timur's application, whose content he never sees; a review of Gulnara's.
    log_in(page, base, rustam.email)
    conflicted = Assignment.objects.get(reviewer=rustam, application=second)
    visitor.goto(f"/ru/calls/review/{conflicted.pk}/")
    assert "Три тренинга" not in page.content()
    page.check("input[name=conflict][value=declared]")
    page.fill("textarea[name=note]", "Я состою в правлении этой организации.")
    page.click("main form button[type=submit]")
    visitor.check()
    assert "Три тренинга" not in page.content()
    assert Assignment.objects.get(pk=conflicted.pk).conflict == Conflict.DECLARED

    reviewed = Assignment.objects.get(reviewer=rustam, application=gulnara)
    visitor.goto(f"/ru/calls/review/{reviewed.pk}/")
    page.check("input[name=conflict][value=none]")
    page.click("main form button[type=submit]")
    visitor.check()
    assert "Три тренинга" in page.content()  # the content, once he has declared no conflict
    for criterion in call.criteria.all():
        page.fill(f"input[name=score_{criterion.pk}]", str(criterion.max_score))
        page.fill(f"textarea[name=comment_{criterion.pk}]", "Сильная команда и ясный план.")
    page.click("button[name=submit]")
    visitor.check()
    assert Assignment.objects.get(pk=reviewed.pk).total == 100
    log_out(page)

    # The other reviews, Madina's: she scores Gulnara's far lower (a disagreement) and the others.
    criteria = list(call.criteria.all())
    for assignment in Assignment.objects.filter(reviewer=madina):
        declare(actor=madina, assignment=assignment, conflict=False)
        low = assignment.application_id == gulnara.pk
        scores = {c.pk: (1 if low else c.max_score, "") for c in criteria}
        scores_save(actor=madina, assignment=assignment, scores=scores, submit=True)
    rustam_third = Assignment.objects.get(reviewer=rustam, application=third)
    declare(actor=rustam, assignment=rustam_third, conflict=False)
    scores_save(
        actor=rustam, assignment=rustam_third, scores={c.pk: (c.max_score, "") for c in criteria}, submit=True
    )

    # The officer's ranking flags Gulnara's application.
    log_in(page, base, officer.email)
    visitor.goto(f"/ru/calls/{call.slug}/ranking/")
    flagged = page.locator("tbody tr", has=page.locator("strong.badge"))
    assert flagged.count() == 1 and "Ак-Журок" in flagged.inner_text()
    log_out(page)

    # The committee decides: Gulnara's approved, the others rejected and waitlisted.
    log_in(page, base, kamila.email)
    visitor.goto(f"/ru/calls/{call.slug}/decisions/")
    page.click(f"a[href='/ru/calls/{call.slug}/decisions/{gulnara.pk}/']")
    visitor.check()
    page.check(f"input[name=outcome][value={Outcome.APPROVED}]")
    page.fill("input[name=amount]", "2 000 000")
    page.fill("textarea[name=reasons]", "Проект отвечает приоритетам конкурса; бюджет обоснован.")
    page.click("main form button[type=submit]")
    visitor.check()
    for application, outcome in ((second, Outcome.REJECTED), (third, Outcome.WAITLISTED)):
        visitor.goto(f"/ru/calls/{call.slug}/decisions/{application.pk}/")
        page.check(f"input[name=outcome][value={outcome}]")
        page.fill("textarea[name=reasons]", "Баллы ниже проходного порога.")
        page.click("main form button[type=submit]")
        visitor.check()
    assert Decision.objects.filter(application__call=call).count() == 3
    assert Decision.objects.get(application=gulnara).amount == 2_000_000
    log_out(page)

    log_in(page, base, officer.email)
    visitor.goto(f"/ru/calls/{call.slug}/edit/")
    page.click("button[name=step][value=decide]")
    visitor.check()
    assert Call.objects.get(pk=call.pk).status == Status.DECIDED
    log_out(page)

    # Gulnara reads it in Kyrgyz: her notification, and the decision on her application's page.
    told = Notification.objects.get(
        recipient__email="gulnara@example.kg", kind="funding.application", event__verb="funding.call_decided"
    )
    with translation.override("ky"):
        approved = str(Outcome.APPROVED.label)
        subject = translation.gettext("The decision on your application")
    assert told.title == subject and told.url.startswith("/ky/")
    log_in(page, base, "gulnara@example.kg")
    visitor.goto(f"/ky/calls/applications/{gulnara.pk}/")
    text = page.inner_text("main")
    assert page.get_attribute("html", "lang") == "ky"
    assert approved in text
    assert "Проект отвечает приоритетам конкурса" in text
