"""A report's page: the grantee writes, attaches evidence and submits (told in plain words what stops a
submission; a save over a newer one shows both and loses nothing; an amount that is not one is refused by its
field); the program's managers and officers read what was sent and accept it or ask for changes; the
committee reads it; nobody else learns the page exists. Files are downloaded only by those who follow the
award. Each page makes as many queries for many lines, indicators and files as for few."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.html import escape

from birge.core.testing import HTML_BUDGET, assert_same_queries, counted_get, gzipped_size
from birge.funding.awards.models import Indicator, TrancheStatus
from birge.funding.awards.tests.factories import filled
from birge.funding.money import money
from birge.funding.reports.models import IndicatorValue, Line, Report, ReportFile, Status
from birge.funding.reports.services import report_accept, report_request_changes, report_submit

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
BRIDGED = "Остальное — из собственных средств до второго транша."


def url(report, tail: str = "") -> str:
    return f"/ru/calls/awards/{report.award_id}/reports/{report.number}/{tail}"


def shown(message: str) -> str:
    """`message` as the pages (in Russian) show it."""
    with translation.override("ru"):
        return translation.gettext(message)


def sent(report: Report, grantee) -> Report:
    """Filled in so that it passes, and submitted."""
    return report_submit(actor=grantee, report=filled(report, grantee, financial_comment=BRIDGED))


def form_data(report: Report, **changes) -> dict:
    """What the grantee's form sends for `report` as it stands, with `changes`."""
    report.refresh_from_db()
    data = {
        "revision": str(report.revision),
        "narrative": "Проведены три тренинга в трёх районах.",
        "currency": "KZT",
        "financial_comment": BRIDGED,
        "save": "1",
    }
    for line in report.lines.all():
        data[f"l-{line.position}-spent"] = f"{line.planned:.0f}"
        data[f"l-{line.position}-comment"] = ""
    for indicator in report.award.indicators.all():
        data[f"v-{indicator.pk}-value"] = "40"
        data[f"v-{indicator.pk}-comment"] = ""
    return {**data, **changes}


# Who sees what ----------------------------------------------------------------------------------------------

FOLLOWERS = ["applicant", "editor", "officer", "manager", "committee_member"]
STRANGERS = ["reviewer", "outsider"]


@pytest.mark.parametrize(
    ("who", "status"), [(who, 200) for who in FOLLOWERS] + [(who, 404) for who in STRANGERS]
)
def test_each_role_against_a_draft_report(client, request, first_report, editor, who, status):
    filled(first_report, editor, narrative="Черновик грантополучателя.")
    client.force_login(request.getfixturevalue(who))

    response = client.get(url(first_report))

    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        grantee = who in ("applicant", "editor")
        # The grantee writes; the staff do not read a draft.
        assert (response.context["form"] is not None) == grantee
        assert ("Черновик грантополучателя." in page) == grantee
        assert response.context["decide_form"] is None


@pytest.mark.parametrize(
    ("who", "status"), [(who, 200) for who in FOLLOWERS] + [(who, 404) for who in STRANGERS]
)
def test_each_role_against_a_submitted_report(client, request, first_report, applicant, editor, who, status):
    sent(first_report, applicant)
    client.force_login(request.getfixturevalue(who))

    response = client.get(url(first_report))

    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Проведены три тренинга" in page and BRIDGED in page
        assert response.context["form"] is None  # read only, for the grantee too
        # Those who run the program decide; the committee reads.
        assert (response.context["decide_form"] is not None) == (who in ("officer", "manager"))
        assert (url(first_report, "decide/") in page) == (who in ("officer", "manager"))


def test_someone_signed_out_is_sent_to_log_in(client, first_report):
    for response in (
        client.get(url(first_report)),
        client.post(url(first_report), form_data(first_report)),
        client.post(url(first_report, "decide/"), {"action": "accept"}),
    ):
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    first_report.refresh_from_db()
    assert first_report.revision == 1


def test_a_report_that_does_not_exist_is_not_found(client, first_report, applicant):
    client.force_login(applicant)

    assert client.get(f"/ru/calls/awards/{first_report.award_id}/reports/9/").status_code == 404
    assert client.get(f"/ru/calls/awards/{first_report.award_id + 50}/reports/1/").status_code == 404


@pytest.mark.parametrize(("who", "status"), [("officer", 403), ("committee_member", 403), ("reviewer", 404)])
def test_nobody_but_the_grantee_writes(client, request, first_report, who, status):
    client.force_login(request.getfixturevalue(who))

    assert client.post(url(first_report), form_data(first_report)).status_code == status
    first_report.refresh_from_db()
    assert first_report.narrative == "" and first_report.revision == 1


# Writing ----------------------------------------------------------------------------------------------------


def test_the_grantee_saves_what_was_typed(client, first_report, applicant):
    client.force_login(applicant)

    response = client.post(
        url(first_report), form_data(first_report, **{"l-0-spent": "1 950 000,50", "l-0-comment": "Скидка."})
    )

    assert response.status_code == 302 and response["Location"] == url(first_report)
    first_report.refresh_from_db()
    assert first_report.narrative == "Проведены три тренинга в трёх районах." and first_report.revision == 2
    line = first_report.lines.get(position=0)
    assert (line.spent, line.comment) == (Decimal("1950000.50"), "Скидка.")
    assert first_report.values.get().value == Decimal(40)
    assert first_report.status == Status.DUE


def test_the_currency_is_offered_as_the_awards(client, first_report, applicant):
    client.force_login(applicant)

    form = client.get(url(first_report)).context["form"]

    assert form["currency"].value() == "KZT"


@pytest.mark.parametrize("typed", ["-100", "сто тысяч", "1.005"])
def test_an_amount_that_is_not_one_is_refused_by_its_field_and_nothing_typed_is_lost(
    client, first_report, applicant, typed
):
    client.force_login(applicant)

    response = client.post(url(first_report), form_data(first_report, **{"l-1-spent": typed}))

    assert response.status_code == 200
    expected = (
        "An amount cannot be negative."
        if typed.startswith("-")
        else "Write an amount in digits, with at most two decimals, such as 2 400 000."
    )
    assert response.context["form"].errors["l-1-spent"] == [shown(expected)]
    page = response.content.decode()
    assert f'value="{typed}"' in page and "Проведены три тренинга в трёх районах." in page
    first_report.refresh_from_db()
    assert first_report.revision == 1 and first_report.narrative == ""


def test_another_currency_is_refused_by_its_field(client, first_report, applicant):
    client.force_login(applicant)

    response = client.post(url(first_report), form_data(first_report, currency="USD"))

    assert response.status_code == 200
    assert response.context["form"].errors["currency"] == [
        shown("The award is in %(currency)s: report every amount in it.") % {"currency": "KZT"}
    ]
    first_report.refresh_from_db()
    assert first_report.revision == 1


def test_submitting_a_report_whose_figures_disagree_names_each_problem_and_keeps_the_text(
    client, first_report, applicant
):
    client.force_login(applicant)
    data = form_data(first_report, financial_comment="", **{"l-0-spent": "2 600 000"})
    del data["save"]

    response = client.post(url(first_report), {**data, "submit": "1"})

    assert response.status_code == 200
    problems = response.context["problems"]
    assert len(problems) == 2
    assert "Тренинги" in problems[0] and money(2_600_000) in problems[0]
    assert money(3_000_000) in problems[1]  # spent in all, more than paid, with no comment
    page = response.content.decode()
    assert all(escape(problem) in page for problem in problems)
    first_report.refresh_from_db()
    # Kept, not sent: the form shows it as stored, ready for the next try.
    assert first_report.status == Status.DUE and first_report.lines.get(position=0).spent == Decimal(
        2_600_000
    )
    assert response.context["form"]["revision"].value() == first_report.revision


def test_the_grantee_submits_from_the_page(client, first_report, applicant, officer):
    client.force_login(applicant)
    data = form_data(first_report)
    del data["save"]

    response = client.post(url(first_report), {**data, "submit": "1"})

    assert response.status_code == 302
    first_report.refresh_from_db()
    assert first_report.status == Status.SUBMITTED and first_report.submitted_by == applicant


def test_a_save_over_a_newer_one_shows_both_and_loses_nothing(client, first_report, applicant, editor):
    client.force_login(applicant)
    opened = client.get(url(first_report)).context["form"]["revision"].value()
    filled(
        first_report,
        editor,
        narrative="Текст, сохранённый коллегой.",
        financial_comment="Комментарий коллеги.",
    )

    response = client.post(
        url(first_report), form_data(first_report, revision=str(opened), narrative="Мой текст с ноутбука.")
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Текст, сохранённый коллегой." in page and "Комментарий коллеги." in page  # theirs, shown
    assert "Мой текст с ноутбука." in page  # mine, in the form
    assert response.context["stale"] is not None
    first_report.refresh_from_db()
    assert first_report.narrative == "Текст, сохранённый коллегой."
    # Saving again is a deliberate choice, on the stored revision.
    form = response.context["form"]
    assert form["revision"].value() == str(first_report.revision)
    again = client.post(url(first_report), form_data(first_report, narrative="Мой текст с ноутбука."))
    assert again.status_code == 302
    first_report.refresh_from_db()
    assert first_report.narrative == "Мой текст с ноутбука."


def test_a_save_after_the_report_was_sent_shows_what_was_typed(client, first_report, applicant):
    client.force_login(applicant)
    data = form_data(first_report, narrative="Дописала ещё абзац.")
    sent(first_report, applicant)

    response = client.post(url(first_report), data)

    assert response.status_code == 200
    assert "Дописала ещё абзац." in response.content.decode()
    first_report.refresh_from_db()
    assert first_report.narrative == "Проведены три тренинга в трёх районах."


def test_a_second_press_of_submit_finds_it_submitted(client, first_report, applicant):
    client.force_login(applicant)
    data = form_data(first_report)
    del data["save"]
    client.post(url(first_report), {**data, "submit": "1"})

    response = client.post(url(first_report), {**data, "submit": "1"})

    assert response.status_code == 302
    first_report.refresh_from_db()
    assert first_report.status == Status.SUBMITTED


def test_the_officers_comments_are_shown_to_the_grantee(client, first_report, applicant, officer):
    report_request_changes(
        actor=officer, report=sent(first_report, applicant), comment="Приложите список участников."
    )
    client.force_login(applicant)

    response = client.get(url(first_report))

    assert "Приложите список участников." in response.content.decode()
    assert response.context["form"] is not None  # back with the grantee


# Files ------------------------------------------------------------------------------------------------------


def test_a_file_is_attached_with_a_save_and_downloaded_by_those_who_follow(
    client, first_report, applicant, committee_member, officer
):
    client.force_login(applicant)
    upload = SimpleUploadedFile("акт выполненных работ.pdf", PDF, content_type="text/html")

    response = client.post(url(first_report), {**form_data(first_report), "file": upload})

    assert response.status_code == 302
    stored = ReportFile.objects.get(report=first_report)
    assert (stored.name, stored.kind) == ("акт выполненных работ.pdf", "pdf")
    page = client.get(url(first_report)).content.decode()
    download = url(first_report, f"files/{stored.pk}/")
    assert download in page and "акт выполненных работ.pdf" in page
    for person in (applicant, committee_member, officer):
        client.force_login(person)
        response = client.get(download)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"  # the stored kind's, never the upload's
        assert response["Content-Disposition"] == (
            f'attachment; filename="report-{first_report.award_id}-1-{stored.pk}.pdf"'
        )
        assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("who", ["reviewer", "outsider"])
def test_nobody_else_downloads_a_file(client, request, first_report, who):
    stored = ReportFile(report=first_report, name="чек.pdf", kind="pdf", size=len(PDF), sha256="0")
    stored.file.save("a.pdf", ContentFile(PDF), save=True)
    client.force_login(request.getfixturevalue(who))

    assert client.get(url(first_report, f"files/{stored.pk}/")).status_code == 404


def test_a_file_of_another_kind_is_refused_and_the_text_is_saved(client, first_report, applicant):
    client.force_login(applicant)
    upload = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\x00" * 200)

    response = client.post(url(first_report), {**form_data(first_report), "file": upload})

    assert response.status_code == 200
    assert response.context["file_errors"]
    assert response.context["file_errors"][0] in response.content.decode()
    first_report.refresh_from_db()
    assert first_report.narrative == "Проведены три тренинга в трёх районах."
    assert not ReportFile.objects.exists()


# The officer's decision -------------------------------------------------------------------------------------


def test_the_officer_accepts_and_the_payment_waiting_becomes_payable(
    client, first_report, applicant, officer
):
    sent(first_report, applicant)
    client.force_login(officer)

    response = client.post(url(first_report, "decide/"), {"action": "accept", "comment": "Спасибо."})

    assert response.status_code == 302 and response["Location"] == url(first_report)
    first_report.refresh_from_db()
    assert first_report.status == Status.ACCEPTED and first_report.officer_comment == "Спасибо."
    assert first_report.award.tranches.get(number=2).status == TrancheStatus.PAYABLE


def test_asking_for_changes_without_a_comment_asks_for_one_in_place(client, first_report, applicant, officer):
    sent(first_report, applicant)
    client.force_login(officer)

    response = client.post(url(first_report, "decide/"), {"action": "changes", "comment": ""})

    assert response.status_code == 200
    assert response.context["decide_form"].errors["comment"] == [
        shown("Say what should change: the grantee reads it.")
    ]
    first_report.refresh_from_db()
    assert first_report.status == Status.SUBMITTED


def test_the_officer_asks_for_changes(client, first_report, applicant, officer):
    sent(first_report, applicant)
    client.force_login(officer)

    response = client.post(url(first_report, "decide/"), {"action": "changes", "comment": "Нужны чеки."})

    assert response.status_code == 302
    first_report.refresh_from_db()
    assert (first_report.status, first_report.officer_comment) == (Status.CHANGES_REQUESTED, "Нужны чеки.")


def test_a_report_already_decided_is_not_decided_again(client, first_report, applicant, officer, manager):
    report_accept(actor=officer, report=sent(first_report, applicant))
    client.force_login(manager)

    response = client.post(url(first_report, "decide/"), {"action": "changes", "comment": "Передумали."})

    assert response.status_code == 302
    first_report.refresh_from_db()
    assert first_report.status == Status.ACCEPTED


@pytest.mark.parametrize(
    ("who", "status"), [("committee_member", 403), ("applicant", 403), ("reviewer", 404), ("outsider", 404)]
)
def test_nobody_else_decides(client, request, first_report, applicant, who, status):
    sent(first_report, applicant)
    client.force_login(request.getfixturevalue(who))

    assert client.post(url(first_report, "decide/"), {"action": "accept"}).status_code == status
    first_report.refresh_from_db()
    assert first_report.status == Status.SUBMITTED


def test_deciding_is_a_post(client, first_report, officer):
    client.force_login(officer)

    assert client.get(url(first_report, "decide/")).status_code == 405


# Queries and weight -----------------------------------------------------------------------------------------


def grow(report: Report, count: int) -> None:
    """`count` more budget lines, indicators with a value, and files on the report."""
    for _n in range(count):
        position = report.lines.count()
        Line.objects.create(
            report=report,
            position=position,
            category=f"Статья {position}",
            planned=Decimal(1000),
            spent=Decimal(1000),
        )
        indicator = Indicator.objects.create(award=report.award, title=f"Показатель {position}", target=10)
        IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal(7), comment="Так.")
        stored = ReportFile(report=report, name=f"чек {position}.pdf", kind="pdf", size=len(PDF), sha256="0")
        stored.file.save("a.pdf", ContentFile(PDF), save=True)


@pytest.mark.parametrize("who", ["applicant", "officer", "committee_member"])
def test_a_reports_page_takes_as_many_queries_for_many_lines_and_files_as_for_few(
    client, request, first_report, applicant, who
):
    if who != "applicant":
        sent(first_report, applicant)
    client.force_login(request.getfixturevalue(who))
    grow(first_report, 1)
    client.get(url(first_report))
    few = counted_get(client, url(first_report))
    grow(first_report, 8)

    many = counted_get(client, url(first_report))

    assert len(many.response.context["contents"].files) == 9
    # The session, the user, the report with its award, the viewer's roles and memberships, the lines,
    # indicators, values, files, and what was paid.
    assert_same_queries(few, many, at_most=11)


def test_a_report_of_many_lines_stays_within_the_html_budget(client, first_report, applicant):
    grow(first_report, 15)
    client.force_login(applicant)

    response = client.get(url(first_report))

    assert response.status_code == 200
    size = gzipped_size(response.content)
    assert size <= HTML_BUDGET, f"{size} B gzipped, budget {HTML_BUDGET}"


def test_an_overdue_report_is_flagged(client, first_report, applicant):
    Report.objects.filter(pk=first_report.pk).update(due_on=dt.date.today() - dt.timedelta(days=2))
    client.force_login(applicant)

    response = client.get(url(first_report))

    assert response.context["overdue"] and f"<strong>{shown('overdue')}</strong>" in response.content.decode()
