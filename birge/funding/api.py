"""Calls in the read API: the published ones, with what their public pages show. Drafts are never here."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from pydantic import StringConstraints

from birge.core.api import (
    ANSWERS_TO_EVERY_REQUEST,
    CountryCode,
    Error,
    RegionCode,
    Slug,
    ThemeSlug,
    page_of,
    value_enum,
)
from birge.funding.builder.services import current_form
from birge.funding.calls.models import Call
from birge.funding.calls.reads import CallFilters, public_calls
from birge.funding.programs.models import Applicant, Mechanism
from birge.funding.questions.reads import published_questions

router = Router(tags=["calls"])
PER_PAGE_LIMIT = 100
# A date as the list's form sends it; one that does not exist (30 February) filters nothing.
IsoDate = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]

MechanismValue = value_enum("MechanismValue", Mechanism.values)
ApplicantValue = value_enum("ApplicantValue", Applicant.values)


class CriterionOut(Schema):
    title: str
    weight: int
    max_score: int


class LotOut(Schema):
    number: int
    title: str
    price_ceiling: str | None


class CallOut(Schema):
    slug: str
    url: str
    title: str
    summary: str
    status: str
    operator: str = Field(description="The slug of the operator organization in /organizations/.")
    operator_name: str
    mechanism: str
    currency: str
    opens_at: datetime | None
    closes_at: datetime | None
    time_zone: str
    budget_ceiling: str | None = Field(
        description="An amount in the program's currency, as a decimal string."
    )
    grant_min: str | None
    grant_max: str | None
    cofinancing_min: int | None = Field(description="Percent of the cost from other sources, at least.")
    cofinancing_max: int | None
    applicants: list[str]
    countries: list[str] = Field(description="Empty: applicants from every country.")
    regions: list[str]
    themes: list[str]
    min_organization_age: int | None
    verified_only: bool
    max_applications: int
    criteria: list[CriterionOut]
    lots: list[LotOut]


class FormFieldOut(Schema):
    key: str
    type: str = Field(
        description="short_text, long_text, number, money, date, choice, multi_choice, file or budget."
    )
    label: str
    help: str
    required: bool
    max_length: int | None = Field(None, description="For texts: the most characters an answer may have.")
    choices: list[str] = Field(default_factory=list)


class FormSectionOut(Schema):
    title: str
    help: str
    fields: list[FormFieldOut]


class QuestionOut(Schema):
    question: str
    answer: str
    answered_at: datetime | None


class CallDetailOut(CallOut):
    form_version: int | None = Field(description="The version of the form applicants start from now.")
    form: list[FormSectionOut] = Field(description="What the application asks, section by section.")
    questions: list[QuestionOut] = Field(description="Questions about the call and the operator's answers.")


class CallPage(Schema):
    count: int
    page: int
    pages: int
    results: list[CallOut]


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _out(request: HttpRequest, call: Call) -> dict:
    return {
        "slug": call.slug,
        "url": request.build_absolute_uri(call.get_absolute_url()),
        "title": call.title,
        "summary": call.summary,
        "status": call.status,
        "operator": call.program.operator.slug,
        "operator_name": call.program.operator.name,
        "mechanism": call.program.mechanism,
        "currency": call.program.currency,
        "opens_at": call.opens_at,
        "closes_at": call.closes_at,
        "time_zone": call.time_zone,
        "budget_ceiling": _money(call.budget_ceiling),
        "grant_min": _money(call.grant_min),
        "grant_max": _money(call.grant_max),
        "cofinancing_min": call.cofinancing_min,
        "cofinancing_max": call.cofinancing_max,
        "applicants": list(call.applicants),
        "countries": [country.code for country in call.countries.all()],
        "regions": [region.code for region in call.regions.all()],
        "themes": [theme.slug for theme in call.themes.all()],
        "min_organization_age": call.min_organization_age,
        "verified_only": call.verified_only,
        "max_applications": call.max_applications,
        "criteria": [
            {"title": c.title, "weight": c.weight, "max_score": c.max_score} for c in call.criteria.all()
        ],
        "lots": [
            {"number": lot.number, "title": lot.title, "price_ceiling": _money(lot.price_ceiling)}
            for lot in call.lots.all()
        ],
    }


def _related(calls):
    return calls.select_related("program__operator").prefetch_related(
        "countries", "regions", "themes", "criteria", "lots"
    )


class CallParameters(Schema):
    country: CountryCode = Field(None, description="Calls open to applicants of this country.")
    region: RegionCode = Field(None, description="Calls open to applicants of this region.")
    mechanism: MechanismValue = Field(None)
    theme: ThemeSlug = Field(None, description="A thematic area; a broad one includes its sub-areas.")
    applicant: ApplicantValue = Field(None, description="Calls this kind of applicant may answer.")
    amount: int = Field(None, ge=0, le=10**13, description="Calls whose grants may be this large.")
    closes_before: IsoDate = Field(None, description="Calls closing on this date (YYYY-MM-DD) or before.")
    past: bool = Field(False, description="Also closed, decided and archived calls.")
    page: int = Field(1, ge=1, description="Past the last page, the last page.")
    per_page: int = Field(20, ge=1, le=PER_PAGE_LIMIT)


@router.get(
    "/",
    response={200: CallPage, **ANSWERS_TO_EVERY_REQUEST},
    summary="Search calls for proposals",
)
def calls(request: HttpRequest, given: Query[CallParameters]):
    """Announced and open calls (with `past`, also closed and decided ones), soonest closing first."""
    params = {key: str(value) for key, value in given.model_dump(exclude_none=True).items()}
    params["past"] = "1" if given.past else ""
    found = _related(public_calls(CallFilters.from_query(params)))
    return page_of(found, given.page, given.per_page, lambda call: _out(request, call))


@router.get(
    "/{slug}/",
    response={200: CallDetailOut, 404: Error, **ANSWERS_TO_EVERY_REQUEST},
    summary="One call",
)
def call(request: HttpRequest, slug: Path[Slug]):
    """A call from its announcement on, with its application form and its questions and answers; 404 for a
    draft or an address where nothing is."""
    found = get_object_or_404(_related(Call.objects.public()), slug=slug)
    form = current_form(found)
    sections = [
        {
            "title": section["title"],
            "help": section.get("help", ""),
            "fields": [
                {
                    "key": field["key"],
                    "type": field["type"],
                    "label": field["label"],
                    "help": field.get("help", ""),
                    "required": field.get("required", False),
                    "max_length": field.get("max_length"),
                    "choices": field.get("choices", []),
                }
                for field in section["fields"]
            ],
        }
        for section in (form.sections if form else [])
    ]
    questions = [
        {"question": item.question, "answer": item.answer, "answered_at": item.answered_at}
        for item in published_questions(found)
    ]
    return {
        **_out(request, found),
        "form_version": form.number if form else None,
        "form": sections,
        "questions": questions,
    }
