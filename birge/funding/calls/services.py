"""Every write to a call: creating and changing it while it is a draft, and each step of its life.

Each step is its own function: it checks that the actor may take it, that the call is where the step starts
and that the step's conditions hold (with every unmet one named), then changes the status, records the
audit entry and tells the program's staff, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from birge.core.audit import changed_fields, record_event
from birge.core.notifications.services import notify
from birge.core.validators import validate_multi_line, validate_single_line
from birge.funding.alerts.services import alerts_for_new_call
from birge.funding.builder.services import form_freeze, form_has_questions
from birge.funding.calls.models import Call, Criterion, Status
from birge.funding.events import Verb
from birge.funding.permissions import can_run_calls
from birge.funding.programs.models import Program
from birge.orgs.profiles.slugs import unique_slug

# What a draft's form may set; the rules between them are checked on save and again before publishing.
EDITABLE = (
    "title",
    "summary",
    "opens_at",
    "closes_at",
    "time_zone",
    "budget_ceiling",
    "grant_min",
    "grant_max",
    "cofinancing_min",
    "cofinancing_max",
    "applicants",
    "min_organization_age",
    "verified_only",
    "max_applications",
    "service_specification",
    "price_ceiling",
    "reviews_per_application",
    "disagreement_threshold",
    "publish_scores",
)


# Addresses under /calls/ that are pages, not calls.
RESERVED_SLUGS = {"manage", "programs", "feed", "applications", "review", "alerts", "awards"}


def _rule_errors(call: Call) -> dict[str, list[str]]:
    """What is wrong between the call's settings, whatever the step."""
    errors: dict[str, list[str]] = {}
    if call.opens_at and call.closes_at and call.closes_at <= call.opens_at:
        errors["closes_at"] = [_("A call closes after it opens.")]
    if call.grant_min is not None and call.grant_max is not None and call.grant_min > call.grant_max:
        errors.setdefault("grant_max", []).append(_("The largest grant cannot be smaller than the smallest."))
    if (
        call.grant_max is not None
        and call.budget_ceiling is not None
        and call.grant_max > call.budget_ceiling
    ):
        errors.setdefault("grant_max", []).append(_("A grant cannot exceed the budget of the call."))
    low, high = call.cofinancing_min, call.cofinancing_max
    if low is not None and high is not None and low > high:
        errors["cofinancing_max"] = [_("The co-financing maximum cannot be below the minimum.")]
    if set(call.applicants) - set(call.program.applicants):
        errors["applicants"] = [_("The program does not fund these applicants.")]
    return errors


def _validate(call: Call) -> None:
    validate_single_line(call.title)
    errors = _rule_errors(call)
    # Texts go into pages, e-mails and the Atom feed, where a control character breaks the XML.
    for name in ("summary", "service_specification"):
        try:
            validate_multi_line(getattr(call, name))
        except ValidationError as error:
            errors[name] = error.messages
    if errors:
        raise ValidationError(errors)


def call_create(*, actor, program: Program, title: str, **fields: Any) -> Call:
    if not can_run_calls(actor, program):
        raise PermissionDenied
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": [_("Give the call a title.")]})
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not a call's setting: {sorted(unknown)}")
    call = Call(
        program=program,
        slug=unique_slug(title, Call.objects.all(), fallback="call", reserved=RESERVED_SLUGS),
        title=title,
        **fields,
    )
    if not call.applicants:
        call.applicants = list(program.applicants)
    _validate(call)
    with transaction.atomic():
        call.save()
        record_event(actor, Verb.CALL_CREATED, call, new={"title": title})
    return call


def call_update(*, actor, call: Call, **fields: Any) -> Call:
    """Change a call's settings: freely while a draft; once announced, its rules are promises to
    applicants, and only the summary and the closing moment (later, never earlier) may change."""
    if not can_run_calls(actor, call.program):
        raise PermissionDenied
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not a call's setting: {sorted(unknown)}")
    if call.status != Status.DRAFT:
        frozen = set(fields) - {"summary", "closes_at"}
        if call.status not in (Status.PUBLISHED, Status.OPEN) or frozen:
            raise ValidationError(
                _("An announced call keeps its rules; only its summary and closing may change.")
            )
        if "closes_at" in fields and fields["closes_at"] is None:
            raise ValidationError({"closes_at": [_("An announced call keeps a closing moment.")]})
        if "closes_at" in fields and call.closes_at and fields["closes_at"] < call.closes_at:
            raise ValidationError({"closes_at": [_("An announced call may close later, never earlier.")]})
    before = {name: getattr(call, name) for name in fields}
    for name, value in fields.items():
        setattr(call, name, value)
    _validate(call)
    old, new = changed_fields(call, before, list(fields))
    if new:
        with transaction.atomic():
            call.save(update_fields=list(new))
            record_event(actor, Verb.CALL_UPDATED, call, _plain(old), _plain(new))
    return call


def _plain(values: dict) -> dict:
    return {
        name: str(value) if isinstance(value, Decimal) or hasattr(value, "isoformat") else value
        for name, value in values.items()
    }


def call_set_eligibility(*, actor, call: Call, countries, regions, themes) -> Call:
    """Where applicants may come from and what they work on (empty: anywhere, anything); a draft's only."""
    if not can_run_calls(actor, call.program):
        raise PermissionDenied
    if call.status != Status.DRAFT:
        raise ValidationError(
            _("An announced call keeps its rules; only its summary and closing may change.")
        )
    before = {
        "countries": sorted(call.countries.values_list("code", flat=True)),
        "regions": sorted(call.regions.values_list("code", flat=True)),
        "themes": sorted(call.themes.values_list("slug", flat=True)),
    }
    after = {
        "countries": sorted(country.code for country in countries),
        "regions": sorted(region.code for region in regions),
        "themes": sorted(theme.slug for theme in themes),
    }
    if before == after:
        return call
    with transaction.atomic():
        call.countries.set(countries)
        call.regions.set(regions)
        call.themes.set(themes)
        record_event(actor, Verb.CALL_UPDATED, call, before, after)
    return call


def criteria_set(*, actor, call: Call, criteria: list[tuple[str, int, int]]) -> list[Criterion]:
    """Replace a draft call's criteria: (title, weight, highest score) each; the weights sum to 100."""
    if not can_run_calls(actor, call.program):
        raise PermissionDenied
    if call.status != Status.DRAFT:
        raise ValidationError(_("Criteria are set before the call is announced."))
    if any(not 1 <= weight <= 100 or top < 1 for _title, weight, top in criteria):
        raise ValidationError(_("Each criterion weighs from 1 to 100 and scores at least 1."))
    if sum(weight for _title, weight, _max in criteria) != 100:
        raise ValidationError(_("The weights of the criteria must add up to 100."))
    with transaction.atomic():
        call.criteria.all().delete()
        rows = Criterion.objects.bulk_create(
            Criterion(call=call, title=title, weight=weight, max_score=top, position=n)
            for n, (title, weight, top) in enumerate(criteria)
        )
        record_event(actor, Verb.CALL_UPDATED, call, new={"criteria": [title for title, _w, _m in criteria]})
    return rows


# The life cycle ---------------------------------------------------------------------------------------------


def publishing_problems(call: Call) -> list[str]:
    """Every reason the call cannot be announced yet, in plain words (empty: it can)."""
    problems = [message for messages in _rule_errors(call).values() for message in messages]
    if not call.summary.strip():
        problems.append(_("Write a summary: it is what people read first."))
    if not call.opens_at or not call.closes_at:
        problems.append(_("Set when the call opens and closes."))
    if not call.applicants:
        problems.append(_("Say who may apply."))
    weights = call.criteria.aggregate(total=Sum("weight"))["total"]
    if weights != 100:
        problems.append(_("Set the criteria reviewers score, with weights adding up to 100."))
    if call.program.mechanism == "social_contract" and not call.service_specification.strip():
        problems.append(_("A social contract needs the specification of the service."))
    if not form_has_questions(call):
        problems.append(_("Build the application form: at least one question."))
    return problems


def _step(
    *,
    actor,
    call: Call,
    start: tuple[str, ...],
    end: str,
    verb: str,
    problems: Callable[[Call], list[str]] | None = None,
    stamp: str | None = None,
    after: Callable[[Call, Any], Any] | None = None,
) -> Call:
    # The scheduler opens and closes calls on time with actor None; people need a role in the program.
    if actor is not None and not can_run_calls(actor, call.program):
        raise PermissionDenied
    if call.status not in start:
        raise ValidationError(
            _("This step is not possible while the call is “%(status)s”.")
            % {"status": call.get_status_display()}
        )
    found = problems(call) if problems else []
    if found:
        raise ValidationError(found)
    before = call.status
    call.status = end
    fields = ["status"]
    if stamp:
        setattr(call, stamp, timezone.now())
        fields.append(stamp)
    with transaction.atomic():
        call.save(update_fields=fields)
        event = record_event(actor, verb, call, {"status": before}, {"status": end})
        notify(
            [member.user for member in call.program.staff.select_related("user")],
            kind="funding.call_status",
            about=call,
            event=event,
            # The label stays lazy: each recipient reads the status in their own language.
            subject=format_lazy(gettext_lazy("{call}: {status}"), call=call.title, status=Status(end).label),
            template="funding/calls/email/status.txt",
            context={"call": call},
            link=("funding:call", (call.slug,)),
        )
        if after:
            after(call, event)
    return call


def call_publish(*, actor, call: Call) -> Call:
    """Announce the call: from now on its page, rules and dates are public, and the people whose e-mail
    alerts match it are told."""
    published = _step(
        actor=actor,
        call=call,
        start=(Status.DRAFT,),
        end=Status.PUBLISHED,
        verb=Verb.CALL_PUBLISHED,
        problems=publishing_problems,
        stamp="published_at",
        after=lambda call, _event: form_freeze(call),
    )
    # After the commit: the alerts read the call as announced, and an announcement that rolled back tells
    # nobody. Robust: a failure to match alerts is logged, and the announcement stands.
    transaction.on_commit(lambda: alerts_for_new_call(published), robust=True)
    return published


def call_open(*, actor, call: Call, now=None) -> Call:
    """Start taking applications, on the opening date or after (`now`: the scheduler's clock)."""

    def _not_before_opening(call: Call) -> list[str]:
        if call.opens_at and call.opens_at > (now or timezone.now()):
            return [_("The call opens on its date, not before.")]
        return publishing_problems(call)

    return _step(
        actor=actor,
        call=call,
        start=(Status.PUBLISHED,),
        end=Status.OPEN,
        verb=Verb.CALL_OPENED,
        problems=_not_before_opening,
    )


def call_close(*, actor, call: Call) -> Call:
    """Stop taking applications. The scheduler closes a call at its closing moment; the officer may close
    one earlier only if nobody could still be relying on the date: not before it."""

    def not_early(call: Call) -> list[str]:
        if actor is not None and call.closes_at and call.closes_at > timezone.now():
            return [_("The call closes at the announced moment, not earlier.")]
        return []

    return _step(
        actor=actor,
        call=call,
        start=(Status.OPEN,),
        end=Status.CLOSED,
        verb=Verb.CALL_CLOSED,
        problems=not_early,
    )


def call_start_review(*, actor, call: Call) -> Call:
    return _step(
        actor=actor, call=call, start=(Status.CLOSED,), end=Status.IN_REVIEW, verb=Verb.CALL_REVIEW_STARTED
    )


def call_decide(*, actor, call: Call) -> Call:
    """The officer closes the committee's work: every submitted application has a decision, and each
    applicant is told theirs now, all at once."""
    from birge.funding.decisions.services import decisions_announce, undecided

    return _step(
        actor=actor,
        call=call,
        start=(Status.IN_REVIEW,),
        end=Status.DECIDED,
        verb=Verb.CALL_DECIDED,
        problems=undecided,
        after=decisions_announce,
    )


def call_archive(*, actor, call: Call) -> Call:
    return _step(
        actor=actor, call=call, start=(Status.DECIDED,), end=Status.ARCHIVED, verb=Verb.CALL_ARCHIVED
    )


def calls_move_on_time(now=None) -> tuple[int, int]:
    """Open the announced calls whose opening has come and close the open ones whose closing has passed
    (run with the hourly tasks). Returns (opened, closed)."""
    now = now or timezone.now()
    opened = closed = 0
    for call in Call.objects.filter(status=Status.PUBLISHED, opens_at__lte=now).select_related("program"):
        try:
            call_open(actor=None, call=call, now=now)
            opened += 1
        except ValidationError:
            continue  # it lacks something: the officer sees why on its page
    for call in Call.objects.filter(status=Status.OPEN, closes_at__lte=now).select_related("program"):
        call_close(actor=None, call=call)
        closed += 1
    return opened, closed
