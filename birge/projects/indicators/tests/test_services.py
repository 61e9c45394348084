"""Indicators, the value of each period and progress reports: who may, every refusal's message, a period
recorded again replacing its value, and who is told of a published report."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from birge.core.models import Event
from birge.core.notifications.models import Notification
from birge.projects.events import Verb
from birge.projects.indicators.models import Indicator, ProgressReport, ReportStatus, Value
from birge.projects.indicators.reads import indicator_table, indicators_of, reached
from birge.projects.indicators.services import (
    indicator_add,
    indicator_update,
    report_publish,
    report_save,
    value_record,
)

pytestmark = pytest.mark.usefixtures("in_english")

Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
Q2 = (dt.date(2026, 4, 1), dt.date(2026, 6, 30))


@pytest.fixture
def consultations(project, coordinator):
    return indicator_add(
        actor=coordinator,
        project=project,
        name="Консультации",
        unit="чел.",
        baseline=40,
        baseline_year=2025,
        target=200,
    )


def record(actor, indicator, period, actual, comment=""):
    return value_record(
        actor=actor,
        indicator=indicator,
        period_start=period[0],
        period_end=period[1],
        actual=actual,
        comment=comment,
    )


# Indicators --------------------------------------------------------------------------------------------


def test_the_lead_adds_and_changes_an_indicator(project, coordinator, consultations):
    second = indicator_add(actor=coordinator, project=project, name="Юристы обучены", target="40")
    assert [i.name for i in Indicator.objects.order_by("position")] == ["Консультации", "Юристы обучены"]
    assert (second.baseline, second.target) == (Decimal("0"), Decimal("40.00"))

    indicator_update(actor=coordinator, indicator=consultations, target=250, unit="человек")

    consultations.refresh_from_db()
    assert (consultations.target, consultations.unit) == (Decimal("250"), "человек")
    event = Event.objects.filter(verb=Verb.INDICATOR_SAVED).order_by("pk").last()
    assert event.old == {"unit": "чел.", "target": "200.00"}
    assert event.new == {"project": project.pk, "unit": "человек", "target": "250.00"}


def test_an_indicator_needs_a_name_and_a_target_other_than_its_baseline(project, coordinator):
    with pytest.raises(ValidationError) as raised:
        indicator_add(actor=coordinator, project=project, name=" ", target=None, baseline_year=1900)
    assert raised.value.message_dict == {
        "name": ["Name the indicator."],
        "target": ["Give the indicator a target."],
        "baseline_year": ["Give a year between 1990 and 2100."],
    }
    with pytest.raises(ValidationError) as raised:
        indicator_add(actor=coordinator, project=project, name="Консультации", target=40, baseline=40)
    assert raised.value.message_dict == {"target": ["A target equal to the baseline measures no change."]}
    assert not Indicator.objects.exists()


def test_only_the_lead_sets_indicators(project, kg_owner, consultations):
    with pytest.raises(PermissionDenied):
        indicator_add(actor=kg_owner, project=project, name="Моё", target=1)
    with pytest.raises(PermissionDenied):
        indicator_update(actor=kg_owner, indicator=consultations, target=1)
    assert Indicator.objects.get().target == Decimal("200")


# Values ------------------------------------------------------------------------------------------------


def test_those_who_work_on_the_project_record_values_and_others_do_not(
    project, consultations, coordinator, kg_owner, reader, outsider, tj_owner
):
    record(kg_owner, consultations, Q1, 120, "Ош и Бишкек")
    record(coordinator, consultations, Q2, 150)

    for person in (reader, outsider, tj_owner):  # a member who does not speak; strangers
        with pytest.raises(PermissionDenied):
            record(person, consultations, Q2, 999)
    values = list(Value.objects.order_by("period_start").values_list("actual", "recorded_by"))
    assert values == [(Decimal("120"), kg_owner.pk), (Decimal("150"), coordinator.pk)]
    event = Event.objects.filter(verb=Verb.VALUE_RECORDED).order_by("pk").first()
    assert event.new["actual"] == "120.00" and event.new["period_start"] == "2026-01-01"


def test_recording_a_period_again_replaces_its_value(project, consultations, kg_owner):
    record(kg_owner, consultations, Q1, 120)
    record(kg_owner, consultations, (Q1[0], dt.date(2026, 3, 15)), 130, "исправлено")

    value = Value.objects.get()
    assert (value.actual, value.period_end, value.comment) == (
        Decimal("130"),
        dt.date(2026, 3, 15),
        "исправлено",
    )
    event = Event.objects.filter(verb=Verb.VALUE_RECORDED).order_by("pk").last()
    assert event.old == {"actual": "120.00", "period_end": "2026-03-31"}


def test_a_period_lies_within_the_project_in_order_and_overlaps_no_other(project, consultations, kg_owner):
    with pytest.raises(ValidationError) as raised:
        record(kg_owner, consultations, (dt.date(2025, 10, 1), dt.date(2025, 12, 31)), 10)
    assert raised.value.message_dict == {
        "period_start": ["Keep the period within the project's dates: 1 January 2026 – 30 June 2027."]
    }
    with pytest.raises(ValidationError) as raised:
        record(kg_owner, consultations, (Q1[1], Q1[0]), 10)
    assert raised.value.message_dict == {"period_end": ["The end comes before the start."]}
    with pytest.raises(ValidationError) as raised:
        record(kg_owner, consultations, (None, None), None)
    assert raised.value.message_dict == {
        "period_start": ["Say when it starts."],
        "period_end": ["Say when it ends."],
        "actual": ["Give the value reached."],
    }
    record(kg_owner, consultations, Q1, 120)
    with pytest.raises(ValidationError) as raised:
        record(kg_owner, consultations, (dt.date(2026, 3, 1), dt.date(2026, 5, 31)), 10)
    assert raised.value.message_dict == {
        "period_start": [
            "This period overlaps the one already recorded from 1 January 2026 to 31 March 2026."
        ]
    }
    assert Value.objects.count() == 1


def test_the_table_goes_from_baseline_through_each_period_to_target(
    project, coordinator, consultations, kg_owner
):
    trained = indicator_add(actor=coordinator, project=project, name="Юристы обучены", target=40)
    record(kg_owner, consultations, Q1, 120)
    record(kg_owner, consultations, Q2, 200)
    record(kg_owner, trained, Q2, 10)

    table = indicator_table(indicators_of(project))

    assert table.periods == [Q1, Q2]
    first, second = table.rows
    assert [cell.actual if cell else None for cell in first.cells] == [Decimal("120"), Decimal("200")]
    assert [cell.actual if cell else None for cell in second.cells] == [None, Decimal("10")]
    assert (first.reached, second.reached) == (100, 25)
    assert reached(consultations, None) is None and reached(consultations, Decimal("120")) == 50


# Progress reports --------------------------------------------------------------------------------------


def test_a_report_is_written_as_a_draft_and_corrected(project, kg_owner):
    report = report_save(
        actor=kg_owner,
        project=project,
        title="Первый квартал",
        text="Открыли приёмную.",
        period_start=Q1[0],
        period_end=Q1[1],
    )
    assert (report.status, report.author) == (ReportStatus.DRAFT, kg_owner)

    report_save(
        actor=kg_owner,
        project=project,
        report=report,
        title="Первый квартал 2026",
        text="Открыли две приёмные.",
        period_start=Q1[0],
        period_end=Q1[1],
    )
    report.refresh_from_db()
    assert report.title == "Первый квартал 2026"
    assert Event.objects.filter(verb=Verb.REPORT_SAVED).count() == 2


def test_a_report_needs_a_title_a_text_and_a_period_of_the_project(project, kg_owner, reader, outsider):
    with pytest.raises(ValidationError) as raised:
        report_save(
            actor=kg_owner,
            project=project,
            title="",
            text=" ",
            period_start=dt.date(2027, 6, 1),
            period_end=dt.date(2027, 8, 1),
        )
    assert raised.value.message_dict == {
        "title": ["Give the report a title."],
        "text": ["Write what was done in the period."],
        "period_start": ["Keep the period within the project's dates: 1 January 2026 – 30 June 2027."],
    }
    for person in (reader, outsider):
        with pytest.raises(PermissionDenied):
            report_save(
                actor=person, project=project, title="Т", text="Т", period_start=Q1[0], period_end=Q1[1]
            )
    assert not ProgressReport.objects.exists()


def test_publishing_tells_everyone_of_the_projects_organizations(
    project, kg_owner, coordinator, reader, outsider, tj_owner, django_capture_on_commit_callbacks
):
    report = report_save(
        actor=kg_owner,
        project=project,
        title="Первый квартал",
        text="Текст.",
        period_start=Q1[0],
        period_end=Q1[1],
    )
    assert not Notification.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        report_publish(actor=kg_owner, report=report)

    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED and report.published_at is not None
    notices = Notification.objects.filter(kind="projects.report")
    assert {notice.recipient for notice in notices} == {kg_owner, coordinator, reader}
    assert all("Первый квартал" in notice.title for notice in notices)
    assert all(notice.url == f"/ru/projects/{project.slug}/reports/{report.pk}/" for notice in notices)
    assert {message.to[0] for message in mail.outbox} == {kg_owner.email, coordinator.email, reader.email}
    assert "Текст." not in mail.outbox[0].body  # the report is read on the platform
    event = Event.objects.get(verb=Verb.REPORT_PUBLISHED)
    assert (event.actor, event.new) == (kg_owner, {"project": project.pk, "title": "Первый квартал"})

    with pytest.raises(ValidationError) as raised:
        report_publish(actor=kg_owner, report=report)
    assert raised.value.messages == ["The report is published already."]


def test_only_those_who_work_on_the_project_publish(project, kg_owner, reader):
    report = report_save(
        actor=kg_owner, project=project, title="Т", text="Т", period_start=Q1[0], period_end=Q1[1]
    )
    with pytest.raises(PermissionDenied):
        report_publish(actor=reader, report=report)
    assert ProgressReport.objects.get().status == ReportStatus.DRAFT
