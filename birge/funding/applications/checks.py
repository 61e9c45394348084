"""What stands between a draft and its submission, in plain words: every unmet eligibility rule of the call,
every unanswered or malformed answer, and the budget against the call's money rules. Checked on the submit
page (all at once, so the applicant fixes everything in one go) and again by the submission itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from birge.funding.applications.budget import parse_amount, totals
from birge.funding.applications.models import Application, Status
from birge.funding.builder.models import FieldType
from birge.funding.money import money
from birge.funding.programs.models import Applicant


@dataclass(frozen=True)
class Problem:
    message: str
    section: str | None = None  # the form section to go back to, when there is one
    field: str | None = None


def eligibility_problems(application: Application) -> list[Problem]:
    """The call's rules the applicant does not meet."""
    call = application.call
    program = call.program
    found: list[str] = []
    kind_labels = dict(Applicant.choices)
    if application.applicant_kind not in call.applicants:
        found.append(
            _("This call does not fund %(kind)s.")
            % {"kind": kind_labels.get(application.applicant_kind, "?")}
        )
    organization = application.organization
    if organization is not None:
        country_id, region_id = organization.country_id, organization.region_id
        if program.organization_kinds and organization.kind not in program.organization_kinds:
            found.append(
                _("The program funds other kinds of organization than “%(kind)s”.")
                % {"kind": organization.get_kind_display()}
            )
        if call.min_organization_age:
            founded = organization.founded_year
            if founded is None:
                found.append(_("Give the year the organization was founded in its profile."))
            elif timezone.localdate().year - founded < call.min_organization_age:
                found.append(
                    _("The organization must be at least %(years)s years old; it was founded in %(year)s.")
                    % {"years": call.min_organization_age, "year": founded}
                )
        if call.verified_only and not organization.is_verified:
            found.append(_("Only verified organizations may apply; ask your country's hub to verify yours."))
        themes = {theme.pk for theme in call.themes.all()}
        if themes:
            own = set(organization.themes.values_list("pk", flat=True))
            own |= set(organization.themes.exclude(parent=None).values_list("parent_id", flat=True))
            if not own & themes:
                found.append(_("The organization's themes are not among the call's themes."))
    else:
        country_id, region_id = application.country_id, application.region_id
        if application.applicant_kind == Applicant.INITIATIVE_GROUP and not application.group_name.strip():
            found.append(_("Give the name of the initiative group."))
    countries = {country.pk: country for country in call.countries.all()}
    if countries and country_id not in countries:
        found.append(
            _("The call is open to applicants from %(countries)s only.")
            % {"countries": ", ".join(str(country) for country in countries.values())}
        )
    regions = {region.pk: region for region in call.regions.all()}
    if regions and region_id not in regions:
        found.append(
            _("The call is open to applicants from %(regions)s only.")
            % {"regions": ", ".join(str(region) for region in regions.values())}
        )
    others = Application.objects.filter(call=call, status=Status.SUBMITTED).exclude(pk=application.pk)
    others = (
        others.filter(organization=organization)
        if organization
        else others.filter(owner=application.owner, organization=None)
    )
    if others.count() >= call.max_applications:
        found.append(
            _("An applicant may submit at most %(count)s application(s) to this call.")
            % {"count": call.max_applications}
        )
    return [Problem(message) for message in found]


def _answer_problem(field: dict, value, attachments: set[str]) -> str | None:
    kind = field["type"]
    empty = value in (None, "", [])
    if kind == FieldType.FILE:
        empty = field["key"] not in attachments
    if kind == FieldType.BUDGET:
        return None  # checked with the money rules
    if empty:
        return (
            _("“%(label)s” needs an answer.") % {"label": field["label"]} if field.get("required") else None
        )
    if kind in (FieldType.SHORT_TEXT, FieldType.LONG_TEXT) and len(str(value)) > field.get("max_length", 0):
        return _("“%(label)s” is %(length)s characters long; at most %(limit)s.") % {
            "label": field["label"],
            "length": len(str(value)),
            "limit": field["max_length"],
        }
    if kind in (FieldType.NUMBER, FieldType.MONEY):
        number = parse_amount(str(value).lstrip("-")) if kind == FieldType.NUMBER else parse_amount(value)
        if number is None:
            return _("“%(label)s” must be a number.") % {"label": field["label"]}
        if kind == FieldType.NUMBER and str(value).strip().startswith("-"):
            number = -number
        low, high = field.get("min_value"), field.get("max_value")
        if low is not None and number < Decimal(low) or high is not None and number > Decimal(high):
            return _("“%(label)s” must be between %(low)s and %(high)s.") % {
                "label": field["label"],
                "low": low if low is not None else "…",
                "high": high if high is not None else "…",
            }
    if kind == FieldType.DATE:
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return _("“%(label)s” must be a date.") % {"label": field["label"]}
    if kind == FieldType.CHOICE and value not in field["choices"]:
        return _("Choose one of the options for “%(label)s”.") % {"label": field["label"]}
    if kind == FieldType.MULTI_CHOICE and (
        not isinstance(value, list) or not set(value) <= set(field["choices"])
    ):
        return _("Choose among the options for “%(label)s”.") % {"label": field["label"]}
    return None


def form_problems(application: Application, attachments: set[str] | None = None) -> list[Problem]:
    """Unanswered required questions and answers that break the form's limits."""
    if attachments is None:
        attachments = set(application.attachments.values_list("field_key", flat=True))
    found = []
    if not application.title.strip():
        found.append(Problem(_("Give the project a title.")))
    for section, field in application.form.fields():
        message = _answer_problem(field, application.answers.get(field["key"]), attachments)
        if message:
            found.append(Problem(message, section["key"], field["key"]))
    return found


def budget_problems(application: Application) -> list[Problem]:
    """The budget against the grant range, the co-financing rule and a social contract's price ceiling."""
    call = application.call
    budget_field = next(((s, f) for s, f in application.form.fields() if f["type"] == FieldType.BUDGET), None)
    if budget_field is None:
        return []
    section = budget_field[0]["key"]
    sums = totals(application.budget)
    found = []
    for number in sums.unreadable:
        found.append(
            _("Line %(number)s of the budget has an amount that is not a number.") % {"number": number}
        )
    if not sums.requested:
        found.append(_("The budget requests no money: enter the amounts requested."))
    else:
        if call.grant_min is not None and sums.requested < call.grant_min:
            found.append(
                _("The amount requested, %(amount)s, is below the smallest grant, %(limit)s.")
                % {"amount": money(sums.requested), "limit": money(call.grant_min)}
            )
        if call.grant_max is not None and sums.requested > call.grant_max:
            found.append(
                _("The amount requested, %(amount)s, is above the largest grant, %(limit)s.")
                % {"amount": money(sums.requested), "limit": money(call.grant_max)}
            )
        ceiling = application.lot.price_ceiling if application.lot and application.lot.price_ceiling else None
        ceiling = ceiling or call.price_ceiling
        if ceiling is not None and sums.requested > ceiling:
            found.append(
                _("The price, %(amount)s, is above the ceiling of %(limit)s.")
                % {"amount": money(sums.requested), "limit": money(ceiling)}
            )
        share = sums.share or Decimal(0)
        if call.cofinancing_min is not None and share < call.cofinancing_min:
            found.append(
                _("Co-financing is %(share)s%% of the budget; the call asks for at least %(limit)s%%.")
                % {"share": share, "limit": call.cofinancing_min}
            )
        if call.cofinancing_max is not None and share > call.cofinancing_max:
            found.append(
                _("Co-financing is %(share)s%% of the budget; the call allows at most %(limit)s%%.")
                % {"share": share, "limit": call.cofinancing_max}
            )
    if any(line.get("cofinancing") and not line.get("source") for line in application.budget):
        found.append(_("Name the source of each amount of co-financing."))
    return [Problem(message, section) for message in found]


def submission_problems(application: Application) -> list[Problem]:
    return eligibility_problems(application) + form_problems(application) + budget_problems(application)
