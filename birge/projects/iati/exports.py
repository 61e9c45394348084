"""Public joint projects as IATI activities (the activity standard, version 2.03), for the aggregators
that join what many publishers report: d-portal, the IATI Datastore, donors' own dashboards.

Only what anyone may know is exported: a project for its organizations only, or one of a secret network,
is never here, whoever asks (`ProjectViewer(None)`, as for an anonymous visitor); nor is a project whose
lead no longer has a published profile, nor an organization without one among the participants.

Choices the standard leaves to the publisher, written once here:

- The reporting organization is the project's lead, which answers for it. Its reference is its
  org-id.guide identifier when its profile has one (what other publishers use for it too); otherwise
  "XM-BIRGE-<its address>": IATI's "XM" prefix is for identifiers no national register issues, and the
  address stays the same as long as the profile's does. The same rule names every participating
  organization.
- The activity's identifier is that reference, a dash and the project's address, which never changes
  once the project is started (its title may), so the identifier stays stable as IATI requires.
- Themes are sectors of vocabulary 99 (the reporting organization's own), coded by Birge's theme slugs.
- Birge keeps one budget for the whole project. IATI asks for budget periods of at most a year, so a
  longer project's total is spread over its years in proportion to their days.
- Co-financing sources are incoming commitments (transaction type 11) from their source; those that are
  organizations in Birge name it as provider.
- The indicators are one result (type 2, outcome) of the project's goal; each recorded period is a
  result period with the indicator's target (Birge keeps one target per indicator) and the value reached.
- Actual start and end dates come from the audit log: when the project's status became "under way", and
  "completed" or "cancelled".
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from decimal import ROUND_DOWN, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation

from birge.core.models import Event
from birge.core.notifications.emails import absolute_url
from birge.orgs.profiles.models import Kind, LegalForm, Organization
from birge.orgs.profiles.visibility import localized
from birge.projects.events import Verb
from birge.projects.indicators.models import Indicator, Value
from birge.projects.permissions import ProjectViewer
from birge.projects.plan.models import Cofinancing, SourceKind
from birge.projects.projects.models import Partner, PartnerRole, Project, Status

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFIX = "XM-BIRGE"

# IATI OrganisationType for each kind of organization in Birge.
ORGANISATION_TYPE = {
    Kind.CSO: "22",  # national NGO
    Kind.INTERNATIONAL: "21",  # international NGO
    Kind.GOVERNMENT: "10",  # government
    Kind.ACADEMIC: "80",  # academic, training and research
    Kind.DONOR: "60",  # foundation
    Kind.BUSINESS: "70",  # private sector
    Kind.MEDIA: "90",  # other: the codelist has no media
}
LOCAL_GOVERNMENT = "11"
# IATI ActivityStatus.
ACTIVITY_STATUS = {
    Status.PLANNED: "1",
    Status.ACTIVE: "2",
    Status.COMPLETED: "3",
    Status.CANCELLED: "5",
    Status.SUSPENDED: "6",
}
# IATI OrganisationRole of each of the project's organizations.
ROLE = {PartnerRole.LEAD: "2", PartnerRole.PARTNER: "4", PartnerRole.COFUNDER: "1"}
FUNDING, ACCOUNTABLE, IMPLEMENTING = "1", "2", "4"
# IATI ActivityDateType.
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
INCOMING_COMMITMENT = "11"
STANDARD_GRANT = "110"
# A co-financing source in kind is no flow of money: it has no finance type.
FINANCE_TYPE = {kind: STANDARD_GRANT for kind in SourceKind.values if kind != SourceKind.IN_KIND}
ACTIVITY_WEB_PAGE = "A12"
OUTCOME = "2"
UNIT = "1"


def organization_ref(organization: Organization) -> str:
    return organization.identifier or f"{PREFIX}-{organization.slug}"


def organization_type(organization: Organization) -> str:
    if organization.legal_form == LegalForm.LOCAL_GOVERNMENT:
        return LOCAL_GOVERNMENT
    return ORGANISATION_TYPE.get(organization.kind, "90")


def activity_identifier(project: Project) -> str:
    return f"{organization_ref(project.lead)}-{project.slug}"


def exported_projects(organization: str = ""):
    """The projects the export holds, with everything it reads of them (a fixed number of queries,
    however many projects): every public one, or those `organization` (a slug) takes part in."""
    projects = Project.objects.known_to(ProjectViewer(None)).filter(lead__published_at__isnull=False)
    if organization:
        projects = projects.filter(
            pk__in=Partner.objects.filter(organization__slug=organization).values("project_id")
        )
    values = Value.objects.order_by("period_start", "pk")
    return (
        projects.select_related("lead", "award__application__call__program__operator")
        .prefetch_related(
            Prefetch(
                "partners",
                queryset=Partner.objects.filter(organization__published_at__isnull=False)
                .select_related("organization__country")
                .order_by("pk"),
            ),
            "countries",
            "themes",
            "budget_lines",
            Prefetch(
                "cofinancing", queryset=Cofinancing.objects.select_related("organization").order_by("pk")
            ),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(Prefetch("values", queryset=values)).order_by(
                    "position", "pk"
                ),
            ),
        )
        .order_by("pk")
    )


def actual_dates(projects: list[Project]) -> dict[int, dict[str, dt.date]]:
    """Project id -> {"start": when it got under way, "end": when it was completed or cancelled}, from the
    audit log (one query)."""
    if not projects:
        return {}
    events = Event.objects.filter(
        verb=Verb.STATUS_CHANGED,
        target_type=ContentType.objects.get_for_model(Project),
        target_id__in=[str(project.pk) for project in projects],
    ).order_by("created_at", "pk")
    dates: dict[int, dict[str, dt.date]] = {}
    for target_id, new, created_at in events.values_list("target_id", "new", "created_at"):
        found = dates.setdefault(int(target_id), {})
        day = timezone.localdate(created_at)
        status = new.get("status")
        if status == Status.ACTIVE:
            found.setdefault("start", day)
            found.pop("end", None)
        elif status in (Status.COMPLETED, Status.CANCELLED):
            found["end"] = day
    return dates


def _moment(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _number(value: Decimal) -> str:
    return format(value, "f")


def _shares(count: int) -> list[str]:
    """`count` percentages with two decimals that add up to exactly 100."""
    each = (Decimal(100) / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return [_number(each)] * (count - 1) + [_number(Decimal(100) - each * (count - 1))]


def _sub(parent: ET.Element, tag: str, attributes: dict | None = None, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: value for key, value in (attributes or {}).items() if value})
    if text is not None:
        element.text = text
    return element


def _narrative(parent: ET.Element, text: str, language: str = "") -> ET.Element:
    return _sub(parent, "narrative", {XML_LANG: language}, text)


def _texts(parent: ET.Element, tag: str, text: str, attributes: dict | None = None) -> ET.Element:
    element = _sub(parent, tag, attributes)
    _narrative(element, text)
    return element


def _organization(parent: ET.Element, tag: str, organization: Organization, project: Project, **attributes):
    name = localized(organization, "name")
    element = _sub(
        parent,
        tag,
        {"ref": organization_ref(organization), "type": organization_type(organization), **attributes},
    )
    _narrative(element, name.value, "" if name.language == project.language else name.language)
    return element


def _participants(activity: ET.Element, project: Project) -> None:
    """The lead accountable, partners implementing, co-funders and the award's funder funding; an
    organization is named once in each role."""
    named: set[tuple[int, str]] = set()

    def add(organization: Organization, role: str) -> None:
        if (organization.pk, role) not in named:
            named.add((organization.pk, role))
            _organization(activity, "participating-org", organization, project, role=role)

    add(project.lead, ACCOUNTABLE)
    for partner in project.partners.all():
        if partner.organization_id != project.lead_id:
            add(partner.organization, ROLE[partner.role])
    award = project.award
    if award is not None:
        funder = award.application.call.program.operator
        if funder.published_at is not None:
            add(funder, FUNDING)
    for source in project.cofinancing.all():
        if source.organization is not None and source.organization.published_at is not None:
            add(source.organization, FUNDING)


def _dates(activity: ET.Element, project: Project, actual: dict[str, dt.date]) -> None:
    # The standard asks for at least one date: a project without its own start has its creation's.
    start = project.starts_on or timezone.localdate(project.created_at)
    _sub(activity, "activity-date", {"type": PLANNED_START, "iso-date": start.isoformat()})
    if "start" in actual:
        _sub(activity, "activity-date", {"type": ACTUAL_START, "iso-date": actual["start"].isoformat()})
    if project.ends_on:
        _sub(activity, "activity-date", {"type": PLANNED_END, "iso-date": project.ends_on.isoformat()})
    if "end" in actual:
        _sub(activity, "activity-date", {"type": ACTUAL_END, "iso-date": actual["end"].isoformat()})


def _countries(activity: ET.Element, project: Project) -> None:
    codes = sorted({country.code for country in project.countries.all()}) or sorted(
        {
            partner.organization.country.code
            for partner in project.partners.all()
            if partner.organization.country_id
        }
    )
    shares = _shares(len(codes)) if len(codes) > 1 else [""] * len(codes)
    for code, share in zip(codes, shares, strict=True):
        _sub(activity, "recipient-country", {"code": code, "percentage": share})


def _sectors(activity: ET.Element, project: Project) -> None:
    themes = sorted(project.themes.all(), key=lambda theme: theme.slug)
    shares = _shares(len(themes)) if len(themes) > 1 else [""] * len(themes)
    vocabulary = absolute_url(reverse("projects:list"))
    for theme, share in zip(themes, shares, strict=True):
        sector = _sub(
            activity,
            "sector",
            {"vocabulary": "99", "vocabulary-uri": vocabulary, "code": theme.slug, "percentage": share},
        )
        _narrative(sector, theme.name)


def yearly_budgets(total: Decimal, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date, Decimal]]:
    """`total` spread over the years of start..end (periods of at most a year), in proportion to their
    days; the cents the rounding leaves go to the last period."""
    periods = []
    begin = start
    while begin <= end:
        try:
            year_later = begin.replace(year=begin.year + 1)
        except ValueError:  # 29 February
            year_later = begin.replace(year=begin.year + 1, day=28)
        finish = min(end, year_later - dt.timedelta(days=1))
        periods.append((begin, finish))
        begin = finish + dt.timedelta(days=1)
    days = (end - start).days + 1
    amounts = [
        (total * ((finish - begin).days + 1) / days).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        for begin, finish in periods
    ]
    amounts[-1] = total - sum(amounts[:-1])
    return [(begin, finish, amount) for (begin, finish), amount in zip(periods, amounts, strict=True)]


def _budgets(activity: ET.Element, project: Project) -> None:
    total = sum((line.amount for line in project.budget_lines.all()), Decimal(0))
    if not total or not (project.starts_on and project.ends_on):
        return
    for begin, finish, amount in yearly_budgets(total, project.starts_on, project.ends_on):
        budget = _sub(activity, "budget", {"type": "1", "status": "1"})  # original, indicative
        _sub(budget, "period-start", {"iso-date": begin.isoformat()})
        _sub(budget, "period-end", {"iso-date": finish.isoformat()})
        _sub(
            budget,
            "value",
            {"currency": project.currency, "value-date": project.starts_on.isoformat()},
            _number(amount),
        )


def _transactions(activity: ET.Element, project: Project) -> None:
    day = (project.starts_on or timezone.localdate(project.created_at)).isoformat()
    for source in project.cofinancing.all():
        transaction = _sub(activity, "transaction")
        _sub(transaction, "transaction-type", {"code": INCOMING_COMMITMENT})
        _sub(transaction, "transaction-date", {"iso-date": day})
        _sub(transaction, "value", {"currency": project.currency, "value-date": day}, _number(source.amount))
        _texts(transaction, "description", f"{source.source} ({source.get_kind_display()})")
        organization = source.organization
        if organization is not None and organization.published_at is not None:
            _organization(transaction, "provider-org", organization, project)
        else:
            _texts(transaction, "provider-org", source.source)
        if source.kind in FINANCE_TYPE:
            _sub(transaction, "finance-type", {"code": FINANCE_TYPE[source.kind]})


def _document_link(activity: ET.Element, project: Project) -> None:
    url = absolute_url(reverse("projects:project", args=[project.slug]))
    link = _sub(activity, "document-link", {"url": url, "format": "text/html"})
    _texts(link, "title", project.title)
    _sub(link, "category", {"code": ACTIVITY_WEB_PAGE})
    _sub(link, "language", {"code": project.language})


def _period(parent: ET.Element, start: dt.date, end: dt.date) -> ET.Element:
    period = _sub(parent, "period")
    _sub(period, "period-start", {"iso-date": start.isoformat()})
    _sub(period, "period-end", {"iso-date": end.isoformat()})
    return period


def _results(activity: ET.Element, project: Project) -> None:
    indicators = list(project.indicators.all())
    if not indicators:
        return
    result = _sub(activity, "result", {"type": OUTCOME})
    goal = project.goal.strip().splitlines()[0] if project.goal.strip() else project.title
    _texts(result, "title", goal)
    first_year = (project.starts_on or timezone.localdate(project.created_at)).year
    for indicator in indicators:
        ascending = "1" if indicator.target >= indicator.baseline else "0"
        element = _sub(result, "indicator", {"measure": UNIT, "ascending": ascending})
        name = f"{indicator.name} ({indicator.unit})" if indicator.unit else indicator.name
        _texts(element, "title", name)
        _sub(
            element,
            "baseline",
            {"year": str(indicator.baseline_year or first_year), "value": _number(indicator.baseline)},
        )
        values = list(indicator.values.all())
        for value in values:
            period = _period(element, value.period_start, value.period_end)
            _sub(period, "target", {"value": _number(indicator.target)})
            actual = _sub(period, "actual", {"value": _number(value.actual)})
            if value.comment:
                _texts(actual, "comment", value.comment)
        if not values and project.starts_on and project.ends_on:
            period = _period(element, project.starts_on, project.ends_on)
            _sub(period, "target", {"value": _number(indicator.target)})


def activity_element(project: Project, actual: dict[str, dt.date]) -> ET.Element:
    """One project as an `iati-activity`, its elements in the order of the schema's sequence."""
    activity = ET.Element(
        "iati-activity",
        {
            "last-updated-datetime": _moment(project.updated_at),
            XML_LANG: project.language,
            "default-currency": project.currency,
        },
    )
    with translation.override(project.language):
        _sub(activity, "iati-identifier", text=activity_identifier(project))
        _organization(activity, "reporting-org", project.lead, project)
        _texts(activity, "title", project.title)
        # The standard requires a description: a project without a summary is described by its goal, or
        # its title.
        _texts(activity, "description", project.summary or project.goal or project.title, {"type": "1"})
        objectives = "\n".join(project.objective_lines)
        if objectives:
            _texts(activity, "description", objectives, {"type": "2"})
        _participants(activity, project)
        _sub(activity, "activity-status", {"code": ACTIVITY_STATUS[project.status]})
        _dates(activity, project, actual)
        _countries(activity, project)
        _sectors(activity, project)
        _budgets(activity, project)
        _transactions(activity, project)
        _document_link(activity, project)
        _results(activity, project)
    return activity


def activities_document(projects: Iterable[Project], *, generated_at: dt.datetime | None = None) -> bytes:
    """The `iati-activities` file of `projects` (from `exported_projects`), as UTF-8 XML."""
    projects = list(projects)
    root = ET.Element(
        "iati-activities", {"version": VERSION, "generated-datetime": _moment(generated_at or timezone.now())}
    )
    dates = actual_dates(projects)
    for project in projects:
        root.append(activity_element(project, dates.get(project.pk, {})))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
