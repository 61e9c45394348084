"""Every write to a joint project itself: creating it (its lead becomes its first organization), changing
it, moving it along its life (the transitions below), and adding or removing its partners.

Each checks permission, validates, writes inside a transaction and records the audit entry. The lead is
always one of the project's `Partner` rows too (role "lead"): created with the project, never removed."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from birge.core.audit import record_event
from birge.core.models import Country, ThematicArea
from birge.funding.awards.models import Award
from birge.funding.programs.models import Currency
from birge.networks.membership.models import NetworkMembership
from birge.networks.networks.models import Network
from birge.networks.networks.models import Visibility as NetworkVisibility
from birge.networks.permissions import SPEAKING_ROLES
from birge.orgs.permissions import role_in
from birge.orgs.profiles.models import Organization
from birge.orgs.profiles.slugs import unique_slug
from birge.projects import checks
from birge.projects.events import Verb
from birge.projects.permissions import can_manage
from birge.projects.plan.models import Activity
from birge.projects.projects.models import Partner, PartnerRole, Project, Status, Visibility

# Words of the site's own pages under /projects/, which a project's address must not take.
RESERVED = frozenset({"new", "mine"})
MAX_TITLE = 200
MAX_TEXT = 10_000
MAX_CONTRIBUTION = 300
# What a project may become from each status; a completed or cancelled project stays so.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.PLANNED: (Status.ACTIVE, Status.CANCELLED),
    Status.ACTIVE: (Status.SUSPENDED, Status.COMPLETED, Status.CANCELLED),
    Status.SUSPENDED: (Status.ACTIVE, Status.CANCELLED),
    Status.COMPLETED: (),
    Status.CANCELLED: (),
}
# The fields `project_update` changes (themes and countries are passed apart).
FIELDS = (
    "title",
    "summary",
    "goal",
    "objectives",
    "language",
    "visibility",
    "starts_on",
    "ends_on",
    "currency",
    "network",
    "peer_development",
    "mentor",
    "mentee",
    "award",
)
LANGUAGES = {code for code, _name in Project._meta.get_field("language").choices}


def secret_slug() -> str:
    """A project of a secret network gets an address that says nothing: one derived from its title would
    collide with a public project of the same title and betray, by the "-2" the other one gets, that it
    exists."""
    return "p-" + secrets.token_hex(6)


def _slug_for(title: str, network: Network | None) -> str:
    if network is not None and network.visibility == NetworkVisibility.SECRET:
        return secret_slug()
    return unique_slug(title, Project.objects.all(), fallback="project", reserved=RESERVED)


def touch(project: Project) -> None:
    """Mark the project as changed when one of its parts (plan, indicators, reports) does: lists sort by
    it, and the IATI export gives it as the activity's last update."""
    now = timezone.now()
    Project.objects.filter(pk=project.pk).update(updated_at=now)
    project.updated_at = now


def _partner_ids(project: Project | None) -> set[int]:
    if project is None or project.pk is None:
        return set()
    return {partner.organization_id for partner in project.partners.all()}


def _clean(values: dict, *, lead: Organization, project: Project | None = None) -> dict:
    """Check every value of a project (a new one when `project` is None) and give them cleaned."""
    errors: dict[str, list[str]] = {}
    values["title"] = checks.line(
        errors, "title", values.get("title"), limit=MAX_TITLE, required=_("Give the project a title.")
    )
    for field in ("summary", "goal", "objectives"):
        values[field] = checks.text(errors, field, values.get(field), limit=MAX_TEXT)
    if values.get("language") not in LANGUAGES:
        errors.setdefault("language", []).append(_("Choose the language of the texts."))
    if values.get("visibility") not in Visibility.values:
        errors.setdefault("visibility", []).append(_("Choose who may see the project."))
    if values.get("currency") not in Currency.values:
        errors.setdefault("currency", []).append(_("Choose a currency."))
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        errors.setdefault("ends_on", []).append(_("The end comes before the start."))
    elif project is not None and (starts_on or ends_on):
        outside = Q(starts_on__lt=starts_on) if starts_on else Q(pk__in=[])
        if ends_on:
            outside |= Q(ends_on__gt=ends_on)
        if Activity.objects.filter(project=project).filter(outside).exists():
            errors.setdefault("starts_on", []).append(
                _("Some activities of the plan fall outside these dates: change them first.")
            )
    network = values.get("network")
    if (
        network is not None
        and (project is None or network.pk != project.network_id)
        and not NetworkMembership.objects.filter(network=network, organization=lead).exists()
    ):
        errors.setdefault("network", []).append(_("Choose a network the lead organization belongs to."))
    _check_peer_development(values, _partner_ids(project) or {lead.pk}, errors)
    award = values.get("award")
    if award is not None and award.organization_id not in (_partner_ids(project) or {lead.pk}):
        errors.setdefault("award", []).append(_("Link an award made to one of the project's organizations."))
    if errors:
        raise ValidationError(errors)
    return values


def _check_peer_development(values: dict, partner_ids: set[int], errors: dict) -> None:
    """Peer development pairs a mentor and a mentee among the project's organizations, across a border."""
    if not values.get("peer_development"):
        values["mentor"] = values["mentee"] = None
        return
    mentor, mentee = values.get("mentor"), values.get("mentee")
    if mentor is None:
        errors.setdefault("mentor", []).append(_("Choose the mentor among the project's organizations."))
    elif mentor.pk not in partner_ids:
        errors.setdefault("mentor", []).append(_("The mentor must be one of the project's organizations."))
    if mentee is None:
        errors.setdefault("mentee", []).append(_("Choose the mentee among the project's organizations."))
    elif mentee.pk not in partner_ids:
        errors.setdefault("mentee", []).append(_("The mentee must be one of the project's organizations."))
    if mentor is None or mentee is None or "mentor" in errors or "mentee" in errors:
        return
    if mentor.pk == mentee.pk:
        errors.setdefault("mentee", []).append(
            _("The mentor and the mentee must be two different organizations.")
        )
    elif mentor.country_id == mentee.country_id:
        errors.setdefault("mentee", []).append(
            _(
                "Peer development links organizations across a border: the mentor and the mentee must be "
                "in different countries."
            )
        )


def project_create(
    *,
    actor,
    lead: Organization,
    title: str,
    summary: str = "",
    goal: str = "",
    objectives: str = "",
    language: str = "ru",
    visibility: str = Visibility.PUBLIC,
    network: Network | None = None,
    themes: list[ThematicArea] | tuple = (),
    countries: list[Country] | tuple = (),
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    currency: str = Currency.USD,
    peer_development: bool = False,
    mentor: Organization | None = None,
    mentee: Organization | None = None,
    award: Award | None = None,
) -> Project:
    """Start a joint project led by `lead`; `actor` must speak for it (owner or editor) and its profile
    must be published. The lead is the project's first organization; partners join through
    `partner_add`. Without countries, the project works in the lead's."""
    if role_in(actor, lead) not in SPEAKING_ROLES:
        raise PermissionDenied
    if not lead.is_published:
        raise ValidationError({"lead": _("Publish the organization's profile before it leads a project.")})
    values = _clean(
        {
            "title": title,
            "summary": summary,
            "goal": goal,
            "objectives": objectives,
            "language": language,
            "visibility": visibility,
            "network": network,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "currency": currency,
            "peer_development": peer_development,
            "mentor": mentor,
            "mentee": mentee,
            "award": award,
        },
        lead=lead,
    )
    with transaction.atomic():
        project = Project.objects.create(
            slug=_slug_for(values["title"], network), lead=lead, created_by=actor, **values
        )
        project.themes.set(themes)
        project.countries.set(countries or [lead.country])
        Partner.objects.create(project=project, organization=lead, role=PartnerRole.LEAD)
        record_event(
            actor,
            Verb.CREATED,
            project,
            new={"project": project.pk, "lead": lead.pk, "visibility": visibility, "status": project.status},
        )
    return project


def _audit_value(value):
    if isinstance(value, (Organization, Network, Award)):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def project_update(
    *,
    actor,
    project: Project,
    themes: list[ThematicArea] | None = None,
    countries: list[Country] | None = None,
    **changes,
) -> Project:
    """Change the project's description, dates, network, peer development or award; its lead only. A project
    that moves into a secret network gets a new address that says nothing."""
    if not can_manage(actor, project):
        raise PermissionDenied
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise TypeError(f"project_update() got unexpected fields {sorted(unknown)}")
    before = {field: getattr(project, field) for field in FIELDS}
    values = _clean({**before, **changes}, lead=project.lead, project=project)
    with transaction.atomic():
        for field in FIELDS:
            setattr(project, field, values[field])
        network = values["network"]
        moved = network is not None and network.pk != getattr(before["network"], "pk", None)
        if moved and network.visibility == NetworkVisibility.SECRET and not project.slug.startswith("p-"):
            project.slug = secret_slug()
        project.save()
        old = {key: _audit_value(value) for key, value in before.items() if values[key] != value}
        new = {key: _audit_value(values[key]) for key in old}
        for name, given, key in (("themes", themes, "slug"), ("countries", countries, "code")):
            if given is None:
                continue
            related = getattr(project, name)
            was = sorted(related.values_list(key, flat=True))
            related.set(given)
            now = sorted(getattr(item, key) for item in given)
            if was != now:
                old[name], new[name] = was, now
        record_event(actor, Verb.CHANGED, project, old=old, new={"project": project.pk, **new})
    return project


def allowed_statuses(project: Project) -> tuple[str, ...]:
    return TRANSITIONS[project.status]


def status_change(*, actor, project: Project, status: str) -> Project:
    """Move the project along its life, as TRANSITIONS allow; its lead only."""
    if not can_manage(actor, project):
        raise PermissionDenied
    if status not in allowed_statuses(project):
        if status not in Status.values:
            message = _("Choose a status.")
        else:
            message = _("A project that is %(now)s cannot become %(then)s.") % {
                "now": project.get_status_display(),
                "then": Status(status).label,
            }
        raise ValidationError({"status": [message]})
    before = project.status
    with transaction.atomic():
        project.status = status
        project.save(update_fields=["status", "updated_at"])
        record_event(
            actor,
            Verb.STATUS_CHANGED,
            project,
            old={"status": before},
            new={"project": project.pk, "status": status},
        )
    return project


def partner_add(
    *,
    actor,
    project: Project,
    organization: Organization,
    role: str = PartnerRole.PARTNER,
    contribution: str = "",
) -> Partner:
    """Add an organization to the project as a partner or a co-funder; the lead only. Its profile must be
    published: a draft is seen by its own members only."""
    if not can_manage(actor, project):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    contribution = checks.line(errors, "contribution", contribution, limit=MAX_CONTRIBUTION)
    if role not in (PartnerRole.PARTNER, PartnerRole.COFUNDER):
        errors.setdefault("role", []).append(_("Choose partner or co-funder."))
    if organization is None:
        errors.setdefault("organization", []).append(_("Choose an organization."))
    elif not organization.is_published:
        errors.setdefault("organization", []).append(
            _("Only an organization with a published profile can join a project.")
        )
    elif organization.pk in _partner_ids(project):
        errors.setdefault("organization", []).append(_("This organization is in the project already."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        partner = Partner.objects.create(
            project=project, organization=organization, role=role, contribution=contribution
        )
        touch(project)
        record_event(
            actor,
            Verb.PARTNER_ADDED,
            project,
            new={"project": project.pk, "organization": organization.pk, "role": role},
        )
    return partner


def partner_remove(*, actor, partner: Partner) -> None:
    """Take an organization out of the project; the lead only, and never the lead itself. An organization
    the peer development or the funding award names stays until they no longer do; the activities it was
    responsible for are left without a responsible organization."""
    project = partner.project
    if not can_manage(actor, project):
        raise PermissionDenied
    if partner.role == PartnerRole.LEAD or partner.organization_id == project.lead_id:
        raise ValidationError(_("The lead organization cannot leave its own project."))
    organization_id = partner.organization_id
    if organization_id in (project.mentor_id, project.mentee_id):
        raise ValidationError(
            _("This organization is the mentor or the mentee of the peer development: change that first.")
        )
    if project.award_id and project.award.organization_id == organization_id:
        raise ValidationError(
            _("The project's funding award was made to this organization: unlink it first.")
        )
    with transaction.atomic():
        Activity.objects.filter(project=project, responsible_id=organization_id).update(responsible=None)
        partner.delete()
        touch(project)
        record_event(
            actor,
            Verb.PARTNER_REMOVED,
            project,
            old={"organization": organization_id, "role": partner.role},
            new={"project": project.pk},
        )
