"""The indicator and report pages: one form records a period's values for every indicator without
JavaScript, a refused form keeps what was typed, the lead adds and changes indicators, and a draft report
exists only for those who work on the project."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from birge.core.testing import assert_within_budget
from birge.projects.indicators.models import Indicator, ProgressReport, ReportStatus, Value
from birge.projects.indicators.services import indicator_add, report_publish, report_save, value_record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def indicators(project, coordinator):
    return [
        indicator_add(actor=coordinator, project=project, name="Консультации", unit="чел.", target=200),
        indicator_add(actor=coordinator, project=project, name="Юристы обучены", target=40),
    ]


def page(project, rest: str = "indicators/") -> str:
    return f"/en/projects/{project.slug}/{rest}"


def test_readers_see_the_table_and_no_form(client, project, indicators, outsider):
    for person in (None, outsider):
        if person:
            client.force_login(person)
        response = client.get(page(project))
        assert_within_budget(response)
        html = response.content.decode()
        assert "Консультации" in html and "Юристы обучены" in html
        assert 'name="period_start"' not in html and 'value="indicator"' not in html


def test_no_indicator_yet(client, project, coordinator):
    client.force_login(coordinator)
    html = client.get(page(project)).content.decode()
    assert "No indicator yet." in html and 'value="indicator"' in html
    assert 'name="period_start"' not in html  # nothing to record yet


def test_a_partner_records_a_periods_values_for_every_indicator_in_one_form(
    client, project, indicators, kg_owner
):
    consultations, trained = indicators
    client.force_login(kg_owner)
    html = client.get(page(project)).content.decode()
    assert 'name="period_start"' in html and 'value="indicator"' not in html  # values, not indicators

    response = client.post(
        page(project),
        {
            "form": "values",
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            f"actual_{consultations.pk}": "120",
            f"comment_{consultations.pk}": "Ош",
            f"actual_{trained.pk}": "",
        },
    )

    assert response.status_code == 302
    value = Value.objects.get()
    assert (value.indicator, value.actual, value.comment) == (consultations, Decimal("120"), "Ош")
    html = client.get(page(project)).content.decode()
    assert "60 %" in html  # 120 of 200


def test_a_refused_period_records_nothing_and_keeps_what_was_typed(client, project, indicators, kg_owner):
    consultations, trained = indicators
    client.force_login(kg_owner)
    data = {
        "form": "values",
        "period_start": "2027-06-01",
        "period_end": "2027-09-30",
        f"actual_{consultations.pk}": "120",
        f"actual_{trained.pk}": "7",
        f"comment_{trained.pk}": "Бишкек",
    }

    response = client.post(page(project), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("Keep the period within the project&#x27;s dates: 1 January 2026 – 30 June 2027.") == 1
    assert 'value="2027-06-01"' in html and 'value="120"' in html and 'value="Бишкек"' in html
    assert not Value.objects.exists()

    response = client.post(
        page(project), {**data, f"actual_{consultations.pk}": "", f"actual_{trained.pk}": ""}
    )
    assert (
        response.status_code == 400
        and "Give the value of at least one indicator." in response.content.decode()
    )


def test_a_recorded_period_is_offered_again_to_change_it(client, project, indicators, kg_owner):
    consultations, _trained = indicators
    value_record(
        actor=kg_owner,
        indicator=consultations,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        actual=120,
        comment="Ош",
    )
    client.force_login(kg_owner)
    html = client.get(page(project), {"period": "2026-01-01"}).content.decode()
    assert 'value="2026-03-31"' in html and 'value="120.00"' in html and 'value="Ош"' in html
    assert "?period=2026-01-01#record" in html


def test_others_do_not_record(client, project, indicators, reader):
    consultations, _trained = indicators
    data = {
        "form": "values",
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        f"actual_{consultations.pk}": "1",
    }
    response = client.post(page(project), data)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(reader)
    assert client.post(page(project), data).status_code == 403
    assert not Value.objects.exists()


def test_the_lead_adds_and_changes_an_indicator(client, project, coordinator):
    client.force_login(coordinator)
    response = client.post(
        page(project), {"form": "indicator", "name": "Консультации", "unit": "чел.", "target": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give the indicator a target." in html and 'value="Консультации"' in html

    response = client.post(page(project), {"form": "indicator", "name": "Консультации", "target": "200"})
    assert response.status_code == 302
    indicator = Indicator.objects.get()

    response = client.get(page(project, f"indicators/{indicator.pk}/"))
    assert_within_budget(response)
    response = client.post(
        page(project, f"indicators/{indicator.pk}/"),
        {"name": "Консультации юристов", "target": "250", "baseline": "10"},
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.name, indicator.target, indicator.baseline) == ("Консультации юристов", 250, 10)


def test_a_partner_cannot_change_an_indicator(client, project, indicators, kg_owner):
    client.force_login(kg_owner)
    assert client.get(page(project, f"indicators/{indicators[0].pk}/")).status_code == 403
    assert client.post(page(project), {"form": "indicator", "name": "Моё", "target": "1"}).status_code == 403


# Reports -----------------------------------------------------------------------------------------------


def test_a_partner_writes_a_draft_that_only_the_projects_workers_see_then_publishes_it(
    client, project, kg_owner, coordinator, outsider, django_capture_on_commit_callbacks
):
    client.force_login(kg_owner)
    response = client.post(
        page(project, "reports/"),
        {
            "title": "Первый квартал",
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "text": "Открыли **приёмную**.",
        },
    )
    report = ProgressReport.objects.get()
    assert response.status_code == 302 and response["Location"] == page(project, f"reports/{report.pk}/")
    assert report.status == ReportStatus.DRAFT

    for person in (None, outsider):
        client.logout()
        if person:
            client.force_login(person)
        assert client.get(page(project, f"reports/{report.pk}/")).status_code == 404
        assert "Первый квартал" not in client.get(page(project, "reports/")).content.decode()
    client.force_login(coordinator)
    html = client.get(page(project, "reports/")).content.decode()
    assert "Первый квартал" in html and '<span class="badge">draft</span>' in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page(project, f"reports/{report.pk}/publish/"), follow=True)
    assert "The report is published; the project&#x27;s people are told." in response.content.decode()
    assert kg_owner.email in {message.to[0] for message in mail.outbox}
    client.logout()
    response = client.get(page(project, f"reports/{report.pk}/"))
    assert_within_budget(response)
    assert "<strong>приёмную</strong>" in response.content.decode()


def test_a_report_is_saved_and_published_at_once_and_a_refused_one_keeps_its_text(client, project, kg_owner):
    client.force_login(kg_owner)
    data = {
        "title": "Квартал",
        "period_start": "2026-01-01",
        "period_end": "2025-03-31",
        "text": "Длинный текст отчёта.",
    }
    response = client.post(page(project, "reports/"), {**data, "publish": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The end comes before the start." in html and "Длинный текст отчёта." in html
    assert not ProgressReport.objects.exists()

    client.post(page(project, "reports/"), {**data, "period_end": "2026-03-31", "publish": "1"})
    assert ProgressReport.objects.get().status == ReportStatus.PUBLISHED


def test_a_published_report_is_corrected_by_its_workers_only(client, project, kg_owner, reader):
    report = report_save(
        actor=kg_owner,
        project=project,
        title="Квартал",
        text="Текст.",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
    )
    report_publish(actor=kg_owner, report=report)
    client.force_login(reader)  # a member of the lead, who does not speak for it
    assert client.get(page(project, f"reports/{report.pk}/")).status_code == 200
    data = {"title": "Чужая правка", "period_start": "2026-01-01", "period_end": "2026-03-31", "text": "Т"}
    assert client.post(page(project, f"reports/{report.pk}/"), data).status_code == 403
    client.force_login(kg_owner)
    assert (
        client.post(page(project, f"reports/{report.pk}/"), {**data, "title": "Квартал 1"}).status_code == 302
    )
    assert ProgressReport.objects.get().title == "Квартал 1"
