"""What several of the projects' tests build: a funding award made to an organization, and data that
grows between two counted requests of the query-count tests."""

from __future__ import annotations

import datetime as dt
import itertools

from birge.core.models import Country, ThematicArea
from birge.funding.awards.models import Award
from birge.funding.calls.models import Call
from birge.funding.opendata.tests.factories import application, award
from birge.networks.conftest import organization_in
from birge.orgs.profiles.models import Organization
from birge.projects.indicators.services import indicator_add, report_publish, report_save, value_record
from birge.projects.plan.services import activity_add, budget_line_add, cofinancing_add
from birge.projects.projects.models import Project, Visibility
from birge.projects.projects.services import partner_add, project_create
from conftest import make_user

CODES = ("KZ", "KG", "TJ", "TM", "AZ")
numbers = itertools.count(1)


def award_to(call: Call, organization: Organization) -> Award:
    """An award of `call` made to `organization` (its application and decision written straight)."""
    return award(application(call, "Правовая помощь мигрантам", organization=organization), "2000000")


def more_partners(project: Project, lead_owner, *, to: int) -> None:
    """`to` more partner organizations across the five countries, each with an owner."""
    for _ in range(to):
        n = next(numbers)
        owner = make_user(f"partner{n}@example.org")
        organization = organization_in(
            CODES[n % len(CODES)], owner, name=f"Партнёр {n}", name_ru=f"Партнёр {n}"
        )
        partner_add(actor=lead_owner, project=project, organization=organization, contribution=f"Вклад {n}")


def more_projects(lead_owner, lead: Organization, *, to: int) -> None:
    """`to` more projects: two public ones in every three, the third for its organizations only (which
    nobody looking, but the lead's people, belongs to)."""
    themes = list(ThematicArea.objects.filter(parent__isnull=True)[:3])
    countries = list(Country.objects.filter(is_home=True))
    for i in range(to):
        n = next(numbers)
        project_create(
            actor=lead_owner,
            lead=lead,
            title=f"Проект номер {n}",
            summary="Описание " * 20,
            visibility=Visibility.PARTNERS if i % 3 == 2 else Visibility.PUBLIC,
            themes=themes,
            countries=countries[: 1 + n % 5],
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2027, 12, 31),
        )


def more_plan(project: Project, lead_owner, *, to: int) -> None:
    """`to` more activities, budget lines and co-financing sources."""
    for _ in range(to):
        n = next(numbers)
        activity_add(
            actor=lead_owner,
            project=project,
            title=f"Мероприятие {n}",
            starts_on=dt.date(2026, 1 + n % 12, 1),
            ends_on=dt.date(2026, 1 + n % 12, 20),
            responsible=project.lead,
        )
        budget_line_add(actor=lead_owner, project=project, category=f"Статья {n}", amount=1000 * n)
        cofinancing_add(
            actor=lead_owner,
            project=project,
            source=f"Источник {n}",
            kind="own",
            amount=100 * n,
            organization=project.lead,
        )


def more_indicators(project: Project, lead_owner, *, to: int, periods: int = 3) -> None:
    """`to` more indicators, each with a value in `periods` quarters of 2026."""
    for _ in range(to):
        n = next(numbers)
        indicator = indicator_add(
            actor=lead_owner, project=project, name=f"Показатель {n}", target=100, unit="чел."
        )
        for quarter in range(periods):
            value_record(
                actor=lead_owner,
                indicator=indicator,
                period_start=dt.date(2026, 1 + 3 * quarter, 1),
                period_end=dt.date(2026, 3 + 3 * quarter, 28),
                actual=10 * (quarter + 1),
                comment=f"Квартал {quarter + 1}",
            )


def more_reports(project: Project, author, *, to: int) -> None:
    """`to` more reports, the first and every other one published (and its people told)."""
    for i in range(to):
        n = next(numbers)
        report = report_save(
            actor=author,
            project=project,
            title=f"Отчёт {n}",
            text="Сделано **многое**.",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 3, 31),
        )
        if i % 2 == 0:
            report_publish(actor=author, report=report)
