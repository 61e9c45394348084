"""Reports: the grantee saves a draft as often as they like (never a negative amount or another currency,
never over a newer save), submits it once its figures agree, and every disagreement is named in plain words;
the officer accepts it (the payment that waited for it becomes payable) or sends it back with comments; an
overdue report is reminded of once a week."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.funding.awards.models import TrancheStatus
from birge.funding.awards.services import tranche_pay
from birge.funding.awards.tests.factories import INDICATOR, filled
from birge.funding.events import Verb
from birge.funding.reports.models import Report, Status
from birge.funding.reports.services import (
    ReportInput,
    StaleReport,
    report_accept,
    report_file_add,
    report_problems,
    report_request_changes,
    report_save,
    report_submit,
    reports_remind_overdue,
)
from birge.orgs.members.models import Role
from birge.orgs.tests.factories import with_member
from conftest import make_user

pytestmark = pytest.mark.django_db

# Why more was spent than paid: every test report spends the whole plan before the second payment.
BRIDGED = "Остальное — из собственных средств до второго транша."
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def save(report: Report, actor, **data) -> Report:
    report.refresh_from_db()
    return report_save(actor=actor, report=report, revision=report.revision, data=ReportInput(**data))


def ready(report: Report, actor, **changes) -> Report:
    """Filled in so that a submission passes (spent as planned, the excess explained)."""
    return filled(report, actor, financial_comment=BRIDGED, **changes)


def submitted(report: Report, actor) -> Report:
    return report_submit(actor=actor, report=ready(report, actor))


def problems_in_english(report: Report) -> list[str]:
    report.refresh_from_db()
    with translation.override("en"):
        return report_problems(report)


# Saving -----------------------------------------------------------------------------------------------------


def test_the_grantee_saves_a_draft_incomplete(first_report, applicant):
    report = save(
        first_report, applicant, narrative="  Начали набор участников.  ", spent={0: Decimal(150_000)}
    )

    assert report.narrative == "Начали набор участников." and report.revision == 2
    assert [line.spent for line in report.lines.all()] == [Decimal(150_000), Decimal(0)]
    assert Event.objects.filter(verb=Verb.REPORT_SAVED, actor=applicant).count() == 1


def test_an_editor_of_the_recipient_organization_reports_too(first_report, applicant_org):
    editor = make_user("editor@example.org")
    with_member(applicant_org, editor, Role.EDITOR)

    assert save(first_report, editor, narrative="Отчёт пишет новый сотрудник.").narrative


@pytest.mark.parametrize("who", ["officer", "manager", "committee_member", "reviewer", "outsider"])
def test_nobody_else_writes_the_report(request, first_report, who):
    with pytest.raises(PermissionDenied):
        save(first_report, request.getfixturevalue(who), narrative="Чужой текст.")
    first_report.refresh_from_db()
    assert first_report.narrative == "" and first_report.revision == 1


def test_a_negative_amount_is_refused_even_in_a_draft(first_report, applicant):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        save(first_report, applicant, narrative="Текст.", spent={0: Decimal(-5)})

    assert refused.value.message_dict == {"lines": ["An amount spent cannot be negative."]}
    first_report.refresh_from_db()
    assert first_report.narrative == "" and first_report.revision == 1


def test_another_currency_is_refused(first_report, applicant):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        save(first_report, applicant, narrative="Текст.", currency="USD")

    assert refused.value.message_dict == {"currency": ["The award is in KZT: report every amount in it."]}


def test_a_save_over_a_newer_one_is_refused_and_carries_the_newer(first_report, applicant):
    save(first_report, applicant, narrative="Версия с телефона.")

    with pytest.raises(StaleReport) as refused:
        report_save(
            actor=applicant, report=first_report, revision=1, data=ReportInput(narrative="Версия с ноутбука.")
        )

    assert refused.value.report.narrative == "Версия с телефона." and refused.value.report.revision == 2
    first_report.refresh_from_db()
    assert first_report.narrative == "Версия с телефона."


def test_a_report_submitted_since_it_was_read_is_not_changed(first_report, applicant):
    opened = Report.objects.get(pk=first_report.pk)  # read by one tab, still due
    submitted(first_report, applicant)  # sent from another
    opened.revision = Report.objects.get(pk=first_report.pk).revision

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        report_save(
            actor=applicant, report=opened, revision=opened.revision, data=ReportInput(narrative="Поздно.")
        )

    assert refused.value.messages == ["This report is with the officer: it cannot change now."]
    first_report.refresh_from_db()
    assert first_report.narrative == "Проведены три тренинга в трёх районах."


# Submitting -------------------------------------------------------------------------------------------------


def test_every_problem_of_an_empty_final_report_is_named(award):
    final = award.reports.get(number=2)

    assert problems_in_english(final) == [
        "Say what was done in this period.",
        "“Тренинги”: 0 spent against 2,000,000 planned differs by more than 10 %; explain why in the line's "
        "comment.",
        "“Аренда”: 0 spent against 400,000 planned differs by more than 10 %; explain why in the line's "
        "comment.",
        f"Give the value reached for “{INDICATOR}”.",
    ]


def test_a_line_beyond_the_threshold_needs_a_comment(first_report, applicant):
    report = ready(first_report, applicant, spent={0: Decimal(2_500_000), 1: Decimal(400_000)})

    assert problems_in_english(report) == [
        "“Тренинги”: 2,500,000 spent against 2,000,000 planned differs by more than 10 %; explain why in "
        "the line's comment."
    ]

    explained = ready(
        report,
        applicant,
        spent={0: Decimal(2_500_000), 1: Decimal(400_000)},
        line_comments={0: "Четвёртый тренинг по просьбе акимата."},
    )
    assert problems_in_english(explained) == []


def test_a_line_within_the_threshold_needs_no_comment(first_report, applicant):
    report = ready(first_report, applicant, spent={0: Decimal(2_200_000), 1: Decimal(400_000)})

    assert problems_in_english(report) == []


def test_spending_more_than_was_paid_needs_a_comment(award, applicant, officer):
    # The final report: no payment waits for it, and nothing is paid yet.
    report = filled(award.reports.get(number=2), applicant)  # 2 400 000 spent, no comment

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        report_submit(actor=applicant, report=report)

    [problem] = refused.value.messages
    assert problem.startswith("2,400,000 spent is more than the 0 paid so far")
    assert "say in the comment on the spending where the rest came from" in problem
    report.refresh_from_db()
    assert report.status == Status.DUE and report.submitted_at is None

    # Explained, it goes.
    explained = filled(report, applicant, financial_comment=BRIDGED)
    assert problems_in_english(explained) == []

    # Paid in full, the same spending needs no explanation.
    filled(report, applicant, financial_comment="")
    tranche_pay(actor=officer, tranche=award.tranches.get(number=1))
    award.tranches.filter(number=2).update(status=TrancheStatus.PAID)
    assert problems_in_english(report) == []


def test_a_submitted_report_reaches_the_programs_officers(
    first_report, applicant, officer, manager, committee_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = submitted(first_report, applicant)

    assert report.status == Status.SUBMITTED and report.submitted_by == applicant
    assert Event.objects.get(verb=Verb.REPORT_SUBMITTED).actor == applicant
    told = Notification.objects.filter(kind="funding.report")
    assert {notice.recipient for notice in told} == {officer, manager}
    assert {notice.url for notice in told} == {f"/ru/calls/awards/{report.award_id}/reports/1/"}
    assert sorted(message.to[0] for message in mail.outbox) == sorted([officer.email, manager.email])


def test_a_second_submission_finds_it_submitted(first_report, applicant):
    report = submitted(first_report, applicant)

    assert report_submit(actor=applicant, report=report).status == Status.SUBMITTED
    assert Event.objects.filter(verb=Verb.REPORT_SUBMITTED).count() == 1


def test_a_submitted_report_cannot_change(first_report, applicant):
    submitted(first_report, applicant)

    with pytest.raises(ValidationError):
        save(first_report, applicant, narrative="Поправка после отправки.")
    with pytest.raises(ValidationError):
        report_file_add(actor=applicant, report=first_report, uploaded=SimpleUploadedFile("чек.pdf", PDF))


# The officer's decision -------------------------------------------------------------------------------------


def test_accepting_the_report_releases_the_payment_that_waited_for_it(
    first_report, applicant, officer, django_capture_on_commit_callbacks
):
    report = submitted(first_report, applicant)

    with django_capture_on_commit_callbacks(execute=True):
        report_accept(actor=officer, report=report, comment="Спасибо, всё ясно.")

    report.refresh_from_db()
    assert report.status == Status.ACCEPTED and report.accepted_at is not None
    assert report.officer_comment == "Спасибо, всё ясно."
    assert report.award.tranches.get(number=2).status == TrancheStatus.PAYABLE
    assert Event.objects.get(verb=Verb.REPORT_ACCEPTED).actor == officer
    assert Event.objects.get(verb=Verb.TRANCHE_PAYABLE).new == {"tranche": 2}
    notice = Notification.objects.filter(recipient=applicant).latest("pk")
    assert "Спасибо, всё ясно." in notice.body
    assert applicant.email in [message.to[0] for message in mail.outbox]


def test_accepting_another_report_releases_nothing(award, applicant, officer):
    final = award.reports.get(number=2)
    report_accept(actor=officer, report=submitted(final, applicant))

    assert award.tranches.get(number=2).status == TrancheStatus.SCHEDULED


def test_asking_for_changes_needs_a_comment(first_report, applicant, officer):
    report = submitted(first_report, applicant)

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        report_request_changes(actor=officer, report=report, comment="  ")

    assert refused.value.message_dict == {"comment": ["Say what should change: the grantee reads it."]}
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_changes_asked_send_the_report_back_to_the_grantee(first_report, applicant, officer):
    report = submitted(first_report, applicant)

    report_request_changes(actor=officer, report=report, comment="Приложите список участников.")

    report.refresh_from_db()
    assert report.status == Status.CHANGES_REQUESTED
    assert report.award.tranches.get(number=2).status == TrancheStatus.SCHEDULED
    assert Event.objects.get(verb=Verb.REPORT_CHANGES_REQUESTED).actor == officer
    assert (
        Notification.objects.filter(recipient=applicant, kind="funding.award")
        .latest("pk")
        .url.endswith("/reports/1/")
    )
    # The grantee writes again, and submits again.
    assert save(report, applicant, narrative="Список участников приложен.").status == Status.CHANGES_REQUESTED
    assert submitted(report, applicant).status == Status.SUBMITTED


def test_a_report_is_decided_once(first_report, applicant, officer, manager):
    report = submitted(first_report, applicant)
    report_accept(actor=officer, report=report)

    with pytest.raises(ValidationError):
        report_request_changes(actor=manager, report=report, comment="Передумали.")
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED


@pytest.mark.parametrize("who", ["committee_member", "reviewer", "applicant", "outsider"])
def test_only_those_who_run_the_program_decide_on_reports(request, first_report, applicant, who):
    report = submitted(first_report, applicant)

    with pytest.raises(PermissionDenied):
        report_accept(actor=request.getfixturevalue(who), report=report)
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


# Files and reminders ----------------------------------------------------------------------------------------


def test_a_file_of_evidence_is_kept_under_its_kind(first_report, applicant):
    attached = report_file_add(
        actor=applicant, report=first_report, uploaded=SimpleUploadedFile("чек.pdf", PDF)
    )

    assert (attached.name, attached.kind, attached.size) == ("чек.pdf", "pdf", len(PDF))
    assert attached.file.read() == PDF


def test_an_overdue_report_is_reminded_once_a_week(
    first_report, applicant, django_capture_on_commit_callbacks
):
    late = first_report.due_on + dt.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        assert reports_remind_overdue(late) == 1
    assert reports_remind_overdue(late + dt.timedelta(days=1)) == 0
    assert reports_remind_overdue(late + dt.timedelta(days=6)) == 0
    assert reports_remind_overdue(late + dt.timedelta(days=7)) == 1

    reminders = Notification.objects.filter(recipient=applicant)
    assert Event.objects.filter(verb=Verb.REPORT_REMINDED).count() == 2
    assert reminders.filter(url=f"/ru/calls/awards/{first_report.award_id}/reports/1/").count() == 2
    assert applicant.email in [message.to[0] for message in mail.outbox]


def test_a_report_not_yet_due_or_already_sent_is_not_reminded(first_report, applicant):
    assert reports_remind_overdue(first_report.due_on) == 0
    submitted(first_report, applicant)

    assert reports_remind_overdue(first_report.due_on + dt.timedelta(days=30)) == 0
