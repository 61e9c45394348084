"""The public register in the read API: calls with their figures, awards, and programs' totals — what the
register's pages show, with the same filters. Grants to a person carry an anonymous number and their region
only."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from pydantic import Field as PydanticField
from pydantic import StringConstraints

from birge.core.api import ANSWERS_TO_EVERY_REQUEST, CountryCode, Error, RegionCode, ThemeSlug, page_of
from birge.funding.awards.models import Award
from birge.funding.register.reads import RegisterFilters, awards, calls, program_totals

router = Router(tags=["register"])
PER_PAGE_LIMIT = 100
OperatorSlug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=80)]
# Within the database's integer on every engine.
AwardId = Annotated[int, PydanticField(ge=1, le=2_147_483_647)]


def _money(value) -> str:
    return f"{value:.2f}"


class RegisterParameters(Schema):
    country: CountryCode = Field(
        None, description="Awards to recipients in this country; calls of operators in it."
    )
    region: RegionCode = Field(None, description="Awards to recipients in this region; calls open to it.")
    operator: OperatorSlug = Field(None, description="The operator organization's slug in /organizations/.")
    theme: ThemeSlug = Field(
        None, description="A thematic area of the call; a broad one includes its sub-areas."
    )
    year: int = Field(None, ge=2000, le=2100, description="Awards signed, or calls announced, in this year.")


class PageParameters(RegisterParameters):
    page: int = Field(1, ge=1, description="Past the last page, the last page.")
    per_page: int = Field(20, ge=1, le=PER_PAGE_LIMIT)


def _filters(given: RegisterParameters) -> RegisterFilters:
    return RegisterFilters.from_query(
        {key: str(value) for key, value in given.model_dump(exclude_none=True).items()}
    )


class CallFiguresOut(Schema):
    call: str = Field(description="The call's slug in /calls/.")
    title: str
    operator: str
    program: str
    mechanism: str
    currency: str
    status: str
    received: int = Field(description="Applications submitted, withdrawn since or not.")
    eligible: int = Field(
        description="Submitted applications still standing (each passed the eligibility rules)."
    )
    requested: str = Field(description="The amount the received applications asked for.")
    decided: bool = Field(
        description="Whether the decisions are announced; funded and awarded are null until then."
    )
    funded: int | None
    awarded: str | None


class ProgramTotalsOut(Schema):
    program: str = Field(description="The program's slug.")
    title: str
    operator: str
    currency: str
    calls: int
    received: int
    funded: int
    awarded: str


class RegisterOut(Schema):
    calls: list[CallFiguresOut]
    programs: list[ProgramTotalsOut]


class AwardOut(Schema):
    id: int
    url: str
    recipient: str = Field(
        description="The organization's name, or an anonymous number (IND-…) for a person."
    )
    recipient_organization: str | None = Field(
        description="The organization's slug in /organizations/, if any."
    )
    recipient_identifier: str | None = Field(description="Its org-id.guide identifier, where known.")
    title: str | None = Field(description="The project's title; null for a grant to a person.")
    call: str
    operator: str
    country: str | None
    region: str | None
    amount: str
    currency: str
    signed_on: date
    starts_on: date
    ends_on: date
    status: str


class AwardPage(Schema):
    count: int
    page: int
    pages: int
    results: list[AwardOut]


def _award(request: HttpRequest, award: Award) -> dict:
    organization = award.organization
    public = organization is not None and organization.is_published
    return {
        "id": award.pk,
        "url": request.build_absolute_uri(award.get_absolute_url()),
        "recipient": award.public_recipient,
        "recipient_organization": organization.slug if public else None,
        "recipient_identifier": organization.identifier if organization is not None else None,
        "title": award.public_title or None,
        "call": award.application.call.slug,
        "operator": award.application.call.program.operator.slug,
        "country": award.country.code if award.country_id else None,
        "region": award.region.code if award.region_id else None,
        "amount": _money(award.amount),
        "currency": award.currency,
        "signed_on": award.signed_on,
        "starts_on": award.starts_on,
        "ends_on": award.ends_on,
        "status": award.status,
    }


@router.get("/", response={200: RegisterOut, **ANSWERS_TO_EVERY_REQUEST}, summary="Calls with their figures")
def register(request: HttpRequest, given: Query[RegisterParameters]):
    """Every announced call the filters select with its figures, and each program's totals over them."""
    figures = calls(_filters(given))
    return {
        "calls": [
            {
                "call": row.call.slug,
                "title": row.call.title,
                "operator": row.call.program.operator.slug,
                "program": row.call.program.slug,
                "mechanism": row.call.program.mechanism,
                "currency": row.call.program.currency,
                "status": row.call.status,
                "received": row.received,
                "eligible": row.eligible,
                "requested": _money(row.requested),
                "decided": row.decided,
                "funded": row.funded if row.decided else None,
                "awarded": _money(row.awarded) if row.decided else None,
            }
            for row in figures
        ],
        "programs": [
            {
                "program": total.program.slug,
                "title": total.program.title,
                "operator": total.program.operator.slug,
                "currency": total.program.currency,
                "calls": total.calls,
                "received": total.received,
                "funded": total.funded,
                "awarded": _money(total.awarded),
            }
            for total in program_totals(figures)
        ],
    }


@router.get("/awards/", response={200: AwardPage, **ANSWERS_TO_EVERY_REQUEST}, summary="Awards")
def award_list(request: HttpRequest, given: Query[PageParameters]):
    """Every award the filters select, newest agreement first."""
    return page_of(awards(_filters(given)), given.page, given.per_page, lambda award: _award(request, award))


@router.get(
    "/awards/{award_id}/",
    response={200: AwardOut, 404: Error, **ANSWERS_TO_EVERY_REQUEST},
    summary="One award",
)
def award(request: HttpRequest, award_id: Path[AwardId]):
    found = get_object_or_404(awards(RegisterFilters()), pk=award_id)
    return _award(request, found)
